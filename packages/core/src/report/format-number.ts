import { log10 } from "../stats/elementary-functions.js";
import { oneLine } from "../errors.js";
/**
 * Numbers for people: a fixed number of significant digits, no exponent for ordinary magnitudes.
 *
 * @example
 * formatSignificant(0.0123456, 4); // "0.01235"
 * formatSignificant(123456.7, 4);  // "123457"
 * formatPValue(3e-20);             // "<0.0001"
 */
export function formatSignificant(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "NA";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const magnitude = Math.floor(log10(Math.abs(x)));
  if (magnitude >= 15 || magnitude < -6) return x.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - magnitude);
  return x.toFixed(Math.min(decimals, 20));
}

export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "NA";
  if (p < 1e-4) return "<0.0001";
  return p.toFixed(4);
}

/**
 * Right-aligns columns of text (the first column left-aligned, or as `align` says per column;
 * undefined: that default) into lines. A cell is one line: a line feed, tab or other control
 * character in it (a level or label from the data) is written as `\n`, `\t`, `\xNN`, so that data
 * can neither start a line of its own (one that looks like an error) nor break the alignment.
 */
export function alignColumns(rows: readonly (readonly string[])[], gap = 2, align?: readonly ("left" | "right" | undefined)[]): string[] {
  rows = rows.map((row) => row.map(oneLine));
  const widths = columnWidths(rows);
  return rows.map((row) =>
    row
      .map((cell, j) => {
        const pad = " ".repeat(widths[j] - [...cell].length);
        return (align?.[j] ?? (j === 0 ? "left" : "right")) === "left" ? cell + pad : pad + cell;
      })
      .join(" ".repeat(gap))
      .trimEnd(),
  );
}

/** The width of each column of `rows` as alignColumns pads it: its longest cell, in code points. */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, j) => (widths[j] = Math.max(widths[j] ?? 0, [...cell].length)));
  return widths;
}
