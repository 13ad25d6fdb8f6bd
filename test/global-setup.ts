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
 * Starts generating and running the example study once for the suite, in a child process, without
 * waiting for it: the test files that need it wait in test/hlt-study/study.ts. Generating the study
 * takes ~2.5 s and running it as long again; done once here instead of in each of three files.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-hlt-study-"));
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
    rmSync(dir, { recursive: true, force: true });
  };
}
