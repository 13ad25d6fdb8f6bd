import jstat from "jstat";
import { normalQuantile, normalUpperTail } from "./normal.js";
import { logBeta, regularizedBeta } from "./special-functions.js";

const { jStat } = jstat;

/**
 * Student's t distribution: tail probability, two-sided p-value and quantile, for any real df > 0
 * (Bell–McCaffrey degrees of freedom are not whole numbers).
 *
 * P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½) for t > 0, with the incomplete beta accurate in the tail.
 *
 * @example
 * studentTUpperTail(2.5, 10);     // 0.01572342211830439 (R: pt(-2.5, 10))
 * studentTQuantile(0.975, 9998);  // 1.960201287356836 (R: qt(0.975, 9998))
 */
export function studentTUpperTail(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalUpperTail(t);
  const t2 = t * t;
  // x = ν/(ν + t²) and 1 − x = t²/(ν + t²), each without cancellation
  const { lower } = regularizedBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5, -Math.log1p(t2 / df));
  return t >= 0 ? 0.5 * lower : 1 - 0.5 * lower;
}

/** Two-sided p-value 2·P(T > |t|), as `2 * pt(-abs(t), df)`. */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

/** The density of t at x. */
export function studentTDensity(x: number, df: number): number {
  return Math.exp(-logBeta(df / 2, 0.5) - ((df + 1) / 2) * Math.log1p((x * x) / df)) / Math.sqrt(df);
}

/**
 * The quantile t_p(ν): jstat's inverse (or the normal quantile for huge ν) polished by Newton steps
 * on the accurate tail probability, so that intervals agree with R's qt to ~1e-14.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p <= 0 || p >= 1 || !(df > 0)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  return p < 0.5 ? -studentTUpperQuantile(p, df) : studentTUpperQuantile(1 - p, df);
}

/**
 * The t with P(T > t) = tail (R: `qt(tail, df, lower.tail = FALSE)`), accurate for tiny tails where
 * 1 − tail would round.
 *
 * @example
 * studentTUpperQuantile(1e-10, 5); // 156.8255927088943 (R: qt(1e-10, 5, lower.tail = FALSE))
 */
export function studentTUpperQuantile(tail: number, df: number): number {
  if (Number.isNaN(tail) || tail <= 0 || tail >= 1 || !(df > 0)) return tail === 0 ? Infinity : tail === 1 ? -Infinity : NaN;
  if (tail > 0.5) return -studentTUpperQuantile(1 - tail, df);
  let t = df > 1e7 ? -normalQuantile(tail) : -jStat.studentt.inv(tail, df);
  if (!Number.isFinite(t)) t = -normalQuantile(tail);
  for (let i = 0; i < 8; i++) {
    const f = studentTUpperTail(t, df) - tail;
    const step = f / studentTDensity(t, df);
    t += step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(t))) break;
  }
  return t;
}
