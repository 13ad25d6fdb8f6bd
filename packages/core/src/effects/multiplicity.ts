/** The adjustments of R's `p.adjust` that a plan may name, and "none". */
export const MULTIPLICITY_METHODS = ["holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none"] as const;
export type MultiplicityMethod = (typeof MULTIPLICITY_METHODS)[number];

/**
 * Multiplicity-adjusted p-values, exactly as R's `stats::p.adjust(p, method)` (R 4.2 source,
 * src/library/stats/R/p.adjust.R), including its tie handling (stable ordering) and its switch
 * from Hommel to Hochberg for two p-values. NaN (missing) p-values stay NaN and are not counted.
 *
 *   holm:       pmin(1, cummax((n − i + 1) p₍ᵢ₎))               (ascending)
 *   hochberg:   pmin(1, cummin((n − i + 1) p₍ᵢ₎))               (descending)
 *   hommel:     Hommel (1988) closed testing, R's algorithm
 *   bonferroni: pmin(1, n p)
 *   BH:         pmin(1, cummin(n/i · p₍ᵢ₎))                      (descending)
 *   BY:         pmin(1, cummin(Σ1/k · n/i · p₍ᵢ₎))               (descending)
 *
 * @example
 * adjustPValues([0.01, 0.04, 0.03], "holm"); // [0.03, 0.06, 0.06]
 */
export function adjustPValues(p: readonly number[], method: MultiplicityMethod): number[] {
  const present = p.map((v, i) => ({ v, i })).filter((x) => !Number.isNaN(x.v));
  const out = p.map(() => NaN);
  const values = present.map((x) => x.v);
  const adjusted = adjustComplete(values, method);
  present.forEach((x, k) => (out[x.i] = adjusted[k]));
  return out;
}

function adjustComplete(p: number[], method: MultiplicityMethod): number[] {
  const n = p.length;
  if (n <= 1 || method === "none") return [...p];
  if (method === "hommel" && n === 2) method = "hochberg";
  const ascending = () => stableOrder(p, 1);
  const descending = () => stableOrder(p, -1);
  const place = (order: number[], values: number[]) => {
    const out = new Array<number>(n);
    order.forEach((o, k) => (out[o] = values[k]));
    return out;
  };
  switch (method) {
    case "bonferroni":
      return p.map((v) => Math.min(1, n * v));
    case "holm": {
      const o = ascending();
      let run = -Infinity;
      return place(
        o,
        o.map((idx, k) => {
          run = Math.max(run, (n - k) * p[idx]);
          return Math.min(1, run);
        }),
      );
    }
    case "hochberg":
    case "BH":
    case "BY": {
      const o = descending();
      const q = method === "BY" ? Array.from({ length: n }, (_, k) => 1 / (k + 1)).reduce((a, b) => a + b, 0) : 1;
      let run = Infinity;
      return place(
        o,
        o.map((idx, k) => {
          const i = n - k; // R: i <- lp:1
          const factor = method === "hochberg" ? n + 1 - i : (q * n) / i;
          run = Math.min(run, factor * p[idx]);
          return Math.min(1, run);
        }),
      );
    }
    case "hommel": {
      const o = ascending();
      const ps = o.map((idx) => p[idx]);
      let minInit = Infinity;
      for (let i = 0; i < n; i++) minInit = Math.min(minInit, (n * ps[i]) / (i + 1));
      const q = new Array<number>(n).fill(minInit);
      const pa = new Array<number>(n).fill(minInit);
      for (let m = n - 1; m >= 2; m--) {
        // i1 = 1..(n − m + 1), i2 = (n − m + 2)..n  (1-based)
        let q1 = Infinity;
        for (let k = 2; k <= m; k++) q1 = Math.min(q1, (m * ps[n - m + k - 1]) / k);
        for (let i = 0; i < n - m + 1; i++) q[i] = Math.min(m * ps[i], q1);
        for (let i = n - m + 1; i < n; i++) q[i] = q[n - m];
        for (let i = 0; i < n; i++) pa[i] = Math.max(pa[i], q[i]);
      }
      return place(
        o,
        ps.map((v, i) => Math.max(pa[i], v)),
      );
    }
  }
  return [...p];
}

/** R's order(): stable, ascending (direction 1) or descending (−1; ties keep their original order). */
function stableOrder(p: number[], direction: 1 | -1): number[] {
  return p
    .map((v, i) => ({ v, i }))
    .sort((a, b) => (a.v === b.v ? a.i - b.i : direction * (a.v - b.v)))
    .map((x) => x.i);
}

/** Significance marks of UK trial reports: * p < 0.10, ** p < 0.05, *** p < 0.01. */
export function significanceStars(p: number | null): string {
  if (p === null || Number.isNaN(p)) return "";
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}
