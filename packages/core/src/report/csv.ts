/**
 * CSV output that is safe to open in a spreadsheet (RFC 4180 quoting; formula injection neutralised).
 *
 * A text cell starting with = + - @ (or a tab / carriage return) would be run as a formula by
 * Excel or LibreOffice; such cells get a leading apostrophe. Numbers — including negative ones —
 * are written as numbers, untouched.
 *
 * @example
 * csvCell("=HYPERLINK(...)"); // "'=HYPERLINK(...)"
 * csvCell(-1.5);              // "-1.5"
 * csvCell("a,b");             // "\"a,b\""
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? "NA" : value > 0 ? "Inf" : "-Inf";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells → CSV text with a trailing newline. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const lines = [header.map(csvCell).join(","), ...rows.map((r) => r.map(csvCell).join(","))];
  return `${lines.join("\n")}\n`;
}
