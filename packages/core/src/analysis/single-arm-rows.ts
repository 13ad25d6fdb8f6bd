import type { Interval } from "./effect-row.js";

/**
 * The results of a single-arm service evaluation (docs/sap.md#evaluation), as results.json holds
 * them under `single_arm` — typed rows of their own rather than treatment-effect rows (EffectRow),
 * since there is no control arm and nothing here is an effect. Every row names its population and
 * its site (`null`: every site together), and counts everyone it concerns: who was in the
 * population, who had what measured, who is left out of a rate's denominator and why.
 *
 * - `flow`: the referral → participation → outcome stages, counted by site (the IPS-in-IAPT pilot's
 *   Tables 1–2);
 * - `changes`: each measure's change from start to end (Tables 6–7) with paired t and
 *   Wilcoxon/Hodges–Lehmann intervals, and who had both, the start only, the end only, neither;
 * - `rates`: binary outcomes (e.g. a paid job) with Wilson intervals (Table 5);
 * - `counts`: count outcomes (appointments, applications, interviews, job outcomes: Tables 3–5);
 * - `means`: continuous outcomes measured once, with a t interval;
 * - `talking_therapies`: NHS Talking Therapies reliable improvement, reliable deterioration, recovery
 *   and reliable recovery, with Wilson intervals.
 *
 * Confidence levels are the plan's (`inference.levels`); each interval says its level.
 */
export interface SingleArmResults {
  /** The variable whose levels are the sites (evaluation.site), or null for none. */
  site: string | null;
  /** The sites in the order rows and tables list them (a missing site is the level "(missing)", last). */
  sites: string[];
  /** Each measure with its label and the variables read at the start and the end. */
  measures: { name: string; label: string; start: string; end: string }[];
  flow: FlowStageRow[];
  changes: ChangeRow[];
  rates: RateRow[];
  counts: CountRow[];
  means: MeanRow[];
  talking_therapies: TalkingTherapiesRow[];
}

/** The label of the site level of people whose site is missing: they are counted, never dropped. */
export const MISSING_SITE = "(missing)";

export interface FlowStageRow {
  /** The stage's position in the flow (0 first). */
  stage: number;
  label: string;
  site: string | null;
  n: number;
}

export interface SpreadSummary {
  mean: number;
  sd: number | null;
  min: number;
  max: number;
}

/** An interval for a change, at the level asked for and the level achieved (a Wilcoxon interval of a tiny sample can fall short). */
export interface ChangeInterval extends Interval {
  achieved_level: number;
}

export interface ChangeRow {
  population: string;
  measure: string;
  site: string | null;
  /** People in the population (at this site). */
  n: number;
  both: number;
  start_only: number;
  end_only: number;
  neither: number;
  /** Among those with both measurements. */
  start: SpreadSummary | null;
  end: SpreadSummary | null;
  /** end − start, among those with both. */
  change: SpreadSummary | null;
  /** Paired t (t.test(end, start, paired = TRUE)); null when the data cannot support it (see notes). */
  t: { estimate: number; std_error: number; statistic: number; df: number; p_value: number; intervals: ChangeInterval[] } | null;
  /** Wilcoxon signed rank with the Hodges–Lehmann estimate (wilcox.test(end, start, paired = TRUE, conf.int = TRUE)). */
  wilcoxon: { estimate: number; statistic: number; p_value: number; method: string; zeros: number; intervals: ChangeInterval[] } | null;
  notes: string[];
}

export interface RateRow {
  population: string;
  outcome: string;
  site: string | null;
  n: number;
  /** In the population with the outcome missing: not in the denominator. */
  missing: number;
  denominator: number;
  count: number;
  /** count / denominator; null when the denominator is 0. */
  rate: number | null;
  /** Wilson intervals (prop.test(count, denominator, correct = FALSE)). */
  intervals: Interval[];
}

export interface CountRow {
  population: string;
  outcome: string;
  site: string | null;
  n: number;
  missing: number;
  /** People with a count of at least 1 (e.g. made an application). */
  with_any: number;
  total: number;
  /** total / (n − missing); null when nobody has a value. */
  mean_per_person: number | null;
  /** total / with_any; null when nobody has any. */
  mean_among_any: number | null;
  min: number | null;
  max: number | null;
}

export interface MeanRow {
  population: string;
  outcome: string;
  site: string | null;
  n: number;
  missing: number;
  summary: SpreadSummary | null;
  /** t intervals for the mean (t.test(x)); empty with fewer than two values or no variation. */
  intervals: Interval[];
}

/** The Talking Therapies measures, in report order. */
export const TALKING_THERAPIES_MEASURES = ["reliable_improvement", "reliable_deterioration", "recovery", "reliable_recovery"] as const;
export type TalkingTherapiesMeasure = (typeof TALKING_THERAPIES_MEASURES)[number];

export interface TalkingTherapiesRow {
  population: string;
  measure: TalkingTherapiesMeasure;
  site: string | null;
  n: number;
  /** With PHQ-9 and GAD-7 at both start and end. */
  complete: number;
  /** Of those complete, a case at the start (PHQ-9 ≥ 10 or GAD-7 ≥ 8). */
  cases_at_start: number;
  /** complete for reliable improvement and deterioration; cases_at_start for (reliable) recovery. */
  denominator: number;
  count: number;
  rate: number | null;
  intervals: Interval[];
}
