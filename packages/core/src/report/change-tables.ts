import { levelKey } from "../analysis/effect-row.js";
import type { ChangeRow, SingleArmResults } from "../analysis/single-arm-rows.js";
import { formatP, roundTo } from "./decimals.js";
import { disclosureNote } from "./disclosure.js";
import type { ReportSettings } from "./settings.js";
import { fixedCell } from "./result-cells.js";
import { intervalCell, meanRangeCell, siteLabel } from "./single-arm-cells.js";
import { SiteLedger } from "./site-ledger.js";
import { type ReportTable, type TableCell, type TableColumn, num, slug, text } from "./table-model.js";

/**
 * The change tables of a single-arm evaluation, in the layout of the IPS-in-IAPT pilot's Tables 6
 * and 7 (average score at start and at end, with its range, and the change), extended with what the
 * pilot left out: who had both measurements, the start only, the end only or neither (so that the
 * completers are seen to be a subset), the paired t interval for the mean change, and the
 * Hodges–Lehmann estimate with its Wilcoxon signed-rank interval.
 *
 * - `changeTable`: one measure in one population, a row per site and the total;
 * - `changeSummaryTable`: every measure in one population, every site together (the headline).
 */
const METHOD_NOTE =
  "Means at the start and the end, and the change (end − start: negative is a fall), among those with both measurements. t: paired t interval for the mean change (R's t.test(end, start, paired = TRUE)); HL: Hodges–Lehmann estimate of the change with the Wilcoxon signed-rank interval (wilcox.test(end, start, paired = TRUE, conf.int = TRUE); exact with fewer than 50 non-zero changes and no ties, else the normal approximation with continuity correction).";

function changeColumns(first: string[], level: number, withP: boolean): TableColumn[] {
  const l = levelKey(level);
  return [
    { header: first },
    { header: ["People", "In population"] },
    { header: ["People", "Both"] },
    { header: ["People", "Start only"] },
    { header: ["People", "End only"] },
    { header: ["People", "Neither"] },
    { header: ["Start", "Mean (range)"] },
    { header: ["End", "Mean (range)"] },
    { header: ["Change", "Mean"] },
    { header: ["Change", `${l}% CI (t)`] },
    ...(withP ? [{ header: ["Change", "p (t)"] }] : []),
    { header: ["Change", "HL"] },
    { header: ["Change", `${l}% CI (HL)`] },
    ...(withP ? [{ header: ["Change", "p (signed rank)"] }] : []),
  ];
}

/** Each row's cells and notes (why a test is missing, a level not reached), counts controlled across the rows. */
function changeCells(rows: readonly ChangeRow[], settings: ReportSettings, level: number, withP: boolean): { cells: TableCell[]; notes: string[] }[] {
  const ledger = new SiteLedger();
  const n = ledger.column(rows.map((r) => r.n));
  const [both, startOnly, endOnly, neither] = ledger.parts(n, [rows.map((r) => r.both), rows.map((r) => r.start_only), rows.map((r) => r.end_only), rows.map((r) => r.neither)]);
  const shown = ledger.control(settings.disclosure);
  const d = settings.decimals.mean;
  const p = (x: number | undefined): TableCell => (x === undefined || Number.isNaN(x) ? text("") : formatP(x, settings.decimals.p).startsWith("<") ? text(formatP(x, settings.decimals.p)) : num(roundTo(x, settings.decimals.p), formatP(x, settings.decimals.p)));
  return rows.map((r, k) => {
    const among = [both[k]];
    const notes: string[] = [];
    if (!shown.suppressed(both[k])) {
      const achieved = r.wilcoxon?.intervals.find((i) => i.level === level)?.achieved_level;
      if (achieved === 0) notes.push("too few people for a signed-rank interval at any level");
      else if (achieved !== undefined && achieved !== level) notes.push(`the signed-rank interval reaches ${levelKey(achieved)}% confidence, not ${levelKey(level)}%, with so few people`);
      // the method note says when the approximation replaces the exact test (ties, zeros); results.json keeps R's words
      notes.push(...r.notes.filter((note) => !note.includes("conf.level not achievable") && !note.includes("cannot compute exact")));
    }
    const cells = [
      text(siteLabel(r.site)),
      shown.count(n[k]),
      shown.count(both[k]),
      shown.count(startOnly[k]),
      shown.count(endOnly[k]),
      shown.count(neither[k]),
      shown.derived(among, () => meanRangeCell(r.start, d)),
      shown.derived(among, () => meanRangeCell(r.end, d)),
      shown.derived(among, () => fixedCell(r.change?.mean, d)),
      shown.derived(among, () => intervalCell(r.t?.intervals ?? [], level, d)),
      ...(withP ? [shown.derived(among, () => p(r.t?.p_value))] : []),
      shown.derived(among, () => fixedCell(r.wilcoxon?.estimate, d)),
      shown.derived(among, () => intervalCell(r.wilcoxon?.intervals.filter((i) => i.achieved_level > 0) ?? [], level, d)),
      ...(withP ? [shown.derived(among, () => p(r.wilcoxon?.p_value))] : []),
    ];
    return { cells, notes };
  });
}

export function changeTable(results: SingleArmResults, population: { name: string; label: string }, measure: string, settings: ReportSettings, level: number): ReportTable {
  const rows = results.changes.filter((r) => r.population === population.name && r.measure === measure);
  const label = results.measures.find((m) => m.name === measure)?.label ?? measure;
  const made = changeCells(rows, settings, level, false);
  const notes = made.flatMap((c, k) => c.notes.map((note) => `${siteLabel(rows[k].site)}: ${note}.`));
  const m = results.measures.find((x) => x.name === measure);
  return {
    id: `change-${slug(population.name)}-${slug(measure)}`,
    title: `${label}: change from start to end by site, ${population.label}`,
    columns: changeColumns(["Site"], level, false),
    rows: made.map((c) => ({ cells: c.cells })),
    notes: [METHOD_NOTE, ...(m ? [`Start: ${m.start}; end: ${m.end}.`] : []), ...notes, ...(settings.disclosure ? [disclosureNote(settings.disclosure)] : [])],
  };
}

export function changeSummaryTable(results: SingleArmResults, population: { name: string; label: string }, settings: ReportSettings, level: number): ReportTable {
  const rows = results.changes.filter((r) => r.population === population.name && r.site === null);
  const labelOf = (name: string) => results.measures.find((m) => m.name === name)?.label ?? name;
  // each row's counts are controlled with its own sites, so that the total shows what the site table shows
  const cells = rows.map((r) => {
    const withSites = results.changes.filter((x) => x.population === r.population && x.measure === r.measure);
    const total = changeCells(withSites, settings, level, true).at(-1)!;
    return { cells: [text(labelOf(r.measure)), ...total.cells.slice(1)], notes: total.notes.map((n) => `${labelOf(r.measure)}: ${n}.`) };
  });
  return {
    id: `change-summary-${slug(population.name)}`,
    title: `Change from start to end: every measure, ${population.label}`,
    columns: changeColumns(["Measure"], level, true),
    rows: cells.map((c) => ({ cells: c.cells })),
    notes: [METHOD_NOTE, ...cells.flatMap((c) => c.notes), ...(settings.disclosure ? [disclosureNote(settings.disclosure)] : [])],
  };
}
