import { inputError } from "../errors.js";
import { averageRanks } from "./single-arm/wilcoxon-signed-rank.js";

/**
 * Spearman's rank correlation ρ: Pearson's correlation of the two variables' ranks, ties given the
 * average of their ranks — as R's `cor(x, y, method = "spearman")`. Pairs with a missing value are
 * dropped ("complete.obs"). With no ties it equals 1 − 6Σd²/(n(n² − 1)), d the rank differences.
 * Null when either variable does not vary (R gives NA).
 *
 * Used descriptively (fidelity against job outcome rates across a handful of services): no
 * p-value is given, since with so few services it would say little.
 *
 * Reference: Spearman, C. (1904). The proof and measurement of association between two things.
 * American Journal of Psychology 15(1), 72–101. R Core Team, `?cor`.
 *
 * @example
 * spearmanCorrelation([88, 91, 89], [2 / 17, 4 / 22, 5 / 25]); // 0.5 (Project 100's end fidelity and job rates)
 */
export function spearmanCorrelation(x: readonly number[], y: readonly number[]): { rho: number | null; n: number } {
  if (x.length !== y.length) throw inputError(`the two variables have different lengths (${x.length} and ${y.length})`);
  const keep = x.map((_, i) => i).filter((i) => !Number.isNaN(x[i]) && !Number.isNaN(y[i]));
  const rx = averageRanks(keep.map((i) => x[i]));
  const ry = averageRanks(keep.map((i) => y[i]));
  const n = keep.length;
  if (n < 2) return { rho: null, n };
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    sxy += (rx[k] - mx) * (ry[k] - my);
    sxx += (rx[k] - mx) ** 2;
    syy += (ry[k] - my) ** 2;
  }
  return { rho: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null, n };
}
