import { quantileType7 } from "../stats/quantile.js";

/**
 * What a report says about the Monte Carlo draws of one quantity (a benefit–cost ratio, a net
 * benefit): mean, standard deviation, median and the 90% and 95% percentile intervals (R's type-7
 * quantiles, stats/quantile.ts), the share of draws above a threshold, and the Monte Carlo standard
 * errors of the mean (s/√D) and of that share (√(p(1 − p)/D)) — how far another seed could move them.
 * Equal-width bins over [min, max] give the histogram. The names are those results.json holds.
 *
 * @example
 * summariseDraws(Float64Array.from([0.5, 1.5, 2, 3]), 1).p_above; // 0.75
 */
export interface DrawSummary {
  mean: number;
  /** Standard deviation of the draws (divisor D − 1). */
  sd: number;
  median: number;
  /** 5th and 95th percentiles: the 90% interval. */
  q05: number;
  q95: number;
  /** 2.5th and 97.5th percentiles: the 95% interval. */
  q025: number;
  q975: number;
  /** The share of draws strictly above the threshold. */
  p_above: number;
  /** Monte Carlo standard errors of `mean` and `p_above`. */
  mcse_mean: number;
  mcse_p: number;
}

export interface Histogram {
  /** B + 1 bin edges, ascending; bin b holds draws in [edges[b], edges[b + 1]) (the last bin includes its upper edge). */
  edges: number[];
  counts: number[];
}

export function summariseDraws(draws: Float64Array, threshold: number): DrawSummary {
  const d = draws.length;
  let sum = 0;
  let above = 0;
  for (let i = 0; i < d; i++) {
    sum += draws[i];
    if (draws[i] > threshold) above++;
  }
  const mean = sum / d;
  let ss = 0;
  for (let i = 0; i < d; i++) ss += (draws[i] - mean) ** 2;
  const sd = d > 1 ? Math.sqrt(ss / (d - 1)) : NaN;
  const sorted = Float64Array.from(draws).sort();
  const q = (p: number) => quantileType7(sorted, p);
  const share = above / d;
  return {
    mean,
    sd,
    median: q(0.5),
    q05: q(0.05),
    q95: q(0.95),
    q025: q(0.025),
    q975: q(0.975),
    p_above: share,
    mcse_mean: sd / Math.sqrt(d),
    mcse_p: Math.sqrt((share * (1 - share)) / d),
  };
}

/** Counts of the draws in `bins` equal-width bins from their minimum to their maximum. */
export function histogram(draws: Float64Array, bins = 40): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of draws) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  // every draw equal (no uncertainty): one bin around the value
  if (!(hi > lo)) return { edges: [lo, hi], counts: [draws.length] };
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of draws) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
  const edges = Array.from({ length: bins + 1 }, (_, b) => (b === bins ? hi : lo + b * width));
  return { edges, counts };
}
