/**
 * Rescales weights to mean 1: wᵢ · n / Σw. Applied to the respondents of each cell, so that a cell's
 * weights sum to its number of respondents (docs/statistics.md, "Non-response weights").
 *
 * @example
 * rescaleToMeanOne(Float64Array.of(2, 4, 6)); // [0.5, 1, 1.5]
 */
export function rescaleToMeanOne(weights: Float64Array): Float64Array {
  let total = 0;
  for (const w of weights) total += w;
  const factor = weights.length / total;
  return Float64Array.from(weights, (w) => w * factor);
}
