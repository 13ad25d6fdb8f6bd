import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inputError } from "@trialstat/core";
import { version } from "@trialstat/core/version";
import { STAGING_PREFIX } from "./leftovers.js";

/**
 * The file trialstat leaves in every output folder it writes (`trialstat run SAP --out DIR`, and the
 * --out of cba, fidelity and monitor): which trialstat and which command wrote the folder, and every
 * file it wrote there, with the sha256 of its bytes. It is how a later run knows what it may replace
 * or remove: a file named here and still holding those bytes is trialstat's; anything else in the
 * folder is the user's and is never touched. Only the command that wrote a folder writes into it
 * again: another would remove the files it does not write itself (output-folder.ts).
 *
 * Example (`DIR/.trialstat-manifest.json`):
 *
 *     { "written_by": "trialstat 0.1.0", "command": "run", "files": { "flow.json": "9f2c…", "plots/forest-all.svg": "07ab…" } }
 */
export const MANIFEST_FILE = ".trialstat-manifest.json";

/**
 * The commands that write an output folder, each with a file it always writes there and no other
 * command does: how a manifest written before manifests named their command tells which one it was.
 */
export const OUTPUT_COMMAND_FILES = { run: "results.json", cba: "economics.json", fidelity: "fidelity.json", monitor: "monitoring.json" } as const;

export type OutputCommand = keyof typeof OUTPUT_COMMAND_FILES;

export interface Manifest {
  /**
   * The command that wrote the folder, e.g. `run`: as recorded, or for a manifest that records none
   * (written before it did), the one whose file it names; undefined when that does not tell.
   */
  command: string | undefined;
  /** Relative path (with `/`) → sha256 of the bytes trialstat wrote there. */
  files: ReadonlyMap<string, string>;
}

/** The manifest's text for a command's files (relative path → sha256): sorted, so the same outputs give the same bytes. */
export function manifestText(command: OutputCommand, files: ReadonlyMap<string, string>): string {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ written_by: `trialstat ${version}`, command, files: sorted }, null, 2)}\n`;
}

/** sha256 (hex) of a file's bytes, as the manifest records it. */
export function sha256(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** sha256 of a file on disk. */
export function fileSha256(path: string): string {
  return sha256(readFileSync(path));
}

/**
 * Reads a manifest, refusing one that trialstat cannot have written (not JSON, no `written_by`, a
 * path that leaves the folder): such a folder is not trusted as trialstat's.
 */
export function readManifest(path: string, shown: string): Manifest {
  const refuse = (why: string) =>
    inputError(`${shown} is not a manifest trialstat wrote (${why})`, {
      hint: "trialstat replaces only the files a valid manifest names: give another --out, or remove this folder yourself",
    });
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw refuse((e as Error).message);
  }
  const d = doc as { written_by?: unknown; command?: unknown; files?: unknown };
  if (typeof d !== "object" || d === null || typeof d.written_by !== "string" || !d.written_by.startsWith("trialstat ")) throw refuse('no "written_by": "trialstat …"');
  if (d.command !== undefined && (typeof d.command !== "string" || !Object.hasOwn(OUTPUT_COMMAND_FILES, d.command))) {
    throw refuse(`its "command" is not one of ${Object.keys(OUTPUT_COMMAND_FILES).join(", ")}`);
  }
  if (typeof d.files !== "object" || d.files === null || Array.isArray(d.files)) throw refuse('no "files" object');
  const files = new Map<string, string>();
  for (const [file, hash] of Object.entries(d.files)) {
    if (!isOutputPath(file)) throw refuse(`it names "${file}", which is not a path inside the folder`);
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) throw refuse(`the sha256 of ${file} is not 64 hex digits`);
    files.set(file, hash);
  }
  return { command: d.command ?? commandOfFiles(files), files };
}

/** The one command whose own file a manifest names, if exactly one does. */
function commandOfFiles(files: ReadonlyMap<string, string>): OutputCommand | undefined {
  const named = (Object.keys(OUTPUT_COMMAND_FILES) as OutputCommand[]).filter((c) => files.has(OUTPUT_COMMAND_FILES[c]));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * Whether a relative path names a file trialstat may write inside an output folder: `/`-separated
 * segments, none empty, `.` or `..`, no backslash or NUL, and not the manifest or a staging folder.
 */
export function isOutputPath(file: string): boolean {
  const parts = file.split("/");
  if (parts.some((p) => p === "" || p === "." || p === ".." || /[\\\0]/.test(p))) return false;
  return parts[0] !== MANIFEST_FILE && !parts[0].startsWith(STAGING_PREFIX);
}

