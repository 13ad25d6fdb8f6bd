import type { DesignResults } from "./design-mdes.js";
import type { EconomicsResults } from "./economics.js";
import type { BootstrapFields, BoundsFields, ComplierFields, EffectRow, Interval, RandomisationFields } from "./effect-row.js";
import { levelKey } from "./effect-row.js";
import type { SingleArmResults } from "./single-arm-rows.js";

/** results.json: every pre-specified estimate, how it was computed, and what it was computed from. */
export interface ResultsDocument {
  trialstat_version: string;
  sap: { file: string; title: string; registration: { id: string; sap_version: string; date: string }; sha256: string };
  inputs: { source: string; file: string; sha256: string; rows: number }[];
  settings: {
    se_type: string;
    cluster: string | null;
    levels: number[];
    /** The plan's covariates, in every model. */
    covariates: string[];
    /** Covariates an outcome adds to those (e.g. its own baseline: ANCOVA), by outcome. */
    outcome_covariates: Record<string, string[]>;
    /** The randomisation strata each population's models adjust for (CONSORT 2010 item 12a). */
    strata: Record<string, string[]>;
    /** Reference levels the plan sets for factors (R's relevel), by variable. */
    reference_levels: Record<string, string>;
    covariate_missing: string;
    subgroups: string[];
    multiplicity: { family: string | string[]; method: string; across: string }[];
    /** inference.randomisation as run, when the plan asks for it; each row's `ri_seed` is derived from this seed. */
    randomisation?: { draws: number; seed: number; blocks: string | null; strata: string[] | null; generator: string };
    /** inference.bootstrap as run, when the plan asks for it; each row's `boot_seed` is derived from this seed. */
    bootstrap?: { type: string; draws: number; seed: number; weights: string | null; generator: string };
    /** take_up, when the plan estimates complier average causal effects. */
    take_up?: { variable: string; label: string };
  };
  rows: EffectRow[];
  /** A single-arm service evaluation's results (a plan with evaluation: instead of treatment:). */
  single_arm?: SingleArmResults;
  weights: Record<string, unknown>;
  derived: Record<string, Record<string, number>>;
  /** The SAP's labels (the name where it gives none), for tables and plots. */
  labels: { populations: Record<string, string>; outcomes: Record<string, string> };
  /** Departures from the registered plan (SAP.lock): the SAP changed since it was locked, or was re-registered after a change. */
  deviations: string[];
  warnings: string[];
  /** The minimum detectable effects of the plan's design section, at the sizes the run achieved (design-mdes.ts). */
  design?: DesignResults;
  /** The benefit–cost analysis of the plan's economics section (economics.ts). */
  economics?: EconomicsResults;
}

/** One row of results.json / results.csv: an EffectRow flattened, its fields in a fixed order. */
export type FlatRow = Record<string, string | number | boolean | null>;

/**
 * The row as results.json and results.csv hold it: intervals spread into `conf_low_95`,
 * `conf_high_95`, `effect_conf_low_95`, … (one pair per level), every other field as it is, in a
 * fixed order. Serialising is all this does.
 *
 * Fields that do not apply to a row are left out, so that an intention-to-treat row of a plan that
 * asks for nothing more is what it always was: `analysis` appears (after `level`) on rows of other
 * estimators only, and each group of added fields — `ri_*`, `boot_*`, the CACE's take-up and first
 * stage, the bounds — at the end, in that order, on the rows that have it.
 */
