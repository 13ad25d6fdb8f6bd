/**
 * R's default sample quantile, `quantile(x, p, type = 7)`, of values already sorted ascending —
 * the one quantile of trialstat (equal-count recode bands, percentile trimming of weights, the
 * quartiles of weight summaries). With index = 1 + (n − 1)p, lo = ⌊index⌋, hi = ⌈index⌉ and
 * h = index − lo (1-based), the result is x_lo when h = 0 or x_hi = x_lo, else (1 − h)·x_lo + h·x_hi
 * — the same operations as R's quantile.default, in the same order, so results agree to the bit.
 * Hyndman and Fan (1996), definition 7. NaN for no values.
 *
 * @example
 * quantileType7([1, 2, 3], 0.25); // 1.5
 * quantileType7([2, 7], 0.1);     // 2.5000000000000004, as R
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1];
  const high = sorted[hi - 1];
  if (!(index > lo) || high === low) return low;
  const h = index - lo;
  return (1 - h) * low + h * high;
}
