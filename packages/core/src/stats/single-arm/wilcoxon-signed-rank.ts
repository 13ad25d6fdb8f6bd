import { inputError } from "../../errors.js";
import { normalQuantile, normalUpperTail } from "../distributions/normal.js";
import { signedRankCdf, signedRankQuantile } from "../distributions/signed-rank.js";
import { findRoot } from "../find-root.js";
import { pairedDifferences, type PairedTestOptions } from "./paired-t-test.js";

/**
 * Wilcoxon's signed-rank test of the paired change d_i = x_i − y_i, with the Hodges–Lehmann
 * estimate (the pseudo-median) and its confidence interval, exactly as R's
 * `wilcox.test(x, y, paired = TRUE, conf.int = TRUE, mu, conf.level, alternative, exact, correct)`:
 *
 * - Pairs with a missing value are dropped; differences equal to μ₀ (zeros) are dropped too.
 *   V = Σ_{d_i > μ₀} rank(|d_i − μ₀|), with average ranks for ties.
 * - Exact (by default when fewer than 50 differences remain and there are no ties or zeros): the
 *   p-value from the exact null distribution of V; the estimate is the median of the n(n+1)/2 Walsh
 *   averages (d_i + d_j)/2, i ≤ j, and the interval runs from the k-th smallest to the k-th largest
 *   of them, k = qsignrank(α/2, n) (at least 1). When that k cannot reach the requested level, the
 *   level achieved, 1 − signif(achieved α, 2), is reported instead (R warns the same).
 * - Otherwise the normal approximation z = (V − n(n+1)/4 − c)/σ with
 *   σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups of size t and continuity correction
 *   c = ±½ (`correct`). The interval ends are the shifts μ where the standardised statistic of
 *   d − μ crosses ∓z_{1−α/2}, found by R's uniroot (Brent, tol 1e-4) between min d and max d;
 *   the estimate is where it crosses 0 (searched without continuity correction, as R). Because
 *   that function of μ is a step function, only the same search steps reproduce R's numbers; they
 *   do (find-root.ts follows R's zeroin step for step).
 *
 * Reference: Hollander, M., Wolfe, D. A. & Chicken, E. (2014). Nonparametric Statistical Methods,
 * 3rd ed., §3.1–3.2. Hodges, J. L. & Lehmann, E. L. (1963). Estimates of location based on rank
 * tests. Ann. Math. Statist. 34(2), 598–611. Bauer, D. F. (1972). Constructing confidence sets using
 * rank statistics. JASA 67(339), 687–690. R Core Team, `?wilcox.test` (stats).
 *
 * @example
 * wilcoxonSignedRank([12, 15, 9, 20, 14, 18], [10, 11, 8, 15, 13, 11]);
 * // V 21, pValue 0.03125, estimate 3, CI [1, 6] (exact; R: wilcox.test(x, y, paired = TRUE, conf.int = TRUE))
 */
export interface WilcoxonOptions extends PairedTestOptions {
  /** Exact p-value and interval; default: when fewer than 50 non-zero differences and no ties or zeros. */
  exact?: boolean;
  /** Continuity correction in the normal approximation (default true). */
  correct?: boolean;
  /** uniroot's tolerance for the approximate interval and estimate (R's tol.root, 1e-4). */
  tolRoot?: number;
}

export interface WilcoxonSignedRank {
  /** V, the sum of the ranks of the positive differences. */
  statistic: number;
  pValue: number;
  /** The Hodges–Lehmann estimate ((pseudo)median); the midrange when no interval can be formed. */
  estimate: number;
  confLow: number;
  confHigh: number;
  /** The confidence level achieved: the requested one unless it could not be reached. */
  level: number;
  exact: boolean;
  continuityCorrection: boolean;
  /** Non-zero differences used, zero differences dropped, incomplete pairs dropped. */
  n: number;
  nZeros: number;
  nDropped: number;
  ties: boolean;
  method: string;
  /** R's warnings, word for word in substance (e.g. "requested conf.level not achievable"). */
  warnings: string[];
}

