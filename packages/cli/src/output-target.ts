import { type Stats, lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { inputError } from "@trialstat/core";
import type { FileIdentity } from "./context.js";

/** A path named on the command line for output (`--out results`), as shown to the user and as found on disk. */
export interface OutputTarget {
  /** The option that named it, e.g. `--out`. */
  flag: string;
  /** As the user wrote it. */
  shown: string;
  /** Where trialstat writes: the path with every symbolic link resolved (a symlinked --out writes through to its target). */
  real: string;
  /** What is there now (lstat of `real`), if anything. */
  stat?: Stats;
}

/** A file the command reads, which no output may replace or contain: the SAP, a source, --data. */
export interface GuardedPath {
  /** Its path; none for standard input, known by its identity alone. */
  path?: string;
  /** Its device and inode, when it has no path (standard input redirected from a file). */
  identity?: FileIdentity;
  /** How messages name it, e.g. `the SAP (sap.yaml)`, `the --data file`. */
  what: string;
}

/**
 * Resolves an output path (an empty one is refused as empty): symbolic links anywhere in it are followed (so a symlinked folder or file
 * is written through, at its target), and missing trailing parts are kept as they are (they are made
 * at the write). A link to nothing, or a path through a file, is refused.
 *
 * Example: with `latest -> runs/2024-06`, `resolveTarget("--out", "latest", "/w/latest")` gives
 * `real: "/w/runs/2024-06"`.
 */
export function resolveTarget(flag: string, shown: string, absolute: string): OutputTarget {
  // '' resolves to the current folder, which would then be refused as what it contains (the --data file)
  if (shown === "") {
    throw inputError(`${flag || "the output path"} is empty`, { hint: flag ? `give ${flag} a path` : "give a path" });
  }
  let existing = absolute;
  const missing: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(existing) === existing) throw cannotWrite(flag, shown, e);
      missing.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  let realExisting: string;
  try {
    realExisting = realpathSync(existing);
  } catch {
    throw inputError(`${named(flag, shown)} goes through a symbolic link to nothing (${existing})`, {
      hint: "make what the link points to, or give another path",
    });
  }
  if (missing.length > 0 && !lstatSync(realExisting).isDirectory()) {
    throw inputError(`${named(flag, shown)} cannot be made: ${existing} is a file, not a folder`, { hint: "give a path whose parent is a folder" });
  }
  const real = join(realExisting, ...missing);
  if (missing.length > 0) return { flag, shown, real };
  try {
    return { flag, shown, real, stat: lstatSync(real) };
  } catch {
    // /dev/stdin on a pipe resolves to "/proc/<pid>/fd/pipe:[…]", a name no file has
    throw inputError(`${named(flag, shown)} leads to ${real}, which is not a file trialstat can write (a pipe or a socket?)`, {
      hint: "give the name of a new or ordinary file (without the option, the output goes to standard output)",
    });
  }
}

/**
 * Refuses an output that is one of the files the command reads, or a folder containing one (at any
 * depth): writing there could replace the plan or its data. Paths are compared with symbolic links
 * resolved, and existing files also by device and inode, so a hard link to an input is recognised.
 */
export function refuseGuarded(target: OutputTarget, guarded: readonly GuardedPath[], hint: string): void {
  for (const g of guarded) {
    if (g.identity && target.stat?.isFile() && sameIdentity(target.stat, g.identity)) throw inputError(`${named(target.flag, target.shown)} is ${g.what}`, { hint });
  }
  const resolved = guarded.flatMap((g) => (g.path === undefined ? [] : [{ ...g, path: g.path, real: realOrSelf(g.path) }]));
  for (const g of resolved) {
    if (g.real === target.real || sameFile(target.stat, g.real)) throw inputError(`${named(target.flag, target.shown)} is ${g.what}`, { hint });
  }
  for (const g of resolved) {
    if (isInside(g.real, target.real) || isInside(g.path, target.real)) throw inputError(`${named(target.flag, target.shown)} contains ${g.what}`, { hint });
  }
}

/** Whether `path` lies inside the folder `folder` (at any depth). */
export function isInside(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function sameFile(stat: Stats | undefined, path: string): boolean {
  if (!stat?.isFile()) return false;
  try {
    return sameIdentity(lstatSync(path), stat);
  } catch {
    return false;
  }
}

/** Whether two stats (or identities) are of one file: the same device and inode, whatever the names. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** A file-system failure while looking at or writing an output, as a one-line input error. */
export function cannotWrite(flag: string, shown: string, e: unknown): Error {
  return inputError(`cannot write ${named(flag, shown)}: ${writeFailure(e)}`, { hint: "check that the folder exists and is writable; nothing was changed" });
}

/** Why a write failed, in words: "the disk is full", "permission denied", else the system's message. */
export function writeFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOSPC" ? "the disk is full" : code === "EROFS" ? "read-only file system" : (e as Error).message;
}

/** How a message names an output: `--out results`, or just the path when no option named it. */
export function named(flag: string, shown: string): string {
  return flag ? `${flag} ${shown}` : shown;
}
