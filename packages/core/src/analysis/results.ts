import type { DesignResults } from "./design-mdes.js";
import type { EconomicsResults } from "./economics.js";
import { type EffectRow, type Interval, levelKey } from "./effect-row.js";
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
export type FlatRow = Record<string, string | number | null>;

/**
 * The row as results.json and results.csv hold it: intervals spread into `conf_low_95`,
 * `conf_high_95`, `effect_conf_low_95`, … (one pair per level), every other field as it is, in a
 * fixed order. Serialising is all this does.
 */
export function flattenRow(r: EffectRow): FlatRow {
  const out: FlatRow = {
    population: r.population,
    outcome: r.outcome,
    role: r.role,
    subgroup: r.subgroup,
    level: r.level,
    estimate: r.estimate,
    std_error: r.std_error,
    statistic: r.statistic,
    df: r.df,
    p_value: r.p_value,
    p_adjusted: r.p_adjusted,
  };
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
  return out;
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
  return {
    population: flat.population as string,
    outcome: flat.outcome as string,
    role: flat.role as EffectRow["role"],
    subgroup: orNull<string>("subgroup"),
    level: orNull<string>("level"),
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
}

/** results.json's text: the document with its rows flattened, two-space indented, ending in a line feed. */
export function resultsJson(results: ResultsDocument): string {
  return `${JSON.stringify({ ...results, rows: results.rows.map(flattenRow) }, null, 2)}\n`;
}

export { levelKey };
