import { chmodSync, copyFileSync, linkSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CsvReader, type DataTable, TrialstatError, dataFormatOf, inputError, readDataBytes } from "@trialstat/core";
import type { Interrupts } from "./interrupts.js";
import { isRunning, sideFileName, sideFilePid } from "./leftovers.js";
import { makeFolders, rmdirQuietly } from "./folders.js";
import { type GuardedPath, type OutputTarget, cannotWrite, refuseGuarded, resolveTarget, sameIdentity } from "./output-target.js";
import { fileSizeHint, readFileBytes, readTextChunks } from "./text-file.js";

/**
 * Reads a CSV extract from disk into a typed table, streaming it (so no whole-file string is held);
 * file-system and encoding failures become input errors.
 */
export function readCsvFile(path: string, shown = path, options: { missing?: readonly string[] } = {}): DataTable {
  const reader = new CsvReader({ source: shown, missing: options.missing, sizeHint: fileSizeHint(path) });
  for (const chunk of readTextChunks(path, { shown })) reader.push(chunk);
  return reader.end();
}

/**
 * Reads a data file into a typed table, picking the reader by its extension: .csv.gz, .dta, .sav,
 * .zsav, .parquet, .arrow, .feather and .xlsx are read from their bytes by core's readers; anything
 * else is read as CSV, streamed.
 */
export function readDataFile(path: string, shown = path, options: { missing?: readonly string[]; sheet?: string } = {}): DataTable {
  const format = dataFormatOf(shown);
  if (format === undefined || format === "csv") {
    refuseSheet(options.sheet, shown);
    return readCsvFile(path, shown, options);
  }
  return readDataBytes(readFileBytes(path, shown), { source: shown, format, missing: options.missing, sheet: options.sheet });
}

/** --sheet given for data that are not a spreadsheet (a CSV file, or CSV on standard input): an input error. */
export function refuseSheet(sheet: string | undefined, shown: string): void {
  if (sheet !== undefined) throw inputError(`--sheet ${sheet} was given, but this file is not a spreadsheet`, { location: { file: shown }, hint: "--sheet applies to .xlsx files only" });
}

/** Reads a UTF-8 text file (strictly decoded); file-system and encoding failures become input errors naming the file. */
export function readTextFile(path: string, shown = path): string {
  let text = "";
  for (const chunk of readTextChunks(path, { shown })) text += chunk;
  return text;
}

/** A file a command writes (`--out scores.csv`): the option, the path as given, and made absolute. */
export interface FileOutput {
  flag: string;
  shown: string;
  path: string;
}

/**
 * Checks a command's output files before any work, so that a refused command has written nothing:
 * each is resolved through symbolic links (a link is written through, at its target) and refused
 * (exit 2) if it is a folder or not a regular file, if it is one of the command's inputs (compared
 * by path and by device and inode, so a hard link counts), or if two outputs are the same file. An
 * existing regular file that is no input is replaced, as `>` would, keeping its permissions.
 */
export function checkOutputFiles(outputs: readonly FileOutput[], inputs: readonly GuardedPath[]): OutputTarget[] {
  const targets: OutputTarget[] = [];
  for (const out of outputs) {
    refuseDash(out);
    const target = resolveTarget(out.flag, out.shown, out.path);
    refuseGuarded(target, inputs, "write to a new file: trialstat never replaces a file it reads");
    if (target.stat?.isDirectory()) throw inputError(`${out.flag} ${out.shown} is a folder`, { hint: `${out.flag} names a file to write, e.g. ${out.flag} ${exampleFile(out.flag)}` });
    if (target.stat && !target.stat.isFile()) throw inputError(`${out.flag} ${out.shown} is not a regular file`, { hint: "give the name of a new or ordinary file (without the option, the output goes to standard output)" });
    const same = targets.find((t) => t.real === target.real || (t.stat && target.stat && sameIdentity(t.stat, target.stat)));
    if (same) throw inputError(`${same.flag} ${same.shown} and ${out.flag} ${out.shown} are the same file`, { hint: `give ${out.flag} a file of its own` });
    targets.push(target);
  }
  return targets;
}

/** A file name an output option's hint can give. */
function exampleFile(flag: string): string {
  return flag === "--report" ? "report.md" : "out.csv";
}

