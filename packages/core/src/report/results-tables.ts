import { type EffectRow, intervalAt, levelKey } from "../analysis/effect-row.js";
import { type ResultsDocument, flatColumns, flattenRow } from "../analysis/results.js";
import { ownEntry } from "../own-entry.js";
import { withInferenceColumns } from "./inference-columns.js";
import { fixedCell, pCell } from "./result-cells.js";
import { csvText } from "./csv.js";
import { type Decimals, formatCount, formatFixed, roundTo } from "./decimals.js";
import { type DisclosureSettings, SUPPRESSED, disclosureNote, suppressCounts } from "./disclosure.js";
import { currencySymbol, unitDecimals } from "./headline.js";
import { tableLevel } from "./table-level.js";
import type { ReportLabels } from "./report-labels.js";
import type { ReportSettings } from "./settings.js";
import { type Stars, resolveStars } from "./stars.js";
import { type ReportTable, type TableCell, type TableColumn, type TableRow, num, sectionRow, slug, text } from "./table-model.js";

/**
 * The results tables of a run:
 *
 * - `resultsTable`: per population, every outcome's overall effect — control and treated means,
 *   the effect in its unit, its SE and confidence interval (95% when the plan has it), p, the
 *   multiplicity-adjusted p and n by arm — in blocks by unit, so that each column keeps one number
 *   of decimals within a block;
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

/** The heading of a results table's block of rows in one unit ("ppt", "sd", "raw" or a currency). */
function unitHeading(unit: string): string {
  if (unit === "ppt") return "Percentage points (ppt); means are percentages";
  if (unit === "sd") return "Standard deviations of the outcome among controls (sd); means in the outcome's units";
  if (unit === "raw") return "The outcome's own units";
  return currencyName(unit);
}

function currencyName(unit: string): string {
  const symbol = currencySymbol(unit);
  return symbol ? `${symbol} (${unit})` : unit;
}

/** Rows grouped by unit (stable within a unit), so that every column keeps one number of decimals within a block. */
function byUnit(rows: readonly EffectRow[]): { unit: string; rows: EffectRow[] }[] {
  const blocks: { unit: string; rows: EffectRow[] }[] = [];
  for (const r of rows) {
    let b = blocks.find((x) => x.unit === r.effect_unit);
    if (!b) blocks.push((b = { unit: r.effect_unit, rows: [] }));
    b.rows.push(r);
  }
  return blocks;
}

export function resultsTable(results: ResultsDocument, population: string, settings: ReportSettings, labels?: ReportLabels): ReportTable {
  const rows = results.rows.filter((r) => r.population === population && r.subgroup === null && r.analysis === "itt");
  const shown = controlledN(results, settings.disclosure);
  const adjusted = rows.some((r) => r.p_adjusted !== null);
  const columns = resultColumns(results, settings, labels, "Outcome", null, adjusted ? "Adjusted p" : null);
  const body: TableRow[] = [];
  // the result row behind each table row (null for a unit's heading), for the inference columns
  const behind: (EffectRow | null)[] = [];
  const blocks = byUnit(rows);
  for (const block of blocks) {
    if (blocks.length > 1) {
      body.push(sectionRow(unitHeading(block.unit), unitName(block.unit)));
      behind.push(null);
    }
    for (const r of block.rows) {
      behind.push(r);
      const n = shown.get(r)!;
      body.push({
        cells: [
          text(outcomeLabel(results, r.outcome, labels)),
          ...armMeans(r, n, settings.decimals),
          ...effectCells(results, r, settings.decimals, settings.stars),
          ...(adjusted ? [pCell(r.p_adjusted, settings.decimals)] : []),
          nCell(r.n_control, n.control),
          nCell(r.n_treated, n.treated),
        ],
      });
    }
  }
  return withInferenceColumns(results, behind, settings.decimals, {
    id: `results-${slug(population)}`,
    title: `Results: ${populationLabel(results, population, labels)}`,
    columns,
    rows: body,
    notes: resultNotes(results, settings, rows, blocks.length === 1 ? blocks[0].unit : null),
    sectionColumn: "Unit",
  });
}

