import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import { type PlanInput, inputError } from "@trialstat/core";
import type { CommandContext } from "./context.js";
import { readTextFile } from "./io.js";
import { readTextChunks } from "./text-file.js";

/**
 * The plan's files: the SAP and the sources it names, read relative to the SAP's folder. A source
 * outside that folder is refused unless --allow-outside is given: a plan should travel with its
 * data, and a typo such as ../../etc/passwd must not be read.
 */
export function planInput(ctx: Pick<CommandContext, "path">, sapPath: string, options: { allowOutside?: boolean } = {}): PlanInput {
  const sapText = readTextFile(ctx.path(sapPath), sapPath);
  const folder = dirname(ctx.path(sapPath));
  const locate = (file: string) => {
    const full = resolve(folder, file);
    const rel = relative(folder, full);
    if (!options.allowOutside && (rel.startsWith("..") || isAbsolute(rel))) {
      throw inputError(`the source file ${file} lies outside the SAP's folder`, { location: { file }, hint: "move the data beside the SAP, or pass --allow-outside" });
    }
    if (!existsSync(full)) throw inputError(`the source file ${file} does not exist (looked for ${full})`, { location: { file }, hint: "paths in a SAP are relative to the SAP's folder" });
    return full;
  };
  const digests = new Map<string, string>();
  return {
    sapText,
    sapFile: basename(sapPath),
    readFile: (file) => readTextFile(locate(file), file),
    // checked now (so a missing file is reported against the SAP), read as it is consumed, hashed
    // (the file's bytes) on the way
    readChunks: (file) => readTextChunks(locate(file), { shown: file, onDigest: (digest) => digests.set(file, digest) }),
    sourceHash: (file) => digests.get(file),
  };
}

export function lockPath(sapPath: string): string {
  return `${sapPath}.lock`;
}

export function readJsonFile<T>(ctx: Pick<CommandContext, "path">, path: string, what: string): T {
  const text = readTextFile(ctx.path(path), path);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw inputError(`${path} is not valid JSON (${what}): ${(e as Error).message}`, { location: { file: path } });
  }
}