/**
 * `--out -`: as `--data -` reads standard input, a user may expect it to write standard output, but
 * it would make a file named "-". It is refused rather than taken to mean standard output: leaving
 * the option out already writes there, and one meaning for "-" would not serve every output (fit's
 * xlsx needs a file; weights' --report has no standard-output form, and two outputs cannot share it).
 */
function refuseDash(out: FileOutput): void {
  if (out.shown !== "-") return;
  const stdout = out.flag === "--out";
  throw inputError(`${out.flag} - would write a file named "-"${stdout ? ", not standard output" : ""}`, {
    hint: `${stdout ? "omit --out to write to standard output, or name a file" : "name a file"}, e.g. ${out.flag} ${exampleFile(out.flag)} (./- for a file named "-")`,
  });
}

/**
 * Writes a file atomically: to a temporary file in the same directory, then renamed over the
 * target, so a failure never leaves half a file (or clobbers a good one). See writeFilesAtomic.
 */
export function writeFileAtomic(path: string, text: string, interrupts?: Interrupts): void {
  writeFilesAtomic([{ path, text }], interrupts);
}

/**
 * Writes several files all or nothing. Each is written to `.<name>.trialstat-<pid>.tmp` beside its
 * target (symbolic links followed, missing folders made with the umask's mode); only when all are
 * written are they renamed into place, each replaced file being kept as a hard link until every
 * rename has succeeded, so that a failure part-way puts the old files back. A replaced file keeps
 * its permissions; a new one gets the umask's. Interrupting signals are deferred while this runs
 * (interrupts.ts), so the files are written whole or not at all; temporary files of a killed
 * writer (its process gone) are removed.
 */
export function writeFilesAtomic(files: readonly { path: string; text: string | Uint8Array; flag?: string; shown?: string }[], interrupts?: Interrupts): void {
  if (files.length === 0) return;
  interrupts?.defer();
  const steps: { tmp: string; keep?: string; target: string; made: string[] }[] = [];
  let current = files[0];
  try {
    for (const file of files) {
      current = file;
      const target = resolveTarget(file.flag ?? "", file.shown ?? file.path, file.path).real;
      const dir = dirname(target);
      const step = { tmp: join(dir, sideFileName(basename(target), process.pid, "tmp")), target, made: makeFolders(dir) };
      steps.push(step);
      removeAbandoned(dir, basename(target));
      writeFileSync(step.tmp, file.text);
      const old = statOrUndefined(target);
      if (old) chmodSync(step.tmp, old.mode & 0o7777);
    }
    // every replaced file keeps a second name until all renames have succeeded
    for (const s of steps) {
      if (!statOrUndefined(s.target)) continue;
      s.keep = join(dirname(s.target), sideFileName(basename(s.target), process.pid, "previous"));
      try {
        linkSync(s.target, s.keep);
      } catch {
        copyFileSync(s.target, s.keep); // a file system without hard links
      }
    }
    let moved = 0;
    let keepsNeeded = false;
    try {
      for (const [k, s] of steps.entries()) {
        current = files[k];
        renameSync(s.tmp, s.target);
        moved++;
      }
    } catch (e) {
      keepsNeeded = true; // until the old files are back: should putting one back fail, its copy stays
      for (const s of steps.slice(0, moved).reverse()) {
        if (s.keep) renameSync(s.keep, s.target);
        else rmSync(s.target, { force: true });
        s.keep = undefined;
      }
      keepsNeeded = false;
      throw e;
    } finally {
      if (!keepsNeeded) for (const s of steps) if (s.keep) rmSync(s.keep, { force: true });
    }
  } catch (e) {
    for (const s of steps.reverse()) {
      rmSync(s.tmp, { force: true });
      for (const dir of s.made.reverse()) rmdirQuietly(dir);
    }
    throw e instanceof TrialstatError ? e : cannotWrite(current.flag ?? "", current.shown ?? current.path, e);
  }
}

/** Temporary files beside `base` left by a writer that no longer runs (leftovers.ts). */
function removeAbandoned(dir: string, base: string): void {
  for (const name of readdirSync(dir)) {
    const pid = sideFilePid(name, base);
    if (pid !== undefined && !isRunning(pid)) rmSync(join(dir, name), { force: true });
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
