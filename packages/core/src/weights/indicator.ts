import type { DataTable } from "../data/table.js";
import { inputError, quoteValue } from "../errors.js";
import { yesNo } from "../data/yes-no.js";

/**
 * Reads a yes/no column — survey response, or eligibility — as 0/1.
 *
 * Accepted values: those of `yesNo` (data/yes-no.ts): 1, yes, y, true → 1 and 0, no, n, false → 0,
 * in any case; numbers must be exactly 0 or 1. Only the rows in `rows` are read;
 * a missing or other value in one of them is an input error naming the column, line and value,
 * because guessing (e.g. reading a blank as "did not respond") would silently move people
 * between respondents and non-respondents.
 *
 * @example
 * readIndicator(parseCsv("r\nyes\nNo\n1\n"), "r", "response"); // Uint8Array [1, 0, 1]
 */
export function readIndicator(table: DataTable, name: string, role: "response" | "eligibility", rows?: ArrayLike<number>): Uint8Array {
  const col = table.column(name);
  const out = new Uint8Array(table.nRows);
  const n = rows ? rows.length : table.nRows;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    const text = col.kind === "number" ? (Number.isNaN(col.values[i]) ? null : col.text(i)) : col.values[i];
    const value = text === null ? undefined : yesNo(text);
    if (value === undefined) {
      const what = text === null ? "is missing" : `has the value ${quoteValue(text)}`;
      throw inputError(`the ${role} column ${name} ${what}; it must be 0/1, yes/no or true/false`, {
        location: { file: table.source, line: table.lineOf(i), column: name },
        hint: role === "response" ? "code every eligible person as responded (1, yes) or not (0, no)" : "code every row as eligible (1, yes) or not (0, no)",
        remedies: role === "response" && text === null ? [{ setting: "eligible", reason: "leave out people not eligible for the survey" }] : [],
      });
    }
    out[i] = value;
  }
  return out;
}
