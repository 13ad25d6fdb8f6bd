import { alignColumns } from "./format-number.js";
import { type ReportTable, flatHeader } from "./table-model.js";

/**
 * A report table for a terminal: its title, its columns aligned (the first left, the others right),
 * a section row on a line of its own, and its notes — what `trialstat power SAP` and `trialstat cba`
 * print. Stacked headers ("Return per £1" over "Mean", "Median", …) take two lines, the upper label
 * written once over its run of columns.
 *
 * @example
 * tableText(mdesTable(design, labels, decimals));
 * // Minimum detectable effects (planned sizes)
 * //
 * //                   Employed 13+ weeks  Wellbeing (SWEMWBS)
 * // SCR in work                   4.9ppt               0.16sd
 * // …
 */
export function tableText(t: ReportTable): string {
  const width = t.columns.length;
  const body = t.rows.filter((r) => r.kind !== "section" && r.cells.length === width);
  const stacked = t.columns.some((c) => c.header.length > 1);
  const lower = t.columns.map((c) => (stacked ? c.header[c.header.length - 1] : flatHeader(c)));
  const aligned = alignColumns([lower, ...body.map((r) => r.cells.map((c) => c.text))]);
  const lines = [t.title, ""];
  if (stacked) lines.push(upperHeader(t, [lower, ...body.map((r) => r.cells.map((c) => c.text))]));
  lines.push(aligned[0]);
  let k = 1;
  for (const r of t.rows) {
    if (r.kind === "section" || r.cells.length !== width) lines.push(r.cells.map((c) => c.text).join(" "));
    else lines.push(aligned[k++]);
  }
  return `${[...lines, ...(t.notes.length ? ["", ...t.notes] : [])].join("\n")}\n`;
}

/** The upper header labels, each starting where the first column of its run starts (columns joined by two spaces, as alignColumns). */
function upperHeader(t: ReportTable, rows: readonly (readonly string[])[]): string {
  const widths = t.columns.map((_, j) => Math.max(...rows.map((r) => [...(r[j] ?? "")].length)));
  let line = "";
  let at = 0;
  t.columns.forEach((c, j) => {
    const label = c.header.length > 1 && (j === 0 || t.columns[j - 1].header[0] !== c.header[0]) ? c.header[0] : "";
    if (label) line = `${line.padEnd(at)}${line.length > at ? " " : ""}${label}`;
    at += widths[j] + 2;
  });
  return line.trimEnd();
}
