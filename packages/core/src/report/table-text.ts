import type { ReportTable } from "./table-model.js";
import { flatHeader } from "./table-model.js";

/**
 * A report table as plain text for a terminal: its title, then the header and rows aligned as the
 * table's columns say (the first column left and the others right unless a column says otherwise),
 * then its notes.
 *
 * @example
 * tableText(fidelityTable(reviews)); // "IPS fidelity scores at each review\n\nItem  Fidelity item  PP Start …"
 */
export function tableText(t: ReportTable, options: { notes?: boolean } = {}): string {
  const rows = [t.columns.map(flatHeader), ...t.rows.map((r) => r.cells.map((c) => c.text))];
  const widths = t.columns.map((_, j) => Math.max(...rows.map((r) => [...(r[j] ?? "")].length)));
  const left = t.columns.map((c, j) => (c.align ?? (j === 0 ? "left" : "right")) === "left");
  const lines = rows.map((r) =>
    r
      .map((cell, j) => {
        const pad = " ".repeat(Math.max(0, widths[j] - [...cell].length));
        return left[j] ? cell + pad : pad + cell;
      })
      .join("  ")
      .trimEnd(),
  );
  const notes = options.notes === false ? [] : ["", ...t.notes];
  return `${[t.title, "", ...lines, ...notes].join("\n")}\n`;
}
