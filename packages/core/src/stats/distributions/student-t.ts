import { normalQuantile, normalUpperTail } from "./normal.js";
import { logBeta, regularizedBeta } from "./special-functions.js";
import { exp, log1p } from "../elementary-functions.js";

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
  const { lower } = regularizedBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5, -log1p(t2 / df));
  return t >= 0 ? 0.5 * lower : 1 - 0.5 * lower;
}

/** Two-sided p-value 2·P(T > |t|), as `2 * pt(-abs(t), df)`. */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTUpperTail(Math.abs(t), df));
}

/** The density of t at x. */
export function studentTDensity(x: number, df: number): number {
  return exp(-logBeta(df / 2, 0.5) - ((df + 1) / 2) * log1p((x * x) / df)) / Math.sqrt(df);
}

/**
 * The quantile t_p(ν): the root of the accurate tail probability (studentTUpperQuantile), so that
 * intervals agree with R's qt to ~1e-14.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p <= 0 || p >= 1 || !(df > 0)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  return p < 0.5 ? -studentTUpperQuantile(p, df) : studentTUpperQuantile(1 - p, df);
}

/**
 * The t with P(T > t) = tail (R: `qt(tail, df, lower.tail = FALSE)`), accurate for tiny tails where
 * 1 − tail would round.
 *
 * Newton steps on the tail probability from the Cornish–Fisher expansion (Abramowitz & Stegun
 * 26.7.5), kept inside a bracket — from the normal quantile, below which the t quantile never lies
 * (t has the heavier tails), to a point found by growing it — and halving the bracket whenever a
 * step would leave it, so that it converges for every ν. Only arithmetic and the elementary
 * functions of elementary-functions.ts: the same bits on every engine.
 *
 * @example
 * studentTUpperQuantile(1e-10, 5); // 156.8255927088943 (R: qt(1e-10, 5, lower.tail = FALSE))
 */
export function studentTUpperQuantile(tail: number, df: number): number {
  if (Number.isNaN(tail) || tail <= 0 || tail >= 1 || !(df > 0)) return tail === 0 ? Infinity : tail === 1 ? -Infinity : NaN;
  if (tail > 0.5) return -studentTUpperQuantile(1 - tail, df);
  const z = -normalQuantile(tail);
  let lo = z;
  let hi = Math.max(1, 2 * z);
  while (studentTUpperTail(hi, df) > tail && hi < Number.MAX_VALUE / 8) {
    lo = hi;
    hi *= 8;
  }
  let t = Math.min(Math.max(cornishFisher(z, df), lo), hi);
  for (let i = 0; i < 400; i++) {
    const f = studentTUpperTail(t, df) - tail;
    if (f === 0) return t;
    // the tail falls as t grows: above the target, the root is to the right
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    const step = next - t;
    t = next;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(t)) || hi - lo <= 4 * Number.EPSILON * Math.abs(t)) break;
  }
  return t;
}

/** The Cornish–Fisher approximation of the t quantile from the normal one (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}
