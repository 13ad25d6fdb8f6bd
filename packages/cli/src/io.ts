import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CsvReader, type DataTable, TrialstatError, inputError } from "@trialstat/core";
import { readTextChunks } from "./text-file.js";

/**
 * Reads a CSV extract from disk into a typed table, streaming it (so no whole-file string is held);
 * file-system and encoding failures become input errors.
 */
export function readCsvFile(path: string, shown = path, options: { missing?: readonly string[] } = {}): DataTable {
  const reader = new CsvReader({ source: shown, missing: options.missing });
  for (const chunk of readTextChunks(path, { shown })) reader.push(chunk);
  return reader.end();
}

/** Reads a UTF-8 text file (strictly decoded); file-system and encoding failures become input errors naming the file. */
export function readTextFile(path: string, shown = path): string {
  let text = "";
  for (const chunk of readTextChunks(path, { shown })) text += chunk;
  return text;
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
