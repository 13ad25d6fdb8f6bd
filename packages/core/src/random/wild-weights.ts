import { uniformInteger } from "./integer.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * Auxiliary weights for the wild (cluster) bootstrap: one per observation or cluster, each
 * independent with mean 0 and variance 1.
 *
 * Rademacher: +1 or −1 with probability ½ each — the top bit of one 32-bit output (1 → +1).
 * Liu (1988); Davidson & Flachaire (2008) recommend it for the wild bootstrap.
 *
 * Webb's six-point distribution: ±√(1/2), ±1, ±√(3/2), each with probability 1/6 —
 * `uniformInteger(rng, 6)` indexes (−√(3/2), −1, −√(1/2), √(1/2), 1, √(3/2)). Mean 0, variance
 * (1/2 + 1 + 3/2)/3 = 1, fourth moment 7/6. With few clusters (G < 12 or so) Rademacher weights
 * give only 2^G distinct bootstrap samples; Webb's give 6^G.
 *
 * Source: R. Y. Liu, "Bootstrap procedures under some non-i.i.d. models", Ann. Statist. 16(4), 1988;
 * R. Davidson, E. Flachaire, "The wild bootstrap, tamed at last", J. Econometrics 146(1), 2008;
 * M. D. Webb, "Reworking wild bootstrap-based inference for clustered errors", Canadian J. Econ.
 * 56(3), 2023 (Queen's Economics Department WP 1315, 2013).
 *
 * @example
 * rademacherWeights(rng, 4); // e.g. Float64Array [1, -1, -1, 1]
 * webbWeights(rng, 2);       // e.g. Float64Array [-0.7071067811865476, 1.224744871391589]
 */
export function rademacherWeights(rng: RandomStream, n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = rng.nextUint32() >>> 31 ? 1 : -1;
  return w;
}

/** Webb's six-point weights (see `rademacherWeights`). */
export function webbWeights(rng: RandomStream, n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = WEBB_POINTS[uniformInteger(rng, 6)];
  return w;
}

/** Webb's six points, in increasing order. */
export const WEBB_POINTS: readonly number[] = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];
