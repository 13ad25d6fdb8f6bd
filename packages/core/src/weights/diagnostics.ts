import { quantileType7 } from "../stats/quantile.js";
import type { DataTable } from "../data/table.js";
import { MISSING_LEVEL, categorical } from "./cells.js";
import type { PreparedCovariate } from "./missing-covariates.js";

/**
 * What the weights did, as plain numbers.
 *
 * Weight summary over n respondents with weights w: min, quartiles and max (R's `quantile`, type 7:
 * stats/quantile.ts), mean, and CV = √(Σ(w − w̄)²/n) / w̄ — the population SD
 * (divisor n), so that Kish's design effect deff = n·Σw²/(Σw)² equals 1 + CV² exactly. Effective
 * sample size n_eff = (Σw)²/Σw² = n/deff.
 *
 * @example
 * summariseWeights([1, 1, 2, 4]); // { n: 4, min: 1, median: 1.5, max: 4, designEffect: 1.375, effectiveN: 2.909…, … }
 */
export interface WeightSummary {
  readonly n: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
  readonly cv: number;
  /** Kish: n·Σw²/(Σw)². */
  readonly designEffect: number;
  /** (Σw)²/Σw². */
  readonly effectiveN: number;
}

export function summariseWeights(weights: ArrayLike<number>): WeightSummary {
  const sorted = Float64Array.from(weights).sort();
  const n = sorted.length;
  const deff = kishDesignEffect(sorted);
  let total = 0;
  for (const v of sorted) total += v;
  const mean = total / n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  return {
    n,
    min: sorted[0],
    q1: quantileType7(sorted, 0.25),
    median: quantileType7(sorted, 0.5),
    q3: quantileType7(sorted, 0.75),
    max: sorted[n - 1],
    mean,
    cv: Math.sqrt(ss / n) / mean,
    designEffect: deff,
    effectiveN: n / deff,
  };
}


/** Kish's design effect from unequal weights, n·Σw²/(Σw)². */
export function kishDesignEffect(weights: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i];
    s2 += weights[i] * weights[i];
  }
  return (weights.length * s2) / (s * s);
}

/** Kish's effective sample size, (Σw)²/Σw². */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  return weights.length / kishDesignEffect(weights);
}

/**
 * Balance of one covariate (a numeric one, its missing share, or one level of a categorical one)
 * between respondents and everyone eligible, as a standardised mean difference:
 *
 *   SMD = (mean among respondents − mean among all eligible) / SD among all eligible,
 *
 * with the SD of the eligible (divisor n − 1, the target population's spread) as the denominator
 * of both the unweighted and the weighted SMD, so the two differ only in the respondents' mean.
 * For a level of a categorical covariate the "mean" is the proportion at that level. A numeric
 * covariate's mean and SD use the people with a value; its missing share is a row of its own
 * (level `(missing)`). The weighted mean uses the final weights; for `cell: null` (everyone) they
 * are first scaled within each cell to that cell's eligible count (wᵢ·N_c/Σ_c w), so that each cell
 * counts as much as it did among the eligible — weights of mean 1 per cell would count each cell by
 * its respondents. When the SD is 0 every eligible person has the same value, and the SMD is 0.
 */
export interface BalanceRow {
  /** The cell, or null for everyone eligible. */
  readonly cell: string | null;
  readonly covariate: string;
  /** A categorical level, `(missing)`, or null for a numeric covariate's values. */
  readonly level: string | null;
  readonly eligibleMean: number;
  readonly respondentMean: number;
  readonly weightedMean: number;
  readonly sd: number;
  readonly smdUnweighted: number;
  readonly smdWeighted: number;
}

export function balanceRows(
  table: DataTable,
  covariates: readonly PreparedCovariate[],
  cell: string | null,
  eligibleRows: Int32Array,
  weights: Float64Array,
): BalanceRow[] {
  const rows: BalanceRow[] = [];
  // the values and the rows left out as arrays, not callbacks: one call site each, so the loops stay optimised
  const add = (covariate: string, level: string | null, values: ArrayLike<number>, leftOut: Uint8Array | undefined) => {
    let n = 0;
    let sum = 0;
    let nR = 0;
    let sumR = 0;
    let sw = 0;
    let swx = 0;
    for (let at = 0; at < eligibleRows.length; at++) {
      const i = eligibleRows[at];
      if (leftOut && leftOut[i] !== 0) continue;
      const x = values[i];
      n++;
      sum += x;
      const w = weights[i];
      if (!Number.isNaN(w)) {
        nR++;
        sumR += x;
        sw += w;
        swx += w * x;
      }
    }
    const eligibleMean = sum / n;
    let ss = 0;
    for (let at = 0; at < eligibleRows.length; at++) {
      const i = eligibleRows[at];
      if (!leftOut || leftOut[i] === 0) ss += (values[i] - eligibleMean) ** 2;
    }
    const sd = Math.sqrt(ss / (n - 1));
    const respondentMean = sumR / nR;
    const weightedMean = swx / sw;
    const smd = (m: number) => (sd === 0 ? 0 : (m - eligibleMean) / sd);
    rows.push({ cell, covariate, level, eligibleMean, respondentMean, weightedMean, sd, smdUnweighted: smd(respondentMean), smdWeighted: smd(weightedMean) });
  };
  for (const c of covariates) {
    if (c.kind === "numeric") {
      add(c.name, null, c.values, c.missing);
      if (c.nMissing > 0) add(c.name, MISSING_LEVEL, c.missing, undefined);
    } else {
      const cat = categorical(table, c.name, eligibleRows, { missingLevel: MISSING_LEVEL });
      for (let l = 0; l < cat.levels.length; l++) {
        const inLevel = new Uint8Array(cat.codes.length);
        for (let at = 0; at < eligibleRows.length; at++) {
          const i = eligibleRows[at];
          inLevel[i] = cat.codes[i] === l ? 1 : 0;
        }
        add(c.name, cat.levels[l], inLevel, undefined);
      }
    }
  }
  return rows;
}

