import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoPath } from "../helpers.js";

/**
 * A scratch copy of test/sap/mini, with the SAP's text and data files edited by the given functions.
 * Returns the folder; the SAP is folder/sap.yaml.
 */
export function miniCopy(edit: { sap?: (text: string) => string; files?: Record<string, (text: string) => string> } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-mini-"));
  cpSync(repoPath("test/sap/mini"), dir, { recursive: true });
  if (edit.sap) writeFileSync(join(dir, "sap.yaml"), edit.sap(readFileSync(join(dir, "sap.yaml"), "utf8")));
  for (const [file, f] of Object.entries(edit.files ?? {})) writeFileSync(join(dir, file), f(readFileSync(join(dir, file), "utf8")));
  return dir;
}
