import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inputError } from "@trialstat/core";
import { version } from "@trialstat/core/version";
import { STAGING_PREFIX } from "./leftovers.js";

/**
 * The file trialstat leaves in every output folder it writes (`trialstat run SAP --out DIR`): which
 * trialstat wrote the folder and every file it wrote there, with the sha256 of its bytes. It is how
 * a later run knows what it may replace or remove: a file named here and still holding those bytes
 * is trialstat's; anything else in the folder is the user's and is never touched.
 *
 * Example (`DIR/.trialstat-manifest.json`):
 *
 *     { "written_by": "trialstat 0.1.0", "files": { "flow.json": "9f2c…", "plots/forest-all.svg": "07ab…" } }
 */
export const MANIFEST_FILE = ".trialstat-manifest.json";

/** Relative path (with `/`) → sha256 of the bytes trialstat wrote there. */
export type Manifest = ReadonlyMap<string, string>;

/** The manifest's text for a set of files (relative path → text): sorted, so the same outputs give the same bytes. */
export function manifestText(files: ReadonlyMap<string, string>): string {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ written_by: `trialstat ${version}`, files: sorted }, null, 2)}\n`;
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
  const d = doc as { written_by?: unknown; files?: unknown };
  if (typeof d !== "object" || d === null || typeof d.written_by !== "string" || !d.written_by.startsWith("trialstat ")) throw refuse('no "written_by": "trialstat …"');
  if (typeof d.files !== "object" || d.files === null || Array.isArray(d.files)) throw refuse('no "files" object');
  const files = new Map<string, string>();
  for (const [file, hash] of Object.entries(d.files)) {
    if (!isOutputPath(file)) throw refuse(`it names "${file}", which is not a path inside the folder`);
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) throw refuse(`the sha256 of ${file} is not 64 hex digits`);
    files.set(file, hash);
  }
  return files;
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

