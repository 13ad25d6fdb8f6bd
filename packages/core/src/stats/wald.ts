import { analysisError, inputError, listNames } from "../errors.js";
import { chiSquareUpperTail } from "./distributions/chi-square.js";
import { fUpperTail } from "./distributions/f.js";
import { type DenseMatrix, zeros } from "./linalg/dense.js";
import { pivotedQr } from "./linalg/pivoted-qr.js";
import { symmetricEigen } from "./linalg/symmetric-eigen.js";

/**
 * Wald test of linear hypotheses Lβ = r with any variance matrix V:
 *   W = (Lβ − r)' (L V L')⁻¹ (Lβ − r),
 * reported as F = W/q on (q, residual df) for linear models, or as χ² = W on q df for logits —
 * `car::linearHypothesis(fit, L, rhs, vcov. = V, test = "F" | "Chisq")`.
 * See docs/statistics.md#wald-tests.
 *
 * Restrictions that depend on each other (L without full row rank) are the user's mistake, an input
 * error; independent restrictions whose variance L V L' is singular are a variance that cannot
 * support the test — a cluster-robust V from G clusters has rank at most G − 1 (G for CR2) — an
 * analysis error (car::linearHypothesis: "system is computationally singular"). A statistic that
 * overflows is an error too, never an infinite F with p < 0.0001.
 *
 * @example
 * waldTest({ names, estimates, vcov, dfResidual: 96 }, { terms: ["treat:gB", "treat:gC"] });
 * // { test: "F", statistic, df1: 2, df2: 96, p_value }
 */
export interface WaldInput {
  /** Names of the estimated (non-aliased) coefficients, in the order of `estimates` and `vcov`. */
  names: readonly string[];
  estimates: ArrayLike<number>;
  vcov: DenseMatrix;
  /** Residual df for an F test; undefined for a χ² test (logit). */
  dfResidual?: number;
  /** The number of clusters of a cluster-robust `vcov`, which bounds its rank (for the message of a test it cannot support). */
  nClusters?: number;
}

export type Hypothesis =
  | { terms: readonly string[] }
  | { matrix: readonly (readonly number[])[]; rhs?: readonly number[] };

export interface WaldResult {
  test: "F" | "chisq";
  statistic: number;
  df1: number;
  df2: number | null;
  p_value: number;
}

export function waldTest(input: WaldInput, hypothesis: Hypothesis): WaldResult {
  const k = input.names.length;
  let L: number[][];
  let rhs: number[];
  if ("terms" in hypothesis) {
    L = hypothesis.terms.map((t) => {
      const j = input.names.indexOf(t);
      if (j < 0) throw inputError(`the hypothesis names ${t}, which is not an estimated coefficient`, { hint: `coefficients: ${listNames([...input.names])}` });
      return Array.from({ length: k }, (_, c) => (c === j ? 1 : 0));
    });
    rhs = L.map(() => 0);
  } else {
    L = hypothesis.matrix.map((row) => {
      if (row.length !== k) throw inputError(`each hypothesis row needs ${k} entries (one per coefficient), got ${row.length}`);
      return [...row];
    });
    rhs = hypothesis.rhs ? [...hypothesis.rhs] : L.map(() => 0);
  }
  const q = L.length;
  if (q === 0) throw inputError("the hypothesis is empty");
  refuseDependentRestrictions(L, k);
  const diff = L.map((row, i) => row.reduce((s, l, j) => s + l * input.estimates[j], 0) - rhs[i]);
  // L V L'
  const LVL = zeros(q, q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let s = 0;
      for (let i = 0; i < k; i++) {
        if (L[a][i] === 0) continue;
        for (let j = 0; j < k; j++) s += L[a][i] * input.vcov.data[i + j * k] * L[b][j];
      }
      LVL.data[a + b * q] = s;
    }
  }
  if (!diff.every(Number.isFinite) || !LVL.data.every(Number.isFinite)) throw overflowError();
  // (LVL')⁻¹ through its eigendecomposition; L has full row rank, so a singular LVL' is the variance's
  const { values, vectors } = symmetricEigen(LVL);
  const maxEig = Math.max(...values);
  const rank = values.filter((v) => v > maxEig * 1e-12).length;
  if (rank < q) throw unsupportedTestError(q, rank, input.nClusters);
  let W = 0;
  for (let l = 0; l < q; l++) {
    let proj = 0;
    for (let a = 0; a < q; a++) proj += vectors.data[a + l * q] * diff[a];
    W += (proj * proj) / values[l];
  }
  if (!Number.isFinite(W)) throw overflowError();
  if (input.dfResidual === undefined) {
    return { test: "chisq", statistic: W, df1: q, df2: null, p_value: chiSquareUpperTail(W, q) };
  }
  const F = W / q;
  return { test: "F", statistic: F, df1: q, df2: input.dfResidual, p_value: fUpperTail(F, q, input.dfResidual) };
}

/** Restrictions of which one follows from the others (rows of L linearly dependent): an input error. */
function refuseDependentRestrictions(L: readonly (readonly number[])[], k: number): void {
  const q = L.length;
  // L' (k × q, column-major): its columns are the restrictions, and its rank theirs
  const transposed = zeros(k, q);
  L.forEach((row, a) => row.forEach((l, i) => (transposed.data[i + a * k] = l)));
  if (q > k || pivotedQr(transposed).rank < q) {
    throw inputError(`the ${q} restrictions are linearly dependent: one follows from the others`, { hint: "remove redundant restrictions" });
  }
}

/**
 * Independent restrictions whose variance L V L' has rank below their number: the variance cannot
 * support their joint test. A cluster-robust variance's rank is at most the number of clusters G
 * (G − 1 for CR0 and CR1, whose scores sum to zero over the clusters), so with G ≤ q the clusters
 * are the reason, and the message says so.
 */
function unsupportedTestError(q: number, rank: number, nClusters: number | undefined) {
  const restrictions = q === 1 ? "a restriction" : `a joint test of ${q} restrictions`;
  const tooFewClusters = nClusters !== undefined && nClusters <= q;
  const clusters = tooFewClusters ? `, as a cluster-robust variance from ${nClusters} clusters has rank at most ${nClusters - 1} (clusters − 1; ${nClusters} with CR2)` : "";
  const why = q === 1 ? ": its variance is 0" : `: it gives them rank ${rank}, not ${q}${clusters}`;
  return analysisError(`the variance cannot support ${restrictions}${why}`, {
    hint: tooFewClusters
      ? `test at most ${Math.max(rank, 1)} restriction${rank > 1 ? "s" : ""} at a time, or use data with more clusters`
      : "a combination tested has no variance: test the restrictions separately, leaving out the one with a zero standard error",
  });
}

/** A statistic or one of its terms beyond a double's range. */
function overflowError() {
  return inputError("the Wald statistic overflows double precision: the hypothesis's numbers, times the estimates and their variance, are too far apart in scale", {
    hint: "rescale the variables (dividing x by 10^k multiplies its coefficient by 10^k) and restate the hypothesis on the new scale",
  });
}