export function subgroupTable(results: ResultsDocument, population: string, settings: ReportSettings, labels?: ReportLabels): ReportTable {
  const rows = results.rows.filter((r) => r.population === population && r.subgroup !== null && r.analysis === "itt");
  const shown = controlledN(results, settings.disclosure);
  const columns = resultColumns(results, settings, labels, "Subgroup", "Level", "Interaction p");
  const body: TableRow[] = [];
  let outcome: string | null = null;
  let subgroup: string | null = null;
  for (const r of rows) {
    if (r.outcome !== outcome) {
      outcome = r.outcome;
      subgroup = null;
      body.push(sectionRow(`${outcomeLabel(results, outcome, labels)} (${unitName(r.effect_unit)})`, outcomeLabel(results, outcome, labels)));
    }
    const first = r.subgroup !== subgroup;
    subgroup = r.subgroup ?? "";
    const n = shown.get(r)!;
    body.push({
      cells: [
        { ...text(labels ? labels.variable(subgroup) : subgroup), repeated: !first },
        text(labels ? labels.value(subgroup, r.level ?? "") : (r.level ?? "")),
        ...armMeans(r, n, settings.decimals),
        ...effectCells(results, r, settings.decimals, settings.stars),
        { ...pCell(r.interaction_p, settings.decimals), repeated: !first },
        nCell(r.n_control, n.control),
        nCell(r.n_treated, n.treated),
      ],
    });
  }
  return {
    id: `subgroups-${slug(population)}`,
    title: `Subgroups: ${populationLabel(results, population, labels)}`,
    columns,
    rows: body,
    notes: [
      ...resultNotes(results, settings, rows, null),
      "Interaction p: joint test that the effect is the same in every level of the subgroup (outcome ~ treated × subgroup + covariates).",
    ],
    sectionColumn: "Outcome",
  };
}

/** The columns of a results table: one or two text columns, means, effect, stars (when on), SE, CI, p, a second p, n by arm. */
function resultColumns(results: ResultsDocument, settings: ReportSettings, labels: ReportLabels | undefined, first: string, second: string | null, secondP: string | null): TableColumn[] {
  const arm = (a: "control" | "treated") => (labels ? labels.arm(a) : a === "control" ? "Control" : "Treated");
  return [
    { header: ["", first], wrap: second !== null },
    ...(second ? [{ header: ["", second], align: "left" as const }] : []),
    { header: ["Mean", arm("control")] },
    { header: ["Mean", arm("treated")] },
    ...effectColumns(results, settings.stars),
    ...(secondP ? [{ header: ["", secondP] }] : []),
    { header: ["n", arm("control")] },
    { header: ["n", arm("treated")] },
  ];
}

export function label(results: ResultsDocument, kind: "populations" | "outcomes", name: string): string {
  return ownEntry(results.labels?.[kind], name) ?? name;
}

function outcomeLabel(results: ResultsDocument, name: string, labels: ReportLabels | undefined): string {
  return labels ? labels.outcome(name) : label(results, "outcomes", name);
}

function populationLabel(results: ResultsDocument, name: string, labels: ReportLabels | undefined): string {
  return labels ? labels.population(name) : label(results, "populations", name);
}

export function unitName(unit: string): string {
  return unit === "raw" ? "units" : unit;
}

/**
 * Effect, stars (a Sig. cell when stars are on), SE, CI low, CI high, p — all in the effect's unit.
 * `stars`: the SAP's (settings.stars); default * 90%, ** 95%, *** 99%.
 */
