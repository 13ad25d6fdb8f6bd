import type { Column, NumericColumn, TextColumn } from "./table.js";
import { parseNumber } from "./table.js";

/** A numeric column object (NaN = missing) for tables built in memory. */
export function numericColumn(name: string, values: Float64Array): NumericColumn {
  return { kind: "number", name, values, text: (i) => (Number.isNaN(values[i]) ? null : String(values[i])) };
}

/** A text column object (null = missing) for tables built in memory. */
export function textColumn(name: string, values: readonly (string | null)[]): TextColumn {
  let numericCount = 0;
  let firstNonNumeric: { row: number; value: string } | undefined;
  values.forEach((v, row) => {
    if (v === null) return;
    if (parseNumber(v) !== undefined) numericCount++;
    else if (!firstNonNumeric) firstNonNumeric = { row, value: v };
  });
  return { kind: "text", name, values, numericCount, firstNonNumeric };
}

/** The same column restricted to some rows. */
export function subsetColumn(c: Column, rows: ArrayLike<number>): Column {
  if (c.kind === "number") return numericColumn(c.name, Float64Array.from(rows, (i) => c.values[i]));
  return textColumn(c.name, Array.from(rows, (i) => c.values[i]));
}
