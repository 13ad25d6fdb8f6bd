import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from "node:fs";
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
 * The folder is in memory when the machine has one to spare (/dev/shm, a tmpfs, with 2 GB free):
 * creating a file there costs a tenth of what it does on this machine's disk (~0.5 ms each), and the
 * tests write tens of thousands (the signal tests swap a folder of 20,000 files; the packed-install
 * test installs 50 MB of packages), which took ~25 s of the suite's CPU time in system calls. Nothing
 * tested depends on the kind of file system: staging and --out are always on the same one. Set
 * TRIALSTAT_TEST_TMP to a folder to put the suite's files there instead.
 *
 * Then starts generating and running the example study once for the suite, in a child process,
 * without waiting for it: the test files that need it wait in test/hlt-study/study.ts. Generating
 * the study takes ~2.5 s and running it as long again; done once here instead of in each of three files.
 */
export default function setup(project: TestProject): () => Promise<void> {
  const base = suiteTmpBase();
  removeAbandoned(base);
  const suiteTmp = mkdtempSync(join(base, `trialstat-suite-${process.pid}-`));
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
    removeFolder(suiteTmp);
  };
}

/**
 * Removes a suite's folder, retrying as `rm -rf` by hand would: a process a test started may still
 * be closing its files (ENOTEMPTY, EBUSY). One removal that failed half-way left 256 MB behind, in
 * memory when the folder is in /dev/shm.
 */
function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** Removes the folders of earlier suites whose process has ended (killed, or their removal failed): named trialstat-suite-PID-…. */
function removeAbandoned(base: string): void {
  for (const name of readdirSync(base)) {
    const pid = Number(/^trialstat-suite-(\d+)-/.exec(name)?.[1]);
    if (Number.isNaN(pid) || pid === process.pid || running(pid)) continue;
    try {
      removeFolder(join(base, name));
    } catch {
      // another suite's leftovers that cannot be removed are not this suite's failure
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

const IN_MEMORY = "/dev/shm";
const TMPFS_MAGIC = 0x01021994;

/** Where the suite's folder goes: TRIALSTAT_TEST_TMP if set, else /dev/shm when it is a writable tmpfs with 2 GB free, else the system's. */
function suiteTmpBase(): string {
  const chosen = process.env.TRIALSTAT_TEST_TMP;
  if (chosen) return chosen;
  try {
    const fs = statfsSync(IN_MEMORY);
    accessSync(IN_MEMORY, constants.W_OK);
    if (fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= 2 * 1024 ** 3) return IN_MEMORY;
  } catch {
    // no /dev/shm here (macOS, Windows, a container without it): the system's temporary folder
  }
  return tmpdir();
}
