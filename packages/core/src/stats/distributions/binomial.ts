import { regularizedBeta } from "./special-functions.js";
import { log, log1p } from "../elementary-functions.js";
import { normalQuantile } from "./normal.js";

/**
 * The binomial distribution Bin(n, θ): its cumulative distribution and quantile function, as R's
 * `pbinom` and `qbinom`.
 *
 * - P(X ≤ k) = 1 − I_θ(k + 1, n − k), the regularised incomplete beta function's upper tail (as R's
 *   pbinom, through pbeta), 0 below 0 and 1 from n on; k is floored.
 * - The p-quantile is the smallest whole k with P(X ≤ k) ≥ p, after R's fuzz p·(1 − 64ε), which
 *   keeps a p that is exactly a cdf value (up to rounding) on that value. The search starts at a
 *   normal approximation's guess and steps down or up from it to that k, so the guess decides only
 *   how many steps are taken, not where the search ends (the cdf does not decrease in k).
 *
 * Reference: R Core Team, `?Binomial` (src/nmath/pbinom.c, qbinom.c).
 *
 * @example
 * binomialCdf(3, 10, 0.55); // 0.1019949456 (R: pbinom(3, 10, 0.55))
 * binomialQuantile(0.975, 40, 0.55); // 28 (R: qbinom(0.975, 40, 0.55))
 */
export function binomialCdf(k: number, n: number, theta: number): number {
  const q = Math.floor(k + 1e-7);
  if (q < 0) return 0;
  if (q >= n) return 1;
  // as R: the upper tail of I_θ(k + 1, n − k), with θ as given (1 − θ would round)
  return regularizedBeta(theta, 1 - theta, q + 1, n - q, log(theta), log1p(-theta)).upper;
}

export function binomialQuantile(p: number, n: number, theta: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (theta === 0 || n === 0) return 0;
  if (p >= 1 || theta === 1) return n;
  const target = p * (1 - 64 * Number.EPSILON);
  // a normal approximation starts the search close to the answer
  const start = Math.max(0, Math.min(n, Math.floor(n * theta + Math.sqrt(n * theta * (1 - theta)) * normalQuantile(p))));
  let k = start;
  if (binomialCdf(k, n, theta) >= target) {
    while (k > 0 && binomialCdf(k - 1, n, theta) >= target) k--;
  } else {
    while (k < n && binomialCdf(k, n, theta) < target) k++;
  }
  return k;
}
