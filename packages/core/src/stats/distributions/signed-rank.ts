import { exp } from "../elementary-functions.js";
/**
 * The exact null distribution of Wilcoxon's signed-rank statistic V = Σ_{d_i > 0} rank(|d_i|) for n
 * non-zero, untied differences: each of the 2ⁿ sign patterns is equally likely, so
 * P(V = k) = c_n(k)/2ⁿ with c_n(k) the number of subsets of {1, …, n} summing to k, counted by the
 * recursion c_j(k) = c_{j−1}(k) + c_{j−1}(k − j). As R's psignrank and qsignrank (nmath/signrank.c),
 * including qsignrank's 10ε allowance, so quantiles land on the same integer as R's.
 *
 * Reference: Wilcoxon, F. (1945). Individual comparisons by ranking methods. Biometrics Bulletin
 * 1(6), 80–83. Hollander, M., Wolfe, D. A. & Chicken, E. (2014). Nonparametric Statistical Methods,
 * 3rd ed., §3.1.
 *
 * @example
 * signedRankCdf(3, 10);         // 0.0048828125 (R: psignrank(3, 10) = 5/1024)
 * signedRankQuantile(0.025, 10); // 9 (R: qsignrank(0.025, 10))
 */
const countCache = new Map<number, Float64Array>();

/** c_n(k) for k = 0 … ⌊n(n+1)/4⌋ (the distribution is symmetric about n(n+1)/4). */
function subsetSumCounts(n: number): Float64Array {
  const cached = countCache.get(n);
  if (cached) return cached;
  const half = Math.floor((n * (n + 1)) / 2 / 2);
  const w = new Float64Array(half + 1);
  w[0] = 1;
  if (n >= 1 && half >= 1) w[1] = 1;
  for (let j = 2; j <= n; j++) {
    const end = Math.min((j * (j + 1)) / 2, half);
    for (let i = end; i >= j; i--) w[i] += w[i - j];
  }
  if (countCache.size > 8) countCache.clear();
  countCache.set(n, w);
  return w;
}

function countAt(k: number, n: number): number {
  const u = (n * (n + 1)) / 2;
  if (k < 0 || k > u) return 0;
  const w = subsetSumCounts(n);
  const half = Math.floor(u / 2);
  return w[k > half ? u - k : k];
}

/** P(V ≤ q) (or P(V > q) with `lowerTail = false`). */
export function signedRankCdf(q: number, n: number, lowerTail = true): number {
  if (Number.isNaN(q) || !(Number.isInteger(n) && n > 0)) return NaN;
  let x = Math.round(q + 1e-7);
  const u = (n * (n + 1)) / 2;
  if (x < 0) return lowerTail ? 0 : 1;
  if (x >= u) return lowerTail ? 1 : 0;
  const f = exp(-n * Math.LN2);
  let p = 0;
  let lower = lowerTail;
  if (x <= (n * (n + 1)) / 4) {
    for (let i = 0; i <= x; i++) p += countAt(i, n) * f;
  } else {
    // sum the shorter, upper side and complement: P(V ≤ x) = 1 − P(V ≤ u − x − 1)
    x = u - x;
    for (let i = 0; i < x; i++) p += countAt(i, n) * f;
    lower = !lower;
  }
  return lower ? p : 0.5 - p + 0.5;
}

/** The smallest q with P(V ≤ q) ≥ p (R: qsignrank(p, n)). */
export function signedRankQuantile(p: number, n: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(Number.isInteger(n) && n > 0)) return NaN;
  const u = (n * (n + 1)) / 2;
  if (p === 0) return 0;
  if (p === 1) return u;
  const f = exp(-n * Math.LN2);
  let sum = 0;
  let q = 0;
  if (p <= 0.5) {
    const target = p - 10 * Number.EPSILON;
    for (;;) {
      sum += countAt(q, n) * f;
      if (sum >= target) return q;
      q++;
    }
  }
  const target = 1 - p + 10 * Number.EPSILON;
  for (;;) {
    sum += countAt(q, n) * f;
    if (sum > target) return u - q;
    q++;
  }
}
