import type { DescriptiveCounts } from "../analysis/descriptives.js";
import { formatCount, formatFixed, formatP, roundTo } from "./decimals.js";
import { SUPPRESSED, controlGrid, disclosureNote } from "./disclosure.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableCell, num, text } from "./table-model.js";

/**
 * A descriptive table in the layout of HLT Tables 1.2–1.11: the characteristic's categories (or a
 * multi-response question's answers) as rows, the trial groups as columns and a total, column
 * percentages, and an unweighted base row; with `chi_square`, a p-value column as in HLT Table 6.4
 * (one p-value, in the first row, for a characteristic; one per answer for a multi-response
 * question).
 *
 * Disclosure control (disclosure.ts) works on the counts behind the percentages: a suppressed
 * count's percentage shows `[c]`; secondary suppression runs along every row (groups add up to the
 * total) and, for a characteristic, down every column (categories add up to the base) — not for
 * a multi-response question, whose answers overlap. With rounding, percentages are of the rounded
 * counts.
 */
export function descriptiveTable(d: DescriptiveCounts, id: string, settings: ReportSettings, columnLabel: (value: string) => string = (v) => v): ReportTable {
  const { decimals, disclosure } = settings;
  const g = controlGrid({ cells: d.cells, rowTotals: d.rowTotals, columnTotals: d.bases, grand: d.total }, disclosure, { columnsAdditive: d.kind === "single" });
  const percent = (count: number, base: number, suppressed: boolean): TableCell => {
    if (suppressed) return { text: SUPPRESSED, value: null, suppressed: true };
    if (base === 0) return num(null, "");
    const p = (100 * count) / base;
    return num(roundTo(p, decimals.percent), formatFixed(p, decimals.percent));
  };
  const count = (n: number, suppressed: boolean): TableCell => (suppressed ? { text: SUPPRESSED, value: null, suppressed: true } : num(n, formatCount(n)));
  const pColumn = d.chiSquare !== null;
  const pCell = (r: number): TableCell => {
    const p = d.chiSquare?.p[r];
    if (p === undefined || Number.isNaN(p)) return text("");
    const shown = formatP(p, decimals.p);
    return shown.startsWith("<") ? text(shown) : num(roundTo(p, decimals.p), shown);
  };
  const rows = d.rows.map((row, r) => ({
    cells: [
      text(row.label),
      ...d.columns.map((_, j) => percent(g.cells[r][j], g.columnTotals[j], g.suppressed.cells[r][j])),
      percent(g.rowTotals[r], g.grand, g.suppressed.rowTotals[r]),
      ...(pColumn ? [pCell(r)] : []),
    ],
  }));
  const notes = [`Base: ${d.base}${d.population ? ` (population ${d.population})` : ""}; unweighted counts; column percentages.`];
  if (d.kind === "multi") notes.push("More than one answer could be given, so percentages may add up to more than 100.");
  if (pColumn) {
    notes.push(
      d.kind === "multi"
        ? "P-value: Pearson's chi-square test (no continuity correction) that each answer is as common in every column."
        : "P-value: Pearson's chi-square test (no continuity correction) that the categories are distributed alike in every column.",
    );
    if (d.chiSquare!.smallExpected > 0) notes.push(`${d.chiSquare!.smallExpected} expected count${d.chiSquare!.smallExpected === 1 ? " is" : "s are"} below 5: the chi-square approximation may be poor.`);
  }
  if (disclosure) notes.push(disclosureNote(disclosure));
  return {
    id,
    title: d.title,
    columns: [
      { header: ["", ""], name: d.kind === "single" ? "Category" : "Answer" },
      ...d.columns.map((c) => ({ header: [columnLabel(c), "%"] })),
      { header: ["Total", "%"] },
      ...(pColumn ? [{ header: ["P-value", ""] }] : []),
    ],
    rows: [
      ...rows,
      {
        kind: "base" as const,
        cells: [text("Base"), ...d.columns.map((_, j) => count(g.columnTotals[j], g.suppressed.columnTotals[j])), count(g.grand, g.suppressed.grand), ...(pColumn ? [text("")] : [])],
      },
    ],
    notes,
  };
}
