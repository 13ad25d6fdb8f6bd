import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { repoPath } from "../helpers.js";

/** Edits to a copied plan: its SAP's text, and data files by path. */
export interface PlanEdits {
  sap?: (text: string) => string;
  files?: Record<string, (text: string) => string>;
}

/**
 * A scratch copy of a plan's folder (relative to the repository; only `entries` of it when given),
 * with the SAP's text and data files edited by the given functions. Returns the folder; the SAP is
 * folder/sap.yaml.
 */
export function planCopy(folder: string, edit: PlanEdits = {}, entries?: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `trialstat-${basename(folder)}-`));
  if (entries) for (const entry of entries) cpSync(repoPath(join(folder, entry)), join(dir, entry), { recursive: true });
  else cpSync(repoPath(folder), dir, { recursive: true });
  if (edit.sap) writeFileSync(join(dir, "sap.yaml"), edit.sap(readFileSync(join(dir, "sap.yaml"), "utf8")));
  for (const [file, f] of Object.entries(edit.files ?? {})) writeFileSync(join(dir, file), f(readFileSync(join(dir, file), "utf8")));
  return dir;
}

/** A scratch copy of test/sap/mini, edited (planCopy). */
export function miniCopy(edit: PlanEdits = {}): string {
  return planCopy("test/sap/mini", edit);
}