export function effectCells(results: ResultsDocument, r: EffectRow, decimals: Decimals, stars: Stars = resolveStars(undefined)): TableCell[] {
  const d = unitDecimals(r.effect_unit, decimals);
  const interval = intervalAt(r.effect_intervals, tableLevel(results));
  const fixed = (x: number | null | undefined) => fixedCell(x, d);
  const star = stars.of(r.p_value);
  return [
    { ...fixed(r.effect), strong: Boolean(star) },
    ...(stars.thresholds.length ? [text(star)] : []),
    fixed(r.effect_std_error),
    fixed(interval?.low),
    fixed(interval?.high),
    pCell(r.p_value, decimals),
  ];
}

/**
 * The headers of `effectCells`' columns: Effect, Sig. (when stars are on, left-aligned), SE, CI low,
 * CI high, p. `group`: the upper header over them (the CI's reads "group 95% CI"); "" for none.
 */
export function effectColumns(results: ResultsDocument, stars: Stars, group = ""): TableColumn[] {
  const ci = `${group ? `${group} ` : ""}${levelKey(tableLevel(results))}% CI`;
  return [
    { header: [group, "Effect"] },
    ...(stars.thresholds.length ? [{ header: [group, "Sig."], align: "left" as const }] : []),
    { header: [group, "SE"] },
    { header: [ci, "low"] },
    { header: [ci, "high"] },
    { header: [group, "p"] },
  ];
}

/** The note under a table of `effectCells` of one variance estimator: the stars' legend (when on) and the estimator. */
export function starsAndSeNote(stars: Stars, seType: string): string {
  return `${stars.legend ? `Sig.: ${stars.legend}. ` : ""}Standard errors ${seType}.`;
}

/** Arm means: percentages of binary outcomes at the ppt decimals, currencies at the currency decimals, the rest at `mean`. */
function armMeans(r: EffectRow, n: { control: boolean; treated: boolean }, decimals: Decimals): TableCell[] {
  const unit = r.effect_unit;
  const places = unit === "ppt" ? decimals.ppt : unit === "sd" || unit === "raw" ? decimals.mean : decimals.currency;
  const mean = (x: number, suppressed: boolean): TableCell => {
    if (suppressed) return { text: SUPPRESSED, value: null, suppressed: true };
    if (unit === "ppt") return num(roundTo(x * 100, places), `${formatFixed(x * 100, places)}%`);
    return num(roundTo(x, places), formatFixed(x, places));
  };
  return [mean(r.control_mean, n.control), mean(r.treated_mean, n.treated)];
}

function nCell(n: number, suppressed: boolean): TableCell {
  return suppressed ? { text: SUPPRESSED, value: null, suppressed: true } : num(n, formatCount(n));
}

/**
 * The footnotes of a results table: the stars' levels, the units, the variance estimator and its
 * df, the confidence level, what the models adjusted for, multiplicity, weights, disclosure.
 */
function resultNotes(results: ResultsDocument, settings: ReportSettings, rows: EffectRow[], onlyUnit: string | null): string[] {
  const s = results.settings;
  const level = `${levelKey(tableLevel(results))}%`;
  const notes: string[] = [];
  if (settings.stars.legend) notes.push(`Sig.: ${settings.stars.legend}; significant effects in bold.`);
  const unitText = onlyUnit ? `in ${unitHeading(onlyUnit).replace(/;.*$/, "")}` : "in the unit of each block (ppt: percentage points; sd: standard deviations of the outcome among controls)";
  notes.push(`Effect, SE and ${level} confidence interval ${unitText}. Means of binary outcomes are percentages.`);
  notes.push(`${varianceNote(results, rows)} ${level} intervals shown; results.csv has every level the plan asks for (${s.levels.map((l) => `${levelKey(l)}%`).join(", ")}).`);
  notes.push(`Models ${adjustmentNote(results, rows)}`);
  const families = s.multiplicity.map((m) => `${Array.isArray(m.family) ? m.family.join(", ") : m.family} outcomes: ${m.method}${m.across === "all" ? " across populations" : " within each population"}`);
  if (families.length) notes.push(`Adjusted p: ${families.join("; ")}.`);
  const weighted = [...new Set(rows.filter((r) => r.weights).map((r) => `${label(results, "outcomes", r.outcome)} (${r.weights})`))];
  if (weighted.length) notes.push(`Weighted for survey non-response: ${weighted.join(", ")}.`);
  if (settings.disclosure?.results) notes.push(disclosureNote(settings.disclosure).replace(/; counts rounded.*$/, "."));
  return notes;
}

