/**
 * The names of trialstat's temporary files and folders, which carry the writer's process id, so
 * that one left behind by a killed run (SIGKILL, a power cut) is recognisable as trialstat's and as
 * abandoned (its process no longer runs), and the next write to the same place removes it:
 *
 * - `.trialstat-staging-<pid>-<random>`: a staging folder inside a run's --out (output-folder.ts);
 * - `.<file>.trialstat-<pid>.tmp` and `.<file>.trialstat-<pid>.previous`: a file being written
 *   beside its target, and the old version kept until the new one is in place (io.ts).
 */
export const STAGING_PREFIX = ".trialstat-staging-";

/** The process id in a staging folder's name, or undefined for any other name. */
export function stagingPid(name: string): number | undefined {
  const m = /^\.trialstat-staging-(\d+)-[A-Za-z0-9]+$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** The temporary name beside `base` (a file name) for a file being written, or the old version kept. */
export function sideFileName(base: string, pid: number, kind: "tmp" | "previous"): string {
  return `.${base}.trialstat-${pid}.${kind}`;
}

/** The process id in a temporary name beside `base`, or undefined for any other name. */
export function sideFilePid(name: string, base: string): number | undefined {
  const prefix = `.${base}.trialstat-`;
  if (!name.startsWith(prefix)) return undefined;
  const m = /^(\d+)\.(tmp|previous)$/.exec(name.slice(prefix.length));
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether the process that made a leftover may still be writing: signal 0 tests for it without
 * sending anything (EPERM: it runs, as another user). This process's own id counts as not running:
 * it has not started writing there, so the leftover is a killed run's whose id was reused.
 */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
