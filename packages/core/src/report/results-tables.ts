import { type EffectRow, intervalAt, levelKey } from "../analysis/effect-row.js";
import { type ResultsDocument, flatColumns, flattenRow } from "../analysis/results.js";
import { reportedLevel } from "../analysis/settings.js";
import { withInferenceColumns } from "./inference-columns.js";
import { pCell } from "./result-cells.js";
import { csvText } from "./csv.js";
import { type Decimals, formatCount, formatFixed, formatP, roundTo } from "./decimals.js";
import { type DisclosureSettings, SUPPRESSED, disclosureNote, suppressCounts } from "./disclosure.js";
import { STARS_LEGEND, unitDecimals } from "./headline.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableCell, type TableColumn, num, sectionRow, slug, text } from "./table-model.js";

/**
 * The results tables of a run:
 *
 * - `resultsTable`: per population, every outcome's overall effect — control and treated means,
 *   the effect in its unit, its SE and confidence interval (95% when the plan has it), p, the
 *   multiplicity-adjusted p and n by arm;
 * - `subgroupTable`: per population, each outcome's effect in every level of every subgroup, with
 *   the joint interaction test;
 * - `resultsCsv`: every field of every row of results.json, for machines.
 *
 * Means of binary outcomes are shown as percentages. With disclosure control for results
 * (`output.disclosure.results`), n by arm below the threshold is suppressed, with secondary
 * suppression across each subgroup's levels and the overall n (which they add up to), and the mean
 * of a suppressed arm is suppressed with it.
 */
export function resultsCsv(results: ResultsDocument): string {
  const rows = results.rows.map(flattenRow);
  const header = flatColumns(rows);
  return csvText(header, rows.map((r) => header.map((h) => r[h] ?? null)));
}

/** The confidence level the tables show: 95% when the plan has it, else the highest. */
export function tableLevel(results: ResultsDocument): number {
  return reportedLevel(results.settings.levels);
}

export function resultsTable(results: ResultsDocument, population: string, settings: ReportSettings): ReportTable {
  const rows = results.rows.filter((r) => r.population === population && r.subgroup === null && r.analysis === "itt");
  const shown = controlledN(results, settings.disclosure);
  const columns = resultColumns(results, "Outcome", "Unit", "Adjusted p");
  return withInferenceColumns(results, rows, settings.decimals, {
    id: `results-${slug(population)}`,
    title: `Results: ${label(results, "populations", population)}`,
    columns,
    rows: rows.map((r) => {
      const n = shown.get(r)!;
      return {
        cells: [
          text(label(results, "outcomes", r.outcome)),
          text(unitName(r.effect_unit)),
          ...armMeans(r, n, settings.decimals),
          ...effectCells(results, r, settings.decimals),
          pCell(r.p_adjusted, settings.decimals),
          nCell(r.n_control, n.control),
          nCell(r.n_treated, n.treated),
        ],
      };
    }),
    notes: resultNotes(results, settings, rows),
  });
}

export function subgroupTable(results: ResultsDocument, population: string, settings: ReportSettings): ReportTable {
  const rows = results.rows.filter((r) => r.population === population && r.subgroup !== null);
  const shown = controlledN(results, settings.disclosure);
  const columns = resultColumns(results, "Subgroup", "Level", "Interaction p");
  const body = [];
  let outcome: string | null = null;
  let subgroup: string | null = null;
  for (const r of rows) {
    if (r.outcome !== outcome) {
      outcome = r.outcome;
      subgroup = null;
      body.push(sectionRow(`${label(results, "outcomes", outcome)} (${unitName(r.effect_unit)})`));
    }
    const first = r.subgroup !== subgroup;
    subgroup = r.subgroup ?? "";
    const n = shown.get(r)!;
    body.push({
      cells: [
        text(first ? subgroup : ""),
        text(r.level ?? ""),
        ...armMeans(r, n, settings.decimals),
        ...effectCells(results, r, settings.decimals),
        first ? pCell(r.interaction_p, settings.decimals) : text(""),
        nCell(r.n_control, n.control),
        nCell(r.n_treated, n.treated),
      ],
    });
  }
  return {
    id: `subgroups-${slug(population)}`,
    title: `Subgroups: ${label(results, "populations", population)}`,
    columns,
    rows: body,
    notes: [
      ...resultNotes(results, settings, rows),
      "Interaction p: joint test that the effect is the same in every level of the subgroup (outcome ~ treated × subgroup + covariates).",
    ],
  };
}

/** The columns of a results table: two text columns, means, effect, stars, SE, CI, p, a second p, n by arm. */
function resultColumns(results: ResultsDocument, first: string, second: string, secondP: string): TableColumn[] {
  const ci = `${levelKey(tableLevel(results))}% CI`;
  return [
    { header: ["", first] },
    { header: ["", second], align: "left" },
    { header: ["Mean", "Control"] },
    { header: ["Mean", "Treated"] },
    { header: ["", "Effect"] },
    { header: ["", "Sig."], align: "left" },
    { header: ["", "SE"] },
    { header: [ci, "low"] },
    { header: [ci, "high"] },
    { header: ["", "p"] },
    { header: ["", secondP] },
    { header: ["n", "Control"] },
    { header: ["n", "Treated"] },
  ];
}

export function label(results: ResultsDocument, kind: "populations" | "outcomes", name: string): string {
  return results.labels?.[kind][name] ?? name;
}

export function unitName(unit: string): string {
  return unit === "raw" ? "units" : unit;
}

