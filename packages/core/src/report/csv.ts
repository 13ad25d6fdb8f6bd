import { type DataTable, cellSourceText, isPlainNumber } from "../data/table.js";

/**
 * CSV output that is safe to open in a spreadsheet (RFC 4180 quoting; formula injection neutralised).
 *
 * A text cell starting with = + - @ (or a tab / carriage return) would be run as a formula by
 * Excel or LibreOffice; such cells get a leading apostrophe. Numbers — including negative ones —
 * are written as numbers, untouched, and so is text that is a plain number (an id `-2`, `+3.5`,
 * `-1e5`): a spreadsheet reads it as that number, runs nothing, and the apostrophe would change the data.
 *
 * @example
 * csvCell("=HYPERLINK(...)"); // "'=HYPERLINK(...)"
 * csvCell(-1.5);              // "-1.5"
 * csvCell("-2");              // "-2" (text that is a number: no apostrophe)
 * csvCell("-2+3");            // "'-2+3"
 * csvCell("a,b");             // "\"a,b\""
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? "NA" : value > 0 ? "Inf" : "-Inf";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return csvQuote(/^[=+\-@\t\r]/.test(value) && !isPlainNumber(value) ? `'${value}` : value);
}

/** RFC 4180 quoting only: a field holding a comma, quote or line break is double-quoted. */
export function csvQuote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells → CSV text with a trailing newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const lines = [header.map(csvCell).join(","), ...rows.map((r) => r.map(csvCell).join(","))];
  return `${lines.join("\n")}\n`;
}

/**
 * A table's rows re-emitted exactly as they were read, with one column appended.
 *
 * Every cell keeps its source text (`007` stays `007`, `NA` stays `NA`), quoted only where RFC 4180
 * requires. Unlike `csvCell`, no apostrophe is put before a leading = + - @: these cells are the
 * user's own input, and changing them would break the round trip (the input file already holds them).
 * Appended numbers are written in full precision (shortest round-trip decimal), NaN as an empty cell.
 * Lines end in "\n".
 *
 * @example
 * csvWithColumn(parseCsv("id,g\n007,A\n"), "weight", Float64Array.of(1.25)); // "id,g,weight\n007,A,1.25\n"
 */
export function csvWithColumn(table: DataTable, name: string, values: ArrayLike<number>): string {
  const columns = table.columnNames.map((c) => table.column(c));
  const lines: string[] = [[...table.columnNames, name].map(csvQuote).join(",")];
  for (let i = 0; i < table.nRows; i++) {
    const cells = columns.map((c) => csvQuote(cellSourceText(c, i)));
    cells.push(Number.isNaN(values[i]) ? "" : String(values[i]));
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
