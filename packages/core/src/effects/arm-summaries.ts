/**
 * Means and standard deviations of the outcome by arm (and by subgroup level), as the effect
 * tables report them and as effect sizes divide by them (docs/statistics.md#effect-sizes): with
 * weights, the weights are rescaled to sum to the cell's n, the mean is Σwy/Σw and the SD
 * √(Σw(y − ȳ_w)²/(n − 1)); without weights, R's mean() and sd().
 *
 * @example
 * armSummaries(Float64Array.of(1, 2, 4, 5), Uint8Array.of(0, 0, 1, 1));
 * // control { mean: 1.5, sd: 0.707…, n: 2 }, treated { mean: 4.5, sd: 0.707…, n: 2 }
 */
export interface ArmSummary {
  mean: number;
  sd: number;
  n: number;
}

export function armSummaries(y: Float64Array, arm: Uint8Array, w?: Float64Array): { control: ArmSummary; treated: ArmSummary } {
  const [s] = levelArmSummaries(y, arm, w, undefined, 1);
  return s;
}

/** Summaries in each level × arm, in one pass over the rows instead of one per cell (`codes[i]` is row i's level). */
export function levelArmSummaries(y: Float64Array, arm: Uint8Array, w: Float64Array | undefined, codes: ArrayLike<number> | undefined, nLevels: number): { control: ArmSummary; treated: ArmSummary }[] {
  const cells = 2 * nLevels;
  const n = new Float64Array(cells);
  const sw = new Float64Array(cells);
  const swy = new Float64Array(cells);
  for (let i = 0; i < y.length; i++) {
    const c = 2 * (codes ? codes[i] : 0) + arm[i];
    const wi = w ? w[i] : 1;
    n[c]++;
    sw[c] += wi;
    swy[c] += wi * y[i];
  }
  const mean = Float64Array.from(swy, (v, c) => v / sw[c]);
  const ss = new Float64Array(cells);
  for (let i = 0; i < y.length; i++) {
    const c = 2 * (codes ? codes[i] : 0) + arm[i];
    const wi = w ? (w[i] * n[c]) / sw[c] : 1;
    ss[c] += wi * (y[i] - mean[c]) ** 2;
  }
  const summary = (c: number) => ({ mean: mean[c], sd: Math.sqrt(ss[c] / (n[c] - 1)), n: n[c] });
  return Array.from({ length: nLevels }, (_, l) => ({ control: summary(2 * l), treated: summary(2 * l + 1) }));
}
