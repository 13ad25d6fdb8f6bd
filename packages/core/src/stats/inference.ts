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
  const p = dist === "t" ? studentTTwoSidedP(statistic, df) : normalTwoSidedP(statistic);
  const q = criticalValue(level, dist, df);
  return {
    term,
    estimate,
    std_error: se,
    statistic,
    df: dist === "t" ? df : null,
    p_value: p,
    conf_low: estimate - q * se,
    conf_high: estimate + q * se,
  };
}

/** The two-sided critical value for a confidence level: qt((1 + level)/2, df) or qnorm. */
export function criticalValue(level: number, dist: ReferenceDistribution, df: number): number {
  const p = (1 + level) / 2;
  return dist === "t" ? studentTQuantile(p, df) : normalQuantile(p);
}
