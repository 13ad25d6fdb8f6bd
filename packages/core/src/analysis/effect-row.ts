import type { OutcomeSpec } from "../sap/types.js";

/**
 * One estimate of a plan's results: an effect of the treatment on an outcome in a population,
 * overall (subgroup null) or in one level of a subgroup, with how it was computed. The report,
 * `check` and `reproduce` read these typed rows; results.json holds them flattened (results.ts).
 *
 * Units are applied once, when the row is made (units.ts): `estimate`, `std_error` and
 * `intervals` are on the outcome's own scale (a proportion for a binary outcome); `effect` and
 * `effect_intervals` are the same in the unit the plan reports (ppt = ×100, sd = ÷ control SD,
 * currency and raw as they are); `effect_size` is always the effect in SDs of the outcome among
 * the controls analysed (docs/statistics.md#effect-sizes), whatever the unit.
 */
export interface EffectRow {
  population: string;
  outcome: string;
  role: OutcomeSpec["role"];
  subgroup: string | null;
  level: string | null;
  estimate: number;
  std_error: number;
  statistic: number;
  /** Degrees of freedom of the t reference distribution; null for z. */
  df: number | null;
  p_value: number;
  /** The multiplicity-adjusted p-value, for rows in a family the plan names. */
  p_adjusted: number | null;
  /** One interval per confidence level of the plan, lowest level first (outcome scale). */
  intervals: Interval[];
  /** `*` p < 0.10, `**` p < 0.05, `***` p < 0.01. */
  stars: string;
  /** The estimate in the reported unit. */
  effect: number;
  /** Its standard error in the reported unit. */
  effect_std_error: number;
  effect_unit: string;
  effect_intervals: Interval[];
  /** estimate ÷ control_sd; null when the controls' outcome does not vary. */
  effect_size: number | null;
  control_sd: number;
  control_mean: number;
  treated_mean: number;
  /** estimate ÷ control mean, for a binary outcome ("20% more likely"). */
  relative_change: number | null;
  n_control: number;
  n_treated: number;
  n_clusters: number | null;
  /** The non-response weights of the analysis, by name. */
  weights: string | null;
  se_type: string;
  dist: "t" | "z";
  model: "ols" | "logit";
  /** Subgroup rows: p of the joint test that the effect is the same in every level. */
  interaction_p: number | null;
}

export interface Interval {
  /** The confidence level, e.g. 0.95. */
  level: number;
  low: number;
  high: number;
}

/** The interval at a confidence level (undefined when the plan did not ask for it). */
export function intervalAt(intervals: readonly Interval[], level: number): Interval | undefined {
  return intervals.find((i) => i.level === level);
}

/** A confidence level as results.json names it: 0.95 → "95", 0.9 → "90", 0.999 → "99.9". */
export function levelKey(level: number): string {
  return String(Math.round(level * 1000) / 10);
}
