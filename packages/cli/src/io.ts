import { readFileSync } from "node:fs";
import { type DataTable, inputError, parseCsv } from "@trialstat/core";

/** Reads a CSV extract from disk into a typed table; file-system failures become input errors. */
export function readCsvFile(path: string): DataTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    throw inputError(`cannot read ${path}: ${why}`, { location: { file: path }, hint: "check the path (it is relative to the current directory)" });
  }
  return parseCsv(text, { source: path });
}
