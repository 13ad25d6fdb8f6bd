import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type DataTable, TrialstatError, inputError, parseCsv } from "@trialstat/core";

/** Reads a CSV extract from disk into a typed table; file-system failures become input errors. */
export function readCsvFile(path: string, options: { missing?: readonly string[] } = {}): DataTable {
  return parseCsv(readTextFile(path), { source: path, missing: options.missing });
}

/** Reads a UTF-8 text file; file-system failures become input errors naming the file. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    throw inputError(`cannot read ${path}: ${why}`, { location: { file: path }, hint: "check the path (it is relative to the current directory)" });
  }
}

/**
 * Writes a file atomically: to a temporary file in the same directory, then renamed over the
 * target, so a failure never leaves half a file (or clobbers a good one).
 */
export function writeFileAtomic(path: string, text: string): void {
  writeFilesAtomic([{ path, text }]);
}

/**
 * Writes several files all or nothing, as far as a file system allows: every file is written to a
 * temporary file beside its target first; only when all are written are they renamed into place.
 * A failure while writing removes the temporary files and leaves every target untouched.
 */
export function writeFilesAtomic(files: readonly { path: string; text: string }[]): void {
  const written: { tmp: string; path: string }[] = [];
  try {
    for (const { path, text } of files) {
      const dir = dirname(path);
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        // reported by the write below
      }
      const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
      try {
        writeFileSync(tmp, text);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw inputError(`cannot write ${path}: ${(e as Error).message}`, { location: { file: path }, hint: "check that the directory exists and is writable" });
      }
      written.push({ tmp, path });
    }
    for (const { tmp, path } of written) renameSync(tmp, path);
  } catch (e) {
    for (const { tmp } of written) rmSync(tmp, { force: true });
    throw e instanceof TrialstatError ? e : inputError(`cannot write ${files.map((f) => f.path).join(", ")}: ${(e as Error).message}`, { hint: "check that the directory exists and is writable" });
  }
}
