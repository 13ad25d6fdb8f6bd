import { oneLine } from "../errors.js";
import { alignColumns, columnWidths } from "./format-number.js";
import type { ReportTable } from "./table-model.js";
import { flatHeader } from "./table-model.js";

/**
 * A report table as plain text for a terminal: its title, then the header and rows aligned as the
 * table's columns say (the first column left and the others right unless a column says otherwise),
 * then its notes. A section row (a label over the rows below it) is a line of its own. Every line is
 * one line: a control character from the data (in a cell, a header, the title or a note: a service's
 * or a level's name) is written visibly, as alignColumns writes cells.
 *
 * Options: `notes: false` leaves the notes out; `stackedHeaders: true` writes a stacked header
 * ("Return per £1" over "Mean", "Median", …) on two lines, the upper label once over its run of
 * columns (default: one line, the labels joined as in Markdown and CSV).
 *
 * @example
 * tableText(fidelityTable(reviews)); // "IPS fidelity scores at each review\n\nItem  Fidelity item  PP Start …"
 * tableText(monteCarloTable(e, labels), { stackedHeaders: true });
 */
export function tableText(t: ReportTable, options: { notes?: boolean; stackedHeaders?: boolean } = {}): string {
  const stacked = options.stackedHeaders === true && t.columns.some((c) => c.header.length > 1);
  const header = t.columns.map((c) => (stacked ? c.header[c.header.length - 1] : flatHeader(c)));
  // escaped once here, so that the upper header's widths are those of the cells as alignColumns writes them
  const rows = [header, ...t.rows.map((r) => r.cells.map((c) => c.text))].map((row) => row.map(oneLine));
  const lines = alignColumns(rows, 2, t.columns.map((c) => c.align));
  const notes = options.notes === false ? [] : ["", ...t.notes.map(oneLine)];
  return `${[oneLine(t.title), "", ...(stacked ? [upperHeader(t, columnWidths(rows))] : []), ...lines, ...notes].join("\n")}\n`;
}

/** The upper labels of stacked headers, each starting where the first column of its run starts. */
function upperHeader(t: ReportTable, widths: readonly number[]): string {
  let line = "";
  let at = 0;
  t.columns.forEach((c, j) => {
    const label = c.header.length > 1 && (j === 0 || t.columns[j - 1].header[0] !== c.header[0]) ? oneLine(c.header[0]) : "";
    if (label) line = `${line.padEnd(at)}${line.length > at ? " " : ""}${label}`;
    at += widths[j] + 2;
  });
  return line.trimEnd();
}
