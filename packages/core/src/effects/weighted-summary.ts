/**
 * Weighted mean and the standard deviation used for effect sizes (docs/statistics.md#effect-sizes):
 * weights rescaled to sum to n, then √(Σw(y − ȳ_w)²/(n − 1)); without weights, the ordinary
 * sample SD (R: sd()).
 *
 * @example
 * weightedMeanSd(Float64Array.of(1, 2, 4)); // { mean: 2.333…, sd: 1.527…, n: 3 }
 */
export function weightedMeanSd(y: ArrayLike<number>, w?: ArrayLike<number>, include: (i: number) => boolean = () => true): { mean: number; sd: number; n: number } {
  let n = 0;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < y.length; i++) {
    if (!include(i)) continue;
    const wi = w ? w[i] : 1;
    n++;
    sw += wi;
    swy += wi * y[i];
  }
  const mean = swy / sw;
  let ss = 0;
  for (let i = 0; i < y.length; i++) {
    if (!include(i)) continue;
    const wi = w ? (w[i] * n) / sw : 1;
    ss += wi * (y[i] - mean) ** 2;
  }
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}
