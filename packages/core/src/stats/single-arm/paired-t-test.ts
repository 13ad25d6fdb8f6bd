import { inputError } from "../../errors.js";
import { studentTQuantile, studentTUpperTail } from "../distributions/student-t.js";
import type { ProportionAlternative } from "./wilson-interval.js";

/**
 * The paired t test of the mean change d_i = x_i − y_i (pairs with a missing value dropped):
 *
 *   d̄ = Σd_i/n,  SE = s_d/√n,  t = (d̄ − μ₀)/SE on n − 1 df,  CI d̄ ± t_{1−α/2}(n − 1)·SE,
 *
 * as R's `t.test(x, y, paired = TRUE, mu, conf.level, alternative)` (one-sided alternatives give
 * one-sided intervals, as R). "Essentially constant" differences (SE below 10ε·|d̄|) are an error,
 * as in R, because t is then meaningless.
 *
 * Reference: R Core Team, `?t.test` (stats); Student (1908). The probable error of a mean.
 * Biometrika 6(1), 1–25.
 *
 * @example
 * pairedTTest([12, 15, 9, 20, 14], [10, 11, 9, 15, 13]); // estimate 2.4, statistic 2.58798655688, df 4, pValue 0.06081285615
 */
export interface PairedTestOptions {
  mu?: number;
  level?: number;
  alternative?: ProportionAlternative;
}

export interface PairedTTest {
  /** The mean difference x − y. */
  estimate: number;
  stdError: number;
  statistic: number;
  df: number;
  pValue: number;
  confLow: number;
  confHigh: number;
  level: number;
  /** Complete pairs used, and pairs dropped for a missing value. */
  n: number;
  nDropped: number;
}

/** The differences x_i − y_i over pairs with both values present; mismatched lengths are an error. */
export function pairedDifferences(x: readonly (number | null)[], y: readonly (number | null)[]): { d: number[]; nDropped: number } {
  if (x.length !== y.length) {
    throw inputError(`the two measurements have different lengths (${x.length} and ${y.length})`, { hint: "a paired test needs one before and one after value per person" });
  }
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) continue;
    d.push(a - b);
  }
  return { d, nDropped: x.length - d.length };
}

export function pairedTTest(x: readonly (number | null)[], y: readonly (number | null)[], options: PairedTestOptions = {}): PairedTTest {
  const mu = options.mu ?? 0;
  const level = options.level ?? 0.95;
  const alternative = options.alternative ?? "two.sided";
  if (!(level > 0 && level < 1)) throw inputError(`the confidence level must be between 0 and 1, got ${level}`, { location: { path: "level" }, hint: "e.g. 0.95" });
  const { d, nDropped } = pairedDifferences(x, y);
  const n = d.length;
  if (n < 2) throw inputError(`a paired t test needs at least 2 complete pairs, got ${n}`, { hint: "check for missing follow-up values" });
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const stdError = Math.sqrt(variance / n);
  if (stdError < 10 * Number.EPSILON * Math.abs(mean)) {
    throw inputError("the differences are essentially constant: a t test is meaningless", { hint: "every pair changed by the same amount" });
  }
  const df = n - 1;
  const statistic = (mean - mu) / stdError;
  let pValue: number;
  let low: number;
  let high: number;
  if (alternative === "less") {
    pValue = studentTUpperTail(-statistic, df);
    [low, high] = [-Infinity, statistic + studentTQuantile(level, df)];
  } else if (alternative === "greater") {
    pValue = studentTUpperTail(statistic, df);
    [low, high] = [statistic - studentTQuantile(level, df), Infinity];
  } else {
    pValue = 2 * studentTUpperTail(Math.abs(statistic), df);
    const q = studentTQuantile(1 - (1 - level) / 2, df);
    [low, high] = [statistic - q, statistic + q];
  }
  return { estimate: mean, stdError, statistic, df, pValue, confLow: mu + low * stdError, confHigh: mu + high * stdError, level, n, nDropped };
}

/**
 * The one-sample t test of the mean of x against μ₀ (pairs with a missing value dropped), as R's
 * `t.test(x, mu, conf.level, alternative)`: the paired test of x against zeros, which is the same
 * arithmetic.
 *
 * @example
 * oneSampleTTest([2, 4, 0, 5, 1]).confHigh; // 4.9747693 (R: t.test(c(2, 4, 0, 5, 1))$conf.int[2])
 */
export function oneSampleTTest(x: readonly (number | null)[], options: PairedTestOptions = {}): PairedTTest {
  return pairedTTest(x, x.map(() => 0), options);
}
