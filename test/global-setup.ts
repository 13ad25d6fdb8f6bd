import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder test/hlt-study/prepare.mjs fills with the example study and its run (see test/hlt-study/study.ts). */
    hltStudy: string;
  }
}

/**
 * Gives the suite a temporary folder of its own, removed when it ends: tests make their folders with
 * `mkdtempSync(join(tmpdir(), …))`, and TMPDIR, set here before the workers start, puts them all in
 * it (worker threads and the processes tests start inherit it). Left in /tmp, a suite's folders
 * piled up to gigabytes and millions of files over a day of runs, and the file system slowed with them.
 *
 * Then starts generating and running the example study once for the suite, in a child process,
 * without waiting for it: the test files that need it wait in test/hlt-study/study.ts. Generating
 * the study takes ~2.5 s and running it as long again; done once here instead of in each of three files.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const suiteTmp = mkdtempSync(join(tmpdir(), "trialstat-suite-"));
  process.env.TMPDIR = suiteTmp;
  const dir = mkdtempSync(join(suiteTmp, "trialstat-hlt-study-"));
  let stderr = "";
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL("hlt-study/prepare.mjs", import.meta.url)), dir], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr!.on("data", (d) => (stderr += d));
  const ended = new Promise<void>((done) =>
    child.on("close", (code, signal) => {
      if (code !== 0) writeFileSync(join(dir, "failed.txt"), `test/hlt-study/prepare.mjs ended with ${signal ?? `exit ${code}`}:\n${stderr}`);
      done();
    }),
  );
  project.provide("hltStudy", dir);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await ended;
    rmSync(suiteTmp, { recursive: true, force: true });
  };
}