export function flattenRow(r: EffectRow): FlatRow {
  const out: FlatRow = {
    population: r.population,
    outcome: r.outcome,
    role: r.role,
    subgroup: r.subgroup,
    level: r.level,
  };
  if (r.analysis !== "itt") out.analysis = r.analysis;
  Object.assign(out, {
    estimate: r.estimate,
    std_error: r.std_error,
    statistic: r.statistic,
    df: r.df,
    p_value: r.p_value,
    p_adjusted: r.p_adjusted,
  });
  spread(out, "conf", r.intervals);
  out.stars = r.stars;
  out.effect = r.effect;
  out.effect_std_error = r.effect_std_error;
  out.effect_unit = r.effect_unit;
  spread(out, "effect_conf", r.effect_intervals);
  out.effect_size = r.effect_size;
  out.control_sd = r.control_sd;
  out.control_mean = r.control_mean;
  out.treated_mean = r.treated_mean;
  out.relative_change = r.relative_change;
  out.n_control = r.n_control;
  out.n_treated = r.n_treated;
  out.n_clusters = r.n_clusters;
  out.weights = r.weights;
  out.se_type = r.se_type;
  out.dist = r.dist;
  out.model = r.model;
  out.interaction_p = r.interaction_p;
  if (r.randomisation) Object.assign(out, flatRandomisation(r.randomisation));
  if (r.bootstrap) Object.assign(out, flatBootstrap(r.bootstrap));
  if (r.complier) Object.assign(out, r.complier satisfies ComplierFields);
  if (r.bounds) Object.assign(out, flatBounds(r.bounds));
  return out;
}

const flatRandomisation = (f: RandomisationFields): FlatRow => ({
  ri_p_value: f.p_value,
  ri_draws: f.draws,
  ri_seed: f.seed,
  ri_exact: f.exact,
  ri_assignments: f.assignments,
  ri_conf_level: f.conf_level,
  ri_conf_low: f.conf_low,
  ri_conf_high: f.conf_high,
  ri_unit: f.unit,
  ri_within: f.within,
});

const flatBootstrap = (f: BootstrapFields): FlatRow => ({
  boot_type: f.type,
  boot_draws: f.draws,
  boot_seed: f.seed,
  boot_p_value: f.p_value,
  boot_conf_level: f.conf_level,
  boot_conf_low: f.conf_low,
  boot_conf_high: f.conf_high,
  boot_interval: f.interval,
  boot_std_error: f.std_error,
  boot_draws_failed: f.draws_failed,
  boot_weights: f.weights,
  boot_within: f.within,
});

const flatBounds = (f: BoundsFields): FlatRow => ({
  bounds_n_control: f.n_control,
  bounds_n_treated: f.n_treated,
  response_control: f.response_control,
  response_treated: f.response_treated,
  ...(f.lee && { lee_lower: f.lee.lower, lee_upper: f.lee.upper, lee_trimmed: f.lee.trimmed, lee_trim_share: f.lee.trim_share }),
  ...(f.worst_case && { worst_case_lower: f.worst_case.lower, worst_case_upper: f.worst_case.upper }),
});

/** Keys of the added groups, in the order flattenRow writes them (for columns shared by rows that have different groups). */
const GROUP_KEYS = [
  ...Object.keys(flatRandomisation({} as RandomisationFields)),
  ...Object.keys(flatBootstrap({} as BootstrapFields)),
  "take_up",
  "take_up_control",
  "take_up_treated",
  "first_stage_f",
  "first_stage_df1",
  "first_stage_df2",
  "first_stage_p",
  ...Object.keys(flatBounds({ lee: {}, worst_case: {} } as BoundsFields)),
];

/**
 * The columns of a table of flattened rows (results.csv): every field any row has, in flattenRow's
 * order — the fields every row has, `analysis` after `level` when some row has it, then each added
 * group some row has.
 */
