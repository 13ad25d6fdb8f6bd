import type { OutcomeSpec } from "../sap/types.js";
import { levelKey } from "../stats/confidence-level.js";

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
  /** The estimator (analysis/kinds/): the intention-to-treat effect, Lin's adjustment of it, or the complier average causal effect. */
  analysis: AnalysisId;
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
  /** Randomisation inference for this effect (overall ITT rows, when the plan asks: inference.randomisation). */
  randomisation?: RandomisationFields;
  /** The bootstrap of this effect (overall ITT rows, when the plan asks: inference.bootstrap). */
  bootstrap?: BootstrapFields;
  /** CACE rows: the take-up the arm instruments, by arm, and the strength of the first stage. */
  complier?: ComplierFields;
  /** Bounds for missing outcomes beside the effect (overall ITT rows of outcomes with bounds:). */
  bounds?: BoundsFields;
}

/**
 * The estimators whose rows results.json holds: `itt` (analysis/kinds/itt.ts), `lin` (Lin's 2013
 * adjustment, kinds/lin.ts) and `cace` (the complier average causal effect, kinds/cace.ts).
 * Randomisation inference, the bootstrap and the bounds add fields to the ITT rows instead.
 */
export type AnalysisId = "itt" | "lin" | "cace";

/**
 * Randomisation inference (docs/statistics.md#randomisation-inference) of an overall effect: the arm
 * re-randomised as the trial randomised it, the same model refitted for each assignment.
 */
export interface RandomisationFields {
  /** Two-sided: the share of the assignments whose |estimate| ≥ the observed |estimate|, the observed one included (ri2's convention). */
  p_value: number;
  /** Assignments in the reference set (every assignment, once, when `exact`), those whose arm is collinear with the covariates left out. */
  draws: number;
  /** The seed of these draws: derived from the plan's seed for this population × outcome (analysis/analysis-seeds.ts). */
  seed: number;
  exact: boolean;
  /** The number of assignments the design allows (null beyond 2^53). */
  assignments: number | null;
  /** The confidence level of the interval (the tables' level). */
  conf_level: number;
  /** The interval by test inversion on the outcome's scale; null where it is unbounded. */
  conf_low: number | null;
  conf_high: number | null;
  /** What was re-randomised: rows, or whole clusters. */
  unit: "row" | "cluster";
  /** Within what the treated count was kept. */
  within: "blocks" | "strata" | "none";
}

/** The bootstrap (docs/statistics.md#bootstrap) of an overall effect. */
export interface BootstrapFields {
  type: "pairs" | "cluster" | "wild";
  /** Draws made (2^G when every Rademacher sign vector was used). */
  draws: number;
  /** The seed of these draws: derived from the plan's seed for this population × outcome. */
  seed: number;
  /** Symmetric bootstrap-t p-value for the effect being 0. */
  p_value: number;
  conf_level: number;
  /** studentised (pairs, cluster) or test inversion (wild), on the outcome's scale; null where unbounded. */
  conf_low: number | null;
  conf_high: number | null;
  interval: "studentised" | "inversion";
  /** Pairs and cluster: the SD of the replicates. */
  std_error: number | null;
  /** Pairs and cluster: resamples that could not support the model, left out. */
  draws_failed: number;
  /** Wild: the weights. */
  weights: "rademacher" | "webb" | null;
  /** Pairs and cluster: "arm" when each arm kept its number of rows (clusters) in every resample. */
  within: "arm" | null;
}

/** What a CACE row adds: the take-up the arm instruments and the first stage (docs/statistics.md#two-stage-least-squares-and-the-complier-average-causal-effect). */
export interface ComplierFields {
  /** The take-up variable. */
  take_up: string;
  /** Mean take-up (a share) among the analysed in each arm (weighted when the analysis is). */
  take_up_control: number;
  take_up_treated: number;
  /** The first-stage F of take-up on the arm (the model's variance estimator); null when it cannot be computed. */
  first_stage_f: number | null;
  first_stage_df1: number;
  first_stage_df2: number;
  first_stage_p: number | null;
}

/**
 * Bounds on an overall effect when outcomes are missing (docs/statistics.md#bounds-for-missing-outcomes),
 * on the outcome's scale, from every member of the population — respondents or not — without the
 * non-response weights, whose model of response is what the bounds leave open.
 */
export interface BoundsFields {
  /** Members of the population in each arm, and the share of them with the outcome. */
  n_control: number;
  n_treated: number;
  response_control: number;
  response_treated: number;
  lee?: { lower: number; upper: number; trimmed: "treated" | "control" | "none"; trim_share: number };
  worst_case?: { lower: number; upper: number };
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

/** A confidence level as results.json names it: 0.95 → "95", 0.9 → "90", 0.999 → "99.9", 0.9995 → "99.95" (stats/confidence-level.ts). */
export { levelKey };
