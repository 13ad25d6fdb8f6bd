import { normalQuantile, normalTwoSidedP } from "./distributions/normal.js";
import { studentTQuantile, studentTTwoSidedP } from "./distributions/student-t.js";

/**
 * One coefficient's inference, broom-style (`term, estimate, std_error, statistic, df, p_value,
 * conf_low, conf_high`). Aliased coefficients carry nulls throughout.
 */
export interface CoefficientRow {
  term: string;
  estimate: number | null;
  std_error: number | null;
  statistic: number | null;
  /** Degrees of freedom of the t reference distribution; null for z (normal) inference. */
  df: number | null;
  p_value: number | null;
  conf_low: number | null;
  conf_high: number | null;
}

export type ReferenceDistribution = "t" | "z";

/**
 * statistic = estimate / se; p = 2·P(T_df > |statistic|) (t) or 2·Φ(−|statistic|) (z);
 * interval estimate ± q·se with q the (1 + level)/2 quantile.
 *
 * @example
 * coefficientRow("x", 2, 0.5, 10, "t", 0.95);
 * // { statistic: 4, p_value: 0.002518..., conf_low: 0.8859..., conf_high: 3.1140... }
 */
export function coefficientRow(
  term: string,
  estimate: number,
  se: number,
  df: number,
  dist: ReferenceDistribution,
  level: number,
): CoefficientRow {
  if (Number.isNaN(estimate)) {
    return { term, estimate: null, std_error: null, statistic: null, df: null, p_value: null, conf_low: null, conf_high: null };
  }
  const statistic = estimate / se;
  const { low, high } = confidenceInterval(estimate, se, dist, df, level);
  return {
    term,
    estimate,
    std_error: se,
    statistic,
    df: dist === "t" ? df : null,
    p_value: twoSidedP(statistic, dist, df),
    conf_low: low,
    conf_high: high,
  };
}

/** 2·P(T_df > |t|), or 2·Φ(−|z|). */
export function twoSidedP(statistic: number, dist: ReferenceDistribution, df: number | null): number {
  return dist === "t" ? studentTTwoSidedP(statistic, df!) : normalTwoSidedP(statistic);
}

/**
 * The Wald interval estimate ± q·se, q the (1 + level)/2 quantile of t_df or of the normal — the
 * one interval every estimate of the library reports (R's confint for lm_robust and glm).
 */
export function confidenceInterval(estimate: number, se: number, dist: ReferenceDistribution, df: number | null, level: number): { low: number; high: number } {
  const q = criticalValue(level, dist, df ?? Infinity);
  return { low: estimate - q * se, high: estimate + q * se };
}

/**
 * Why a confidence level cannot give a two-sided interval, or undefined when it can. It must lie
 * strictly between 0 and 1, and far enough from both that the quantile's probability (1 + level)/2
 * is, in double precision, neither 1 (an infinite quantile: 0.9999999999999999 would give a "100%"
 * interval from −∞ to ∞) nor 1/2 (a quantile of 0: an interval of width 0, "0%"). The levels allowed
 * run from about 2.2e-16 to 0.9999999999999998.
 *
 * @example
 * confidenceLevelProblem(0.95); // undefined
 * confidenceLevelProblem(0.9999999999999999); // "is too close to 1: (1 + level)/2 rounds to 1, so the interval's quantile would be infinite"
 */
export function confidenceLevelProblem(level: number): string | undefined {
  if (!(level > 0 && level < 1)) return "must lie between 0 and 1";
  const p = (1 + level) / 2;
  if (p === 1) return "is too close to 1: (1 + level)/2 rounds to 1, so the interval's quantile would be infinite";
  if (p === 0.5) return "is too close to 0: (1 + level)/2 rounds to 1/2, so the interval's quantile would be 0";
  return undefined;
}

/**
 * The two-sided critical value for a confidence level: qt((1 + level)/2, df) or qnorm. t quantiles
 * are remembered by (level, df): a plan's hundreds of rows share a few, and each costs dozens of
 * incomplete-beta evaluations.
 */
export function criticalValue(level: number, dist: ReferenceDistribution, df: number): number {
  const p = (1 + level) / 2;
  if (dist === "z") return normalQuantile(p);
  const key = `${level} ${df}`;
  let q = tQuantiles.get(key);
  if (q === undefined) {
    q = studentTQuantile(p, df);
    if (tQuantiles.size >= 4096) tQuantiles.clear();
    tQuantiles.set(key, q);
  }
  return q;
}

const tQuantiles = new Map<string, number>();