/** Effect, stars, SE, CI low, CI high, p — all in the effect's unit. */
export function effectCells(results: ResultsDocument, r: EffectRow, decimals: Decimals): TableCell[] {
  const d = unitDecimals(r.effect_unit, decimals);
  const interval = intervalAt(r.effect_intervals, tableLevel(results));
  const fixed = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? num(null, "") : num(roundTo(x, d), formatFixed(x, d)));
  const cells = [
    { ...fixed(r.effect), strong: Boolean(r.stars) },
    text(r.stars),
    fixed(r.effect_std_error),
    fixed(interval?.low),
    fixed(interval?.high),
  ];
  cells.push(pCell(r.p_value, decimals));
  return cells;
}

function armMeans(r: EffectRow, n: { control: boolean; treated: boolean }, decimals: Decimals): TableCell[] {
  const binary = r.effect_unit === "ppt";
  const mean = (x: number, suppressed: boolean): TableCell => {
    if (suppressed) return { text: SUPPRESSED, value: null, suppressed: true };
    if (binary) return num(roundTo(x * 100, decimals.percent), `${formatFixed(x * 100, decimals.percent)}%`);
    return num(roundTo(x, decimals.mean), formatFixed(x, decimals.mean));
  };
  return [mean(r.control_mean, n.control), mean(r.treated_mean, n.treated)];
}

function nCell(n: number, suppressed: boolean): TableCell {
  return suppressed ? { text: SUPPRESSED, value: null, suppressed: true } : num(n, formatCount(n));
}

function resultNotes(results: ResultsDocument, settings: ReportSettings, rows: EffectRow[]): string[] {
  const s = results.settings;
  const notes = [
    `Sig.: ${STARS_LEGEND}. Effect, SE and ${levelKey(tableLevel(results))}% CI in the unit shown (ppt: percentage points; sd: standard deviations of the outcome among controls). Means of binary outcomes are percentages.`,
    `Standard errors ${s.se_type}${s.cluster ? `, clustered by ${s.cluster}` : ""}${rows[0]?.dist === "t" ? " with t inference" : ""}; ${adjustmentNote(results, rows)}`,
  ];
  const families = s.multiplicity.map((m) => `${Array.isArray(m.family) ? m.family.join(", ") : m.family} outcomes: ${m.method}${m.across === "all" ? " across populations" : " within each population"}`);
  if (families.length) notes.push(`Adjusted p: ${families.join("; ")}.`);
  const weighted = [...new Set(rows.filter((r) => r.weights).map((r) => `${r.outcome} (${r.weights})`))];
  if (weighted.length) notes.push(`Weighted for survey non-response: ${weighted.join(", ")}.`);
  if (settings.disclosure?.results) notes.push(disclosureNote(settings.disclosure).replace(/; counts rounded.*$/, "."));
  return notes;
}

/**
 * What the models of these rows adjusted for (CONSORT 2010 item 12a): the plan's covariates, what
 * each outcome adds (its own baseline), the population's randomisation strata, and reference levels.
 */
export function adjustmentNote(results: ResultsDocument, rows: readonly EffectRow[]): string {
  const s = results.settings;
  const parts = [`adjusted for ${s.covariates.length ? s.covariates.join(", ") : "no covariates"}`];
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  for (const o of outcomes) {
    const own = s.outcome_covariates?.[o] ?? [];
    if (own.length) parts.push(`${label(results, "outcomes", o)} also for ${own.join(", ")}`);
  }
  const populations = [...new Set(rows.map((r) => r.population))];
  for (const p of populations) {
    const strata = s.strata?.[p] ?? [];
    if (strata.length) parts.push(`${populations.length > 1 ? `${label(results, "populations", p)}: ` : ""}randomisation strata ${strata.join(", ")} as factors`);
  }
  const reference = Object.entries(s.reference_levels ?? {});
  if (reference.length) parts.push(`reference levels ${reference.map(([v, l]) => `${v} = ${l}`).join(", ")}`);
  return `${parts.join("; ")}.`;
}

/**
 * Which n by arm are suppressed, per results row (the whole document, so that a row shows the same
 * in every table): small counts, then secondary suppression within each population × outcome ×
 * subgroup × arm across the levels and the overall n. Counts are not rounded here: they are exact
 * analysis sample sizes, and the SAP's rounding applies to frequency tables.
 */
function controlledN(results: ResultsDocument, disclosure: DisclosureSettings | null): Map<EffectRow, { control: boolean; treated: boolean }> {
  const out = new Map(results.rows.map((r) => [r, { control: false, treated: false }]));
  if (!disclosure?.results) return out;
  for (const arm of ["control", "treated"] as const) {
    const counts = results.rows.map((r) => (arm === "control" ? r.n_control : r.n_treated));
    const lines: number[][] = [];
    const overall = new Map<string, number>();
    results.rows.forEach((r, k) => {
      if (r.subgroup === null && r.analysis === "itt") overall.set(`${r.population}\u0000${r.outcome}`, k);
    });
    const groups = new Map<string, number[]>();
    results.rows.forEach((r, k) => {
      if (r.subgroup === null) return;
      const key = `${r.population}\u0000${r.outcome}`;
      const g = `${key}\u0000${r.subgroup}`;
      if (!groups.has(g)) groups.set(g, overall.has(key) ? [overall.get(key)!] : []);
      groups.get(g)!.push(k);
    });
    lines.push(...groups.values());
    const flags = suppressCounts(counts, lines, disclosure);
    results.rows.forEach((r, k) => (out.get(r)![arm] = flags[k]));
  }
  return out;
}
