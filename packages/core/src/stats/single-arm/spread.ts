/**
 * The mean, standard deviation (divisor n − 1, as R's sd) and range of the values present (NaN is
 * missing): what a service evaluation prints as "average score (range)" (IPS-in-IAPT pilot, Table 6).
 * Null when no value is present; `sd` null with fewer than two.
 *
 * @example
 * spread(Float64Array.from([13, 24, NaN, 44])); // { n: 3, mean: 27, sd: 15.716233645501712, min: 13, max: 44 }
 */
export interface Spread {
  n: number;
  mean: number;
  sd: number | null;
  min: number;
  max: number;
}

export function spread(values: ArrayLike<number>): Spread | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) squares += (values[i] - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : null, min, max };
}