/** Average ranks 1…n of the values (ties share the mean of their positions), as R's rank(). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) ranks[order[k]] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Σ(t³ − t) over groups of tied ranks. */
function tieSum(ranks: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let s = 0;
  for (const t of counts.values()) s += t * t * t - t;
  return s;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const h = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
}

export function wilcoxonSignedRank(x: readonly (number | null)[], y: readonly (number | null)[], options: WilcoxonOptions = {}): WilcoxonSignedRank {
  const mu = options.mu ?? 0;
  const level = options.level ?? 0.95;
  const alternative = options.alternative ?? "two.sided";
  const correct = options.correct ?? true;
  const tolRoot = options.tolRoot ?? 1e-4;
  if (!(level > 0 && level < 1)) throw inputError(`the confidence level must be between 0 and 1, got ${level}`, { location: { path: "level" }, hint: "e.g. 0.95" });
  const { d: all, nDropped } = pairedDifferences(x, y);
  if (all.length < 1) throw inputError("no complete pairs: the signed-rank test needs at least one", { hint: "check for missing follow-up values" });
  const shifted = all.map((v) => v - mu).filter((v) => v !== 0);
  const nZeros = all.length - shifted.length;
  const n = shifted.length;
  if (n === 0) throw inputError("every difference equals mu: the signed-rank test has nothing to rank", { hint: "nobody changed; report the change as 0" });
  const exact = options.exact ?? n < 50;
  const ranks = averageRanks(shifted.map(Math.abs));
  const statistic = shifted.reduce((s, v, i) => (v > 0 ? s + ranks[i] : s), 0);
  const ties = new Set(ranks).size !== ranks.length;
  const warnings: string[] = [];
  const alpha = 1 - level;
  const d = shifted.map((v) => v + mu);

  if (exact && !ties && nZeros === 0) {
    const half = (n * (n + 1)) / 4;
    const pValue =
      alternative === "two.sided"
        ? Math.min(1, 2 * (statistic > half ? signedRankCdf(statistic - 1, n, false) : signedRankCdf(statistic, n)))
        : alternative === "greater"
          ? signedRankCdf(statistic - 1, n, false)
          : signedRankCdf(statistic, n);
    const walsh: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push(d[i] + d[j]);
    walsh.sort((a, b) => a - b);
    for (let k = 0; k < walsh.length; k++) walsh[k] /= 2;
    const total = (n * (n + 1)) / 2;
    let qu = signedRankQuantile(alternative === "two.sided" ? alpha / 2 : alpha, n);
    if (qu === 0) qu = 1;
    const ql = total - qu;
    const achievedAlpha = (alternative === "two.sided" ? 2 : 1) * signedRankCdf(Math.trunc(qu) - 1, n);
    const confLow = alternative === "less" ? -Infinity : walsh[qu - 1];
    const confHigh = alternative === "greater" ? Infinity : walsh[ql];
    let achievedLevel = level;
    if (achievedAlpha - alpha > alpha / 2) {
      warnings.push("requested conf.level not achievable");
      achievedLevel = 1 - Number(achievedAlpha.toPrecision(2));
    }
    return {
      statistic,
      pValue,
      estimate: median(walsh),
      confLow,
      confHigh,
      level: achievedLevel,
      exact: true,
      continuityCorrection: false,
      n,
      nZeros,
      nDropped,
      ties,
      method: "Wilcoxon signed rank exact test",
      warnings,
    };
  }

  const correctionFor = (z: number, withCorrection: boolean) =>
    withCorrection ? (alternative === "two.sided" ? Math.sign(z) * 0.5 : alternative === "greater" ? 0.5 : -0.5) : 0;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum(ranks) / 48);
  const centred = statistic - (n * (n + 1)) / 4;
  const z = (centred - correctionFor(centred, correct)) / sigma;
  const pValue =
    alternative === "less" ? normalUpperTail(-z) : alternative === "greater" ? normalUpperTail(z) : 2 * Math.min(normalUpperTail(-z), normalUpperTail(z));

  // the standardised statistic of d − μ, a decreasing step function of the shift μ
  const standardised = (shift: number, withCorrection: boolean): number => {
    const xd = d.map((v) => v - shift).filter((v) => v !== 0);
    const nx = xd.length;
    const r = averageRanks(xd.map(Math.abs));
    const zd = xd.reduce((s, v, i) => (v > 0 ? s + r[i] : s), 0) - (nx * (nx + 1)) / 4;
    const sd = Math.sqrt((nx * (nx + 1) * (2 * nx + 1)) / 24 - tieSum(r) / 48);
    return (zd - correctionFor(zd, withCorrection)) / sd;
  };
  // R warns about the exact test last, after any warning from the interval
  const exactWarnings: string[] = [];
  if (exact && ties) exactWarnings.push("cannot compute exact p-value with ties", "cannot compute exact confidence interval with ties");
  if (exact && nZeros > 0) exactWarnings.push("cannot compute exact p-value with zeroes", "cannot compute exact confidence interval with zeroes");
  const lowest = Math.min(...d);
  const highest = Math.max(...d);
  const atLowest = standardised(lowest, correct);
  const atHighest = Number.isFinite(atLowest) ? standardised(highest, correct) : NaN;
  const base = {
    statistic,
    pValue,
    exact: false,
    continuityCorrection: correct,
    n,
    nZeros,
    nDropped,
    ties,
    method: `Wilcoxon signed rank test${correct ? " with continuity correction" : ""}`,
  };
  if (!Number.isFinite(atHighest)) {
    warnings.push("cannot compute confidence interval when all observations are zero or tied");
    return {
      ...base,
      estimate: (lowest + highest) / 2,
      confLow: alternative === "less" ? -Infinity : NaN,
      confHigh: alternative === "greater" ? Infinity : NaN,
      level: 0,
      warnings: [...warnings, ...exactWarnings],
    };
  }
  const crossing = (zq: number) =>
    findRoot((shift) => standardised(shift, correct) - zq, lowest, highest, { tol: tolRoot, fLower: atLowest - zq, fUpper: atHighest - zq }).root;
  let a = alpha;
  let confLow = -Infinity;
  let confHigh = Infinity;
  const sortedD = [...d].sort((p, q) => p - q);
  // widen α until the interval's ends fall inside [min d, max d], as R does for tiny samples
  if (alternative === "two.sided") {
    while (atLowest - -normalQuantile(a / 2) < 0 || atHighest - normalQuantile(a / 2) > 0) a *= 2;
  } else if (alternative === "greater") {
    while (atLowest - -normalQuantile(a) < 0) a *= 2;
  } else {
    // R tests the upper end against z_{α/2} here, though it then solves at z_α
    while (atHighest - normalQuantile(a / 2) > 0) a *= 2;
  }
  let achievedLevel = level;
  if (a >= 1 || 1 - level < a * 0.75) {
    achievedLevel = 1 - Math.min(1, a);
    warnings.push("requested conf.level not achievable");
  }
  if (alternative === "two.sided") {
    if (a < 1) {
      confLow = crossing(-normalQuantile(a / 2));
      confHigh = crossing(normalQuantile(a / 2));
    } else {
      confLow = confHigh = median(sortedD);
    }
  } else if (alternative === "greater") {
    confLow = a < 1 ? crossing(-normalQuantile(a)) : median(sortedD);
  } else {
    confHigh = a < 1 ? crossing(normalQuantile(a)) : median(sortedD);
  }
  const estimate = findRoot((shift) => standardised(shift, false), lowest, highest, { tol: tolRoot }).root;
  return { ...base, estimate, confLow, confHigh, level: achievedLevel, warnings: [...warnings, ...exactWarnings] };
}
