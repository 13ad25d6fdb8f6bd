import { inputError } from "../errors.js";
import { binomialCdf, binomialQuantile } from "./distributions/binomial.js";
import { normalQuantile } from "./distributions/normal.js";

/**
 * Control limits of a funnel plot for a proportion (Spiegelhalter 2005): around a target θ₀, the
 * range within which a unit with denominator n would fall with probability `level` if its true rate
 * were θ₀ — so that units are compared with the target allowing for their size, and a small unit is
 * not flagged for a chance result.
 *
 * - Exact binomial limits with interpolation (`method: "binomial"`, the paper's recommendation,
 *   its Appendix A.1.1): for a lower or upper tail probability p ((1 − level)/2 or (1 + level)/2),
 *   r_p is the p-quantile of Bin(n, θ₀) — the smallest r with F(r) ≥ p — and
 *     α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)),   limit = (r_p − α) / n,
 *   which makes the limits smooth in n rather than stepped.
 * - The normal approximation (`method: "normal"`): θ₀ ± z_p √(θ₀(1 − θ₀)/n).
 *
 * The usual levels are 95% ("warning", about 2 standard errors) and 99.8% ("alarm", about 3).
 *
 * Reference: Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
 * Statistics in Medicine 24(8), 1185–1202.
 *
 * @example
 * funnelLimits(0.55, 40, 0.95); // { lower: 0.38147013285886, upper: 0.69141095969306 } (exact binomial, interpolated)
 */
export type FunnelMethod = "binomial" | "normal";

export interface FunnelLimits {
  lower: number;
  upper: number;
}

export function funnelLimits(target: number, n: number, level: number, method: FunnelMethod = "binomial"): FunnelLimits {
  if (!(target > 0 && target < 1)) throw inputError(`the funnel's target rate must be between 0 and 1, got ${target}`, { hint: "e.g. 0.55 for a 55% job outcome rate" });
  if (!(Number.isInteger(n) && n > 0)) throw inputError(`a funnel limit needs a whole number of people above 0, got ${n}`);
  if (!(level > 0 && level < 1)) throw inputError(`the limits' level must be between 0 and 1, got ${level}`, { hint: "e.g. 0.95 or 0.998" });
  const pLow = (1 - level) / 2;
  const pHigh = (1 + level) / 2;
  if (method === "normal") {
    const half = normalQuantile(pHigh) * Math.sqrt((target * (1 - target)) / n);
    return { lower: target - half, upper: target + half };
  }
  return { lower: interpolatedQuantile(pLow, n, target) / n, upper: interpolatedQuantile(pHigh, n, target) / n };
}

/** r_p − α: the binomial p-quantile made continuous by interpolating within its step. */
function interpolatedQuantile(p: number, n: number, target: number): number {
  const r = binomialQuantile(p, n, target);
  const at = binomialCdf(r, n, target);
  const below = binomialCdf(r - 1, n, target);
  return r - (at - p) / (at - below);
}

/** Where a unit's rate x/n falls against the limits: inside both, or beyond a limit on either side. */
export type FunnelPosition = "above 99.8%" | "above 95%" | "within 95%" | "below 95%" | "below 99.8%";

/**
 * A unit's position on the funnel, against limits at 95% and 99.8% around the target.
 *
 * @example
 * funnelPosition(30, 40, 0.55); // "above 95%" (75% against limits 38.1–69.1% at 95%, 29.3–77.3% at 99.8%)
 */
export function funnelPosition(x: number, n: number, target: number, method: FunnelMethod = "binomial"): FunnelPosition {
  const rate = x / n;
  const warning = funnelLimits(target, n, 0.95, method);
  const alarm = funnelLimits(target, n, 0.998, method);
  if (rate > alarm.upper) return "above 99.8%";
  if (rate > warning.upper) return "above 95%";
  if (rate < alarm.lower) return "below 99.8%";
  if (rate < warning.lower) return "below 95%";
  return "within 95%";
}
