import { alignColumns } from "./format-number.js";
import { type ReportTable, flatHeader } from "./table-model.js";

/**
 * A report table for a terminal: its title, its columns aligned (the first left, the others right),
 * a section row on a line of its own, and its notes — what `trialstat power SAP` and `trialstat cba`
 * print.
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
  const aligned = alignColumns([t.columns.map(flatHeader), ...body.map((r) => r.cells.map((c) => c.text))]);
  const lines = [t.title, "", aligned[0]];
  let k = 1;
  for (const r of t.rows) {
    if (r.kind === "section" || r.cells.length !== width) lines.push(r.cells.map((c) => c.text).join(" "));
    else lines.push(aligned[k++]);
  }
  return `${[...lines, ...(t.notes.length ? ["", ...t.notes] : [])].join("\n")}\n`;
}