const SE_WORDS: Record<string, string> = {
  classical: "classical (homoskedastic)",
  HC0: "HC0 heteroskedasticity-robust",
  HC1: "HC1 heteroskedasticity-robust",
  HC2: "HC2 heteroskedasticity-robust",
  HC3: "HC3 heteroskedasticity-robust",
  CR0: "CR0 cluster-robust",
  CR1: "CR1 (Stata) cluster-robust",
  stata: "CR1 (Stata) cluster-robust",
  CR2: "CR2 cluster-robust (Bell–McCaffrey)",
};

/** The variance estimator and the reference distribution with its df, as the rows used them. */
export function varianceNote(results: ResultsDocument, rows: readonly EffectRow[]): string {
  const s = results.settings;
  const types = [...new Set(rows.map((r) => r.se_type))];
  const estimator = (types.length ? types : [s.se_type]).map((t) => SE_WORDS[t] ?? t).join(" or ");
  const dists = new Set(rows.map((r) => r.dist));
  const se = s.cluster ? `${estimator} standard errors, clustered by ${s.cluster}` : `${estimator} standard errors`;
  const df = [
    ...(dists.has("t") ? [`t inference with ${types.includes("CR2") ? "Bell–McCaffrey degrees of freedom" : s.cluster ? "clusters − 1 degrees of freedom" : "the residual degrees of freedom (n − k)"}`] : []),
    ...(dists.has("z") ? ["normal (z) inference for logit models"] : []),
  ];
  return `${capitalise(se)}; ${df.length ? df.join(", ") : "t inference"}.`;
}

/** The text with its first letter in upper case (a note that starts a sentence). */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
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
    const own = ownEntry(s.outcome_covariates, o) ?? [];
    if (own.length) parts.push(`${label(results, "outcomes", o)} also for ${own.join(", ")}`);
  }
  const populations = [...new Set(rows.map((r) => r.population))];
  for (const p of populations) {
    const strata = ownEntry(s.strata, p) ?? [];
    if (strata.length) parts.push(`${populations.length > 1 ? `${label(results, "populations", p)}: ` : ""}randomisation strata ${strata.join(", ")} as factors`);
  }
  const reference = Object.entries(s.reference_levels ?? {});
  if (reference.length) parts.push(`reference levels ${reference.map(([v, l]) => `${v} = ${l}`).join(", ")}`);
  return `${parts.join("; ")}.`;
}

/**
 * Which n by arm are suppressed, per results row (the whole document, so that a row shows the same
 * in every table): small counts, then secondary suppression within each population × outcome ×
 * subgroup × arm across the levels, the members without a value of the subgroup, and the overall
 * n. Counts are not rounded here: they are exact analysis sample sizes, and the SAP's rounding
 * applies to frequency tables.
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
    // The levels add up to the overall n only when everyone has a value of the subgroup: the rest
    // (overall − Σ levels, members without one) is a count of the line too, which the tables do not
    // show but anyone can derive, so it is controlled as a count of its own (a hidden one: its flag
    // is not shown) — else 2 people without a value would be published by subtraction.
    for (const line of groups.values()) {
      if (line.length && results.rows[line[0]].subgroup === null) {
        const rest = counts[line[0]] - line.slice(1).reduce((sum, k) => sum + counts[k], 0);
        if (rest > 0) line.push(counts.push(rest) - 1);
      }
      lines.push(line);
    }
    const flags = suppressCounts(counts, lines, disclosure);
    results.rows.forEach((r, k) => (out.get(r)![arm] = flags[k]));
  }
  return out;
}