export function flatColumns(rows: readonly FlatRow[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  const added = new Set(GROUP_KEYS);
  const columns = Object.keys(rows[0] ?? {}).filter((k) => k !== "analysis" && !added.has(k));
  if (present.has("analysis")) columns.splice(columns.indexOf("level") + 1, 0, "analysis");
  return [...columns, ...GROUP_KEYS.filter((k) => present.has(k))];
}

function spread(out: FlatRow, prefix: string, intervals: readonly Interval[]): void {
  for (const i of intervals) {
    out[`${prefix}_low_${levelKey(i.level)}`] = i.low;
    out[`${prefix}_high_${levelKey(i.level)}`] = i.high;
  }
}

/** The typed row of a flat one read from results.json (its shape already checked: conformance-documents.ts). */
export function unflattenRow(flat: FlatRow, levels: readonly number[]): EffectRow {
  const num = (key: string) => flat[key] as number;
  const orNull = <T>(key: string) => (flat[key] ?? null) as T | null;
  const gather = (prefix: string): Interval[] => levels.filter((l) => `${prefix}_low_${levelKey(l)}` in flat).map((level) => ({ level, low: num(`${prefix}_low_${levelKey(level)}`), high: num(`${prefix}_high_${levelKey(level)}`) }));
  const row: EffectRow = {
    population: flat.population as string,
    outcome: flat.outcome as string,
    role: flat.role as EffectRow["role"],
    subgroup: orNull<string>("subgroup"),
    level: orNull<string>("level"),
    analysis: (flat.analysis ?? "itt") as EffectRow["analysis"],
    estimate: num("estimate"),
    std_error: num("std_error"),
    statistic: num("statistic"),
    df: orNull<number>("df"),
    p_value: num("p_value"),
    p_adjusted: orNull<number>("p_adjusted"),
    intervals: gather("conf"),
    stars: (flat.stars ?? "") as string,
    effect: num("effect"),
    effect_std_error: num("effect_std_error"),
    effect_unit: flat.effect_unit as string,
    effect_intervals: gather("effect_conf"),
    effect_size: orNull<number>("effect_size"),
    control_sd: num("control_sd"),
    control_mean: num("control_mean"),
    treated_mean: num("treated_mean"),
    relative_change: orNull<number>("relative_change"),
    n_control: num("n_control"),
    n_treated: num("n_treated"),
    n_clusters: orNull<number>("n_clusters"),
    weights: orNull<string>("weights"),
    se_type: flat.se_type as string,
    dist: flat.dist as EffectRow["dist"],
    model: flat.model as EffectRow["model"],
    interaction_p: orNull<number>("interaction_p"),
  };
  const text = <T extends string>(key: string) => flat[key] as T;
  if ("ri_p_value" in flat) {
    row.randomisation = {
      p_value: num("ri_p_value"),
      draws: num("ri_draws"),
      seed: num("ri_seed"),
      exact: flat.ri_exact === true,
      assignments: orNull<number>("ri_assignments"),
      conf_level: num("ri_conf_level"),
      conf_low: orNull<number>("ri_conf_low"),
      conf_high: orNull<number>("ri_conf_high"),
      unit: text("ri_unit"),
      within: text("ri_within"),
    };
  }
  if ("boot_p_value" in flat) {
    row.bootstrap = {
      type: text("boot_type"),
      draws: num("boot_draws"),
      seed: num("boot_seed"),
      p_value: num("boot_p_value"),
      conf_level: num("boot_conf_level"),
      conf_low: orNull<number>("boot_conf_low"),
      conf_high: orNull<number>("boot_conf_high"),
      interval: text("boot_interval"),
      std_error: orNull<number>("boot_std_error"),
      draws_failed: num("boot_draws_failed"),
      weights: orNull("boot_weights"),
      within: orNull("boot_within"),
    };
  }
  if ("take_up" in flat) {
    row.complier = {
      take_up: text("take_up"),
      take_up_control: num("take_up_control"),
      take_up_treated: num("take_up_treated"),
      first_stage_f: orNull<number>("first_stage_f"),
      first_stage_df1: num("first_stage_df1"),
      first_stage_df2: num("first_stage_df2"),
      first_stage_p: orNull<number>("first_stage_p"),
    };
  }
  if ("response_control" in flat) {
    row.bounds = {
      n_control: num("bounds_n_control"),
      n_treated: num("bounds_n_treated"),
      response_control: num("response_control"),
      response_treated: num("response_treated"),
      ...("lee_lower" in flat && { lee: { lower: num("lee_lower"), upper: num("lee_upper"), trimmed: text("lee_trimmed"), trim_share: num("lee_trim_share") } }),
      ...("worst_case_lower" in flat && { worst_case: { lower: num("worst_case_lower"), upper: num("worst_case_upper") } }),
    };
  }
  return row;
}

/** results.json's text: the document with its rows flattened, two-space indented, ending in a line feed. */
export function resultsJson(results: ResultsDocument): string {
  return `${JSON.stringify({ ...results, rows: results.rows.map(flattenRow) }, null, 2)}\n`;
}

export { levelKey };
