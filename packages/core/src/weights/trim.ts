import { quantileType7 } from "../stats/quantile.js";
import { analysisError } from "../errors.js";

/**
 * Trimming with redistribution, as `survey::trimWeights(design, upper = cap, strict = TRUE)`.
 *
 * survey's pass: every weight above the cap is set to the cap, and the total cut off is shared out
 * equally — the same amount added to each — among the weights not above the cap (including any
 * already at it); `strict = TRUE` repeats the pass until no weight exceeds the cap. Each weight
 * below the cap thus gains the same cumulative amount Δ until it reaches the cap, so the passes
 * converge to
 *
 *   wᵢ' = min(cap, wᵢ + Δ),   with Δ ≥ 0 the one value for which Σ wᵢ' = Σ wᵢ,
 *
 * which is what this function computes, directly: with the weights sorted, x₁ ≤ … ≤ xₙ, and k the
 * fewest top weights put at the cap for which x₍ₙ₋ₖ₎ + Δₖ ≤ cap, where
 * Δₖ = (Σ w − k·cap − Σ_{i ≤ n−k} xᵢ)/(n − k). The total is unchanged, the order of the weights is
 * kept, and none exceeds the cap. survey's repeated passes approach this limit geometrically and,
 * in floating point, can cycle for ever on the last unit in the last place: R then stops with
 * "C stack usage … is too close to the limit" (e.g. weights 0.01, 0.01376, 0.05142 with the cap
 * at 1.05 × their mean). Where survey finishes, the two agree to rounding (test/oracle/weights.R).
 *
 * A cap not above the mean weight cannot be met with the total kept (survey would divide by
 * zero); that is an analysis error.
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
  /** Weights at the cap after trimming (those above it, and any the redistribution lifted to it). */
  readonly nAtCap: number;
  /** Δ: the amount added to every weight left below the cap. */
  readonly added: number;
}

export function trimWeights(weights: ArrayLike<number>, cap: number): TrimResult {
  const n = weights.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => weights[a] - weights[b] || a - b);
  const x = order.map((i) => weights[i]);
  const total = x.reduce((s, v) => s + v, 0);
  const maxBefore = n ? x[n - 1] : -Infinity;
  const nAboveCap = x.filter((v) => v > cap).length;
  if (nAboveCap === 0) return { weights: Float64Array.from(weights), cap, nAboveCap, maxBefore, nAtCap: 0, added: 0 };
  if (total >= cap * n) {
    throw analysisError(`cannot trim weights to ${cap}: their mean, ${(total / n).toPrecision(4)}, is not below the cap, so the total cannot be kept`, {
      hint: "raise the cap above the mean weight",
    });
  }
  const prefix = [0];
  for (const v of x) prefix.push(prefix[prefix.length - 1] + v);
  let k = nAboveCap;
  let added = (total - k * cap - prefix[n - k]) / (n - k);
  while (x[n - k - 1] + added > cap) {
    k++;
    added = (total - k * cap - prefix[n - k]) / (n - k);
  }
  const out = new Float64Array(n);
  order.forEach((i, rank) => (out[i] = rank >= n - k ? cap : Math.min(cap, x[rank] + added)));
  return { weights: out, cap, nAboveCap, maxBefore, nAtCap: k, added };
}

/** The p-th percentile (0 < p ≤ 100) of the weights: R's `quantile(w, p / 100)` (type 7, stats/quantile.ts). */
export function percentile(weights: ArrayLike<number>, p: number): number {
  return quantileType7(Float64Array.from(weights).sort(), p / 100);
}

/** "the 99th percentile", "the 22nd percentile", "the 12.5th percentile": a percentile named in a message. */
export function percentileName(p: number): string {
  const tens = Math.floor(p) % 100;
  const suffix = !Number.isInteger(p) || (tens >= 11 && tens <= 13) ? "th" : (["th", "st", "nd", "rd"][tens % 10] ?? "th");
  return `the ${p}${suffix} percentile`;
}
