import { quantileSorted } from "simple-statistics";
import { analysisError } from "../errors.js";

/**
 * Trimming with redistribution, exactly as `survey::trimWeights(design, upper = cap, strict = TRUE)`.
 *
 * One pass: every weight above the cap is set to the cap, and the total cut off is shared out
 * equally — the same amount added to each — among the weights not above the cap (which includes any
 * already at the cap). The total weight is unchanged. `strict` repeats the pass until no weight
 * exceeds the cap: the share can lift a weight over the cap, which the next pass trims again.
 *
 * A cap below the mean weight cannot be met with the total kept (survey would divide by zero);
 * that is an analysis error.
 *
 * @example
 * trimWeights(Float64Array.of(0.5, 0.5, 0.5, 2.5), 2).weights; // [0.6667, 0.6667, 0.6667, 2]
 */
export interface TrimResult {
  readonly weights: Float64Array;
  readonly cap: number;
  /** Weights above the cap before trimming. */
  readonly nAboveCap: number;
  /** The largest weight before trimming. */
  readonly maxBefore: number;
  /** Passes made (0 when nothing exceeded the cap). */
  readonly passes: number;
}

export function trimWeights(weights: ArrayLike<number>, cap: number): TrimResult {
  const w = Float64Array.from(weights);
  const n = w.length;
  let total = 0;
  let maxBefore = -Infinity;
  let nAboveCap = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    maxBefore = Math.max(maxBefore, w[i]);
    if (w[i] > cap) nAboveCap++;
  }
  if (nAboveCap === 0) return { weights: w, cap, nAboveCap, maxBefore, passes: 0 };
  if (total >= cap * n) {
    throw analysisError(`cannot trim weights to ${cap}: their mean, ${(total / n).toPrecision(4)}, is not below the cap, so the total cannot be kept`, {
      hint: "raise the cap above the mean weight",
    });
  }
  let passes = 0;
  for (;;) {
    let excess = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      if (w[i] > cap) excess += w[i] - cap;
      else inside++;
    }
    if (excess === 0) break;
    const share = excess / inside;
    for (let i = 0; i < n; i++) w[i] = w[i] > cap ? cap : w[i] + share;
    if (++passes > 100_000) throw new Error("trimWeights: no convergence after 100000 passes (a bug)");
  }
  return { weights: w, cap, nAboveCap, maxBefore, passes };
}

/**
 * The p-th percentile (0 < p ≤ 100) of the weights, by R's default `quantile(type = 7)`:
 * with sorted weights x₁ ≤ … ≤ xₙ and h = (n − 1)p/100, x_⌊h⌋₊₁ + (h − ⌊h⌋)(x_⌊h⌋₊₂ − x_⌊h⌋₊₁)
 * (simple-statistics' `quantileSorted`, which implements type 7).
 */
export function percentile(weights: ArrayLike<number>, p: number): number {
  return quantileSorted(Array.from(weights).sort((a, b) => a - b), p / 100);
}
