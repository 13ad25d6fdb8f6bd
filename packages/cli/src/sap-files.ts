import { createHash } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { type Lock, type ParsedSap, type PlanInput, inputError, lockFromJson, parseSap } from "@trialstat/core";
import { workerBlockMapperSync } from "./bootstrap-workers-sync.js";
import type { CommandContext } from "./context.js";
import { lstatOrUndefined } from "./folders.js";
import { readTextFile } from "./io.js";
import { fileSizeHint, readFileBytes, readTextChunks } from "./text-file.js";

/**
 * The plan's files: the SAP and the sources it names, read relative to the SAP's folder. A source
 * outside that folder is refused unless --allow-outside is given: a plan should travel with its
 * data, and a typo such as ../../etc/passwd must not be read. The check is made twice: on the path
 * as written (`../x.csv` is outside; `..x.csv` is a file name) and on the real path after every
 * symbolic link is resolved, so a link in the folder that points outside it (to /etc/passwd, say)
 * is refused too. Only regular files are read (see text-file.ts).
 *
 * The plan's lock (SAP.lock), when there is one, is read too, so that a run can record whether the
 * plan it follows is the registered one. The run's steps, and each piece of a source read, move the
 * progress line on (progress.ts). The SAP is parsed here, once, for the command and the run
 * (`parsed`); a caller that has read and parsed it already passes both (`read`), so that the plan
 * run is the plan it checked.
 */
export function planInput(
  ctx: Pick<CommandContext, "path" | "progress">,
  sapPath: string,
  options: { allowOutside?: boolean; read?: { sapText: string; parsed: ParsedSap } } = {},
): PlanInput {
  const sapText = options.read?.sapText ?? readSapText(ctx, sapPath);
  const folder = dirname(ctx.path(sapPath));
  const locate = (file: string) => {
    const full = resolve(folder, file);
    const outside = (path: string, base: string) => {
      const rel = relative(base, path);
      return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
    };
    const refuse = (what: string) =>
      inputError(`the source file ${file} ${what}`, { location: { file }, hint: "move the data into the SAP's folder (or a folder below it), or pass --allow-outside" });
    if (!options.allowOutside && outside(full, folder)) throw refuse("lies outside the SAP's folder");
    // resolve() drops a trailing slash, which names a folder: `data/a.csv/` is not the file data/a.csv
    if (/[\\/]$/.test(file)) throw inputError(`the source file ${file} ends with a slash, which names a folder`, { location: { file }, hint: "name the file without the trailing slash" });
    // asked of the path as written, not as resolve() tidied it: the system, like cat, finds no file
    // at data/a.csv/. or data/missing/../a.csv, which resolve() turns into data/a.csv
    const asWritten = isAbsolute(file) ? file : `${folder}${sep}${file}`;
    if (!existsSync(asWritten)) {
      const link = lstatOrUndefined(asWritten)?.isSymbolicLink();
      throw inputError(`the source file ${file} ${link ? "is a symbolic link to nothing (or to itself, through a loop of links)" : "does not exist"} (looked for ${asWritten})`, {
        location: { file },
        hint: link ? "point the link at the data file, or name the file itself" : "paths in a SAP are relative to the SAP's folder",
      });
    }
    if (!options.allowOutside) {
      const real = realpathSync(full);
      if (outside(real, realpathSync(folder))) throw refuse(`is a link to ${real}, outside the SAP's folder`);
    }
    return full;
  };
  const digests = new Map<string, string>();
  return {
    sapText,
    sapFile: basename(sapPath),
    parsed: options.read?.parsed ?? parsedOrUndefined(sapText, basename(sapPath)),
    readFile: (file) => readTextFile(locate(file), file),
    // checked now (so a missing file is reported against the SAP), read as it is consumed, hashed
    // (the file's bytes) on the way
    readChunks: (file) => ticking(readTextChunks(locate(file), { shown: file, onDigest: (digest) => digests.set(file, digest) }), () => ctx.progress.tick()),
    sizeOf: (file) => {
      try {
        return fileSizeHint(locate(file));
      } catch {
        return undefined; // only a hint: readChunks reports what is wrong with the file
      }
    },
    sourceHash: (file) => digests.get(file),
    lock: readLock(ctx, lockPath(sapPath)),
    readBytes: (file) => {
      const bytes = readFileBytes(locate(file), file);
      digests.set(file, createHash("sha256").update(bytes).digest("hex"));
      return bytes;
    },
    onStep: (step, detail) => ctx.progress.step(detail === undefined ? step : `${step} ${detail}`),
    // a large bootstrap on one thread per core (the same bytes as one thread), the progress line's
    // seconds kept moving while this thread waits on them
    mapBootstrapBlocks: workerBlockMapperSync(undefined, { onWait: () => ctx.progress.tick() }),
  };
}

/** The chunks, calling `tick` after each (a large source takes a while to read). */
function* ticking(chunks: Iterable<string>, tick: () => void): Generator<string> {
  for (const chunk of chunks) {
    yield chunk;
    tick();
  }
}

/** The most a SAP may weigh: a plan is a few kilobytes of YAML, and the YAML reader holds it all. */
const MAX_SAP_BYTES = 16 * 2 ** 20;

/**
 * A SAP's text (a regular file of at most MAX_SAP_BYTES, strictly UTF-8): every command that takes
 * a SAP reads it here first. A path ending in a slash names a folder, and is refused though the
 * system reads `sap.yaml/` as the file (ctx.path resolves it away): the lock beside the SAP would be
 * looked for, and made, inside it (`sap.yaml/.lock`).
 */
export function readSapText(ctx: Pick<CommandContext, "path">, sapPath: string): string {
  if (/[\\/]$/.test(sapPath)) {
    throw inputError("cannot read the SAP: the path ends with a slash, which names a folder, not a file", {
      location: { file: sapPath },
      hint: `give the SAP's file without the trailing slash: ${sapPath.replace(/[\\/]+$/, "") || "its name"}`,
    });
  }
  let text = "";
  for (const chunk of readTextChunks(ctx.path(sapPath), { shown: sapPath, limit: { bytes: MAX_SAP_BYTES, what: "a SAP" } })) text += chunk;
  return text;
}

export function lockPath(sapPath: string): string {
  return `${sapPath}.lock`;
}

/** The SAP's lock, checked (core's lockFromJson), or undefined when the plan has not been locked. */
export function readLock(ctx: Pick<CommandContext, "path">, path: string): Lock | undefined {
  if (!pathExists(ctx.path(path))) return undefined;
  return lockFromJson(readTextFile(ctx.path(path), path), path);
}

/** Whether anything (a file, a folder, even a dangling link) is at the path. */
export function pathExists(path: string): boolean {
  return lstatOrUndefined(path) !== undefined;
}

/** The SAP parsed, or undefined if parsing throws (a plan nested too deep): runPlan then parses it again and reports the error. */
function parsedOrUndefined(sapText: string, sapFile: string): ParsedSap | undefined {
  try {
    return parseSap(sapText, sapFile);
  } catch {
    return undefined;
  }
}
