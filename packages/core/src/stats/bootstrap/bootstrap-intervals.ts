import { normalQuantile } from "../distributions/normal.js";

/**
 * What a pairs or cluster bootstrap reports for one coefficient, from the replicates θ*_b and their
 * standard errors s*_b (b = 1 … B, failed draws left out) and the full-sample θ̂ and s:
 *
 * - standard error: the replicates' standard deviation, √(Σ(θ*_b − θ̄*)²/(B − 1)) (R's `sd`, as
 *   boot prints);
 * - percentile interval: the α/2 and 1 − α/2 quantiles of θ*, as `boot::boot.ci(type = "perc")`;
 * - studentised (bootstrap-t) interval: [θ̂ − s·q(1 − α/2), θ̂ − s·q(α/2)] with q the quantiles of
 *   z*_b = (θ*_b − θ̂)/s*_b, as `boot.ci(type = "stud")`;
 * - p-value: the symmetric bootstrap-t p-value for θ = θ₀, the share of |z*_b| > |(θ̂ − θ₀)/s|
 *   (Cameron, Gelbach & Miller 2008, §3; the same rule as the wild bootstrap's).
 *
 * Quantiles are boot's `norm.inter`: the k-th smallest value where k = (B + 1)·p is whole, otherwise
 * interpolation between the k-th and (k + 1)-th on the normal quantile scale; k = 0 or B take the
 * extreme values (boot warns of "extreme order statistics"; so does `intervalWarnings`).
 *
 * Source: A. C. Davison, D. V. Hinkley, Bootstrap Methods and their Application, 1997, §5.2–5.3
 * (boot's intervals); B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap, 1993, ch. 12–13.
 *
 * @example
 * bootstrapQuantiles(Float64Array.of(3, 1, 2, 5, 4), [0.5]); // [3] ((5 + 1)·0.5 = 3: the 3rd smallest)
 */
export function bootstrapQuantiles(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  const R = sorted.length;
  if (R === 0) return probabilities.map(() => NaN);
  return probabilities.map((alpha) => {
    const rk = (R + 1) * alpha;
    const k = Math.trunc(rk);
    if (k === 0) return sorted[0];
    if (k >= R) return sorted[R - 1];
    if (k === rk) return sorted[k - 1];
    const q = normalQuantile(alpha);
    const qk = normalQuantile(k / (R + 1));
    const qk1 = normalQuantile((k + 1) / (R + 1));
    const tk = sorted[k - 1];
    const tk1 = sorted[k];
    return tk + ((q - qk) / (qk1 - qk)) * (tk1 - tk);
  });
}

/** Whether boot would warn that an interval uses extreme order statistics: (B + 1)·p outside (1, B). */
export function usesExtremeOrderStatistics(draws: number, level: number): boolean {
  const rk = [(draws + 1) * ((1 - level) / 2), (draws + 1) * ((1 + level) / 2)];
  return rk.some((r) => !(r > 1 && r < draws));
}

export interface ResampleSummary {
  /** Standard deviation of the replicates. */
  readonly standardError: number;
  readonly percentile: readonly [number, number];
  readonly studentised: readonly [number, number];
  readonly pValue: number;
}

/**
 * The summary above from the full-sample estimate and standard error and the replicates (estimates
 * and standard errors, NaN for a failed draw, which is left out).
 */
export function summariseReplicates(estimate: number, standardError: number, replicates: ArrayLike<number>, replicateErrors: ArrayLike<number>, level: number, nullValue = 0): ResampleSummary {
  const theta: number[] = [];
  const z: number[] = [];
  for (let b = 0; b < replicates.length; b++) {
    if (!Number.isFinite(replicates[b])) continue;
    theta.push(replicates[b]);
    z.push((replicates[b] - estimate) / replicateErrors[b]);
  }
  const B = theta.length;
  let mean = 0;
  for (const t of theta) mean += t;
  mean /= B;
  let ss = 0;
  for (const t of theta) ss += (t - mean) * (t - mean);
  const [pLow, pHigh] = bootstrapQuantiles(theta, [(1 - level) / 2, (1 + level) / 2]);
  const [zHigh, zLow] = bootstrapQuantiles(z, [(1 + level) / 2, (1 - level) / 2]);
  const observed = Math.abs((estimate - nullValue) / standardError);
  let exceed = 0;
  // a replicate whose statistic is undefined (zero standard error) counts as exceeding, as boottest does
  for (const zb of z) if (!(Math.abs(zb) <= observed)) exceed++;
  return {
    standardError: Math.sqrt(ss / (B - 1)),
    percentile: [pLow, pHigh],
    studentised: [estimate - standardError * zHigh, estimate - standardError * zLow],
    pValue: exceed / B,
  };
}
