import { accurateDot } from "./double-double.js";
import { columnDots } from "./column-dots.js";
import { type DenseMatrix, zeros } from "./dense.js";
import { tallSkinnyR } from "./tall-skinny-qr.js";
import { DEFAULT_RANK_TOLERANCE, type PivotedQr, applyQ, applyQTranspose, pivotedQr, solveUpper, upperInverse } from "./pivoted-qr.js";

/**
 * Linear least squares min ‖y − Xb‖ by Householder QR with R's column pivoting, with iterative
 * refinement of the augmented system when the design is ill-conditioned.
 *
 * Refinement (Björck 1967, "Iterative refinement of linear least squares solutions I", BIT 7:257–278)
 * solves [I X; X' 0][r; b] = [y; 0] again for the corrections, with the two residuals of that
 * system accumulated in double-double. It removes the κ²·‖r‖ error term of plain QR, which is what
 * limits large-residual problems such as NIST's Wampler4–5 to ~6 digits; well-conditioned designs
 * (column-scaled condition number of R up to 1e3) skip it, since plain QR already gives ~13 digits.
 *
 * @example
 * const fit = leastSquares(fromRows([[1, 1], [1, 2], [1, 3]]), Float64Array.of(1, 2, 2));
 * fit.coefficients; // Float64Array [0.6667, 0.5]
 */
export interface LeastSquaresFit {
  /**
   * A pivoted QR whose leading rank × rank R, pivot and rank describe the fit. On the fast path it
   * is the QR of the p × p TSQR factor (its Q is not that of X); only the refinement path keeps X's
   * reflectors.
   */
  readonly qr: PivotedQr;
  readonly rank: number;
  /** One per column of X in original order; NaN for aliased columns. */
  readonly coefficients: Float64Array;
  /** y − Xb over all rows. */
  readonly residuals: Float64Array;
  /** Original indices of aliased columns. */
  readonly aliased: readonly number[];
  /** How many refinement steps were taken (0 for well-conditioned designs). */
  readonly refinementSteps: number;
  /** Condition number of the column-scaled R (see scaledConditionNumber). */
  readonly condition: number;
}

export interface LeastSquaresOptions {
  tolerance?: number;
  /** Scaled condition number above which refinement runs (default 1e3). */
  refineAbove?: number;
  maxRefinementSteps?: number;
}

export function leastSquares(x: DenseMatrix, y: Float64Array, options: LeastSquaresOptions = {}): LeastSquaresFit {
  const n = x.rows;
  const p = x.cols;
  const tolerance = options.tolerance ?? DEFAULT_RANK_TOLERANCE;

  // Fast path: R of [X y] by cache-blocked TSQR, then R's pivoting on the p × p block. Every
  // decision of dqrdc2 depends on X only through X'X = R'R, so the rank and the aliased columns are
  // those of a pivoted QR of X itself; Q'y is the last column of R.
  const columns: ArrayLike<number>[] = [];
  for (let j = 0; j < p; j++) columns.push(x.data.subarray(j * n, (j + 1) * n));
  columns.push(y);
  const augmented = tallSkinnyR(columns, n);
  const rxx = zeros(p, p);
  const qty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i <= j; i++) rxx.data[i + j * p] = augmented.data[i + j * (p + 1)];
    qty[j] = augmented.data[j + p * (p + 1)];
  }
  const small = pivotedQr(rxx, tolerance);
  const condition = small.rank > 0 ? scaledConditionNumber(small) : 1;
  if (condition > (options.refineAbove ?? 1e3)) return refinedLeastSquares(x, y, options, tolerance);

  const b = solveUpper(small, applyQTranspose(small, qty));
  return finish(small, b, residualsOf(x, y, small.pivot, b), p, 0, condition);
}

/**
 * Least squares for another response over a design already solved on the fast path of
 * `leastSquares`: given its pivoted QR (of X's R factor, so R is X's) and P = X_piv R⁻¹ (the
 * orthonormal basis of regressionGeometry), b = R⁻¹P'y — one pass of n·r over the data instead of
 * a factorisation of n·r². On the fast path's well-conditioned designs (scaled condition number
 * ≤ 1e3) P is orthonormal to ~1e-13, so b agrees with a fresh solve to ~1e-12 (tested).
 */
export function leastSquaresGivenFactor(x: DenseMatrix, y: Float64Array, qr: PivotedQr, whitened: DenseMatrix, condition: number): LeastSquaresFit {
  const b = solveUpper(qr, projection(whitened, qr.rank, y));
  return finish(qr, b, residualsOf(x, y, qr.pivot, b), x.cols, 0, condition);
}

/** P'v for the first r columns of P. */
function projection(p: DenseMatrix, r: number, v: Float64Array): Float64Array {
  const out = new Float64Array(r);
  columnDots(p.data, p.rows, r, v, 0, p.rows, out, 0, false);
  return out;
}

/**
 * Slow path for ill-conditioned designs: Householder QR of the full X (reflectors kept) and
 * Björck's refinement, which needs Q.
 */
function refinedLeastSquares(x: DenseMatrix, y: Float64Array, options: LeastSquaresOptions, tolerance: number): LeastSquaresFit {
  const qr = pivotedQr(x, tolerance);
  const r = qr.rank;
  const b = solveUpper(qr, applyQTranspose(qr, y));
  const residuals = residualsOf(x, y, qr.pivot, b);
  let steps = 0;
  const maxSteps = options.maxRefinementSteps ?? 3;
  if (r > 0) {
    for (; steps < maxSteps; steps++) {
      const change = refineOnce(qr, x, y, b, residuals);
      if (change <= 4 * Number.EPSILON) {
        steps++;
        break;
      }
    }
  }
  return finish(qr, b, residuals, x.cols, steps, r > 0 ? scaledConditionNumber(qr) : 1);
}

function finish(qr: PivotedQr, b: Float64Array, residuals: Float64Array, p: number, steps: number, condition: number): LeastSquaresFit {
  const r = qr.rank;
  const coefficients = new Float64Array(p).fill(NaN);
  for (let i = 0; i < r; i++) coefficients[qr.pivot[i]] = b[i];
  const aliased = Array.from(qr.pivot.subarray(r)).sort((a, c) => a - c);
  return { qr, rank: r, coefficients, residuals, aliased, refinementSteps: steps, condition };
}

/**
 * y − X_piv b, the columns subtracted from each element in pivot order as one column at a time
 * would (so the bits are the same), four columns per pass over the residuals.
 */
function residualsOf(x: DenseMatrix, y: Float64Array, pivot: Int32Array, b: Float64Array): Float64Array {
  const n = x.rows;
  const d = x.data;
  const res = Float64Array.from(y);
  let j = 0;
  for (; j + 3 < b.length; j += 4) {
    const o0 = pivot[j] * n;
    const o1 = pivot[j + 1] * n;
    const o2 = pivot[j + 2] * n;
    const o3 = pivot[j + 3] * n;
    const b0 = b[j];
    const b1 = b[j + 1];
    const b2 = b[j + 2];
    const b3 = b[j + 3];
    for (let i = 0; i < n; i++) {
      let e = res[i];
      e -= d[o0 + i] * b0;
      e -= d[o1 + i] * b1;
      e -= d[o2 + i] * b2;
      e -= d[o3 + i] * b3;
      res[i] = e;
    }
  }
  for (; j < b.length; j++) {
    const off = pivot[j] * n;
    const bj = b[j];
    for (let i = 0; i < n; i++) res[i] -= d[off + i] * bj;
  }
  return res;
}

/**
 * Condition number (Frobenius) of R with its columns scaled to unit norm — the column-scaling
 * invariant κ that governs the accuracy of a QR least-squares solution. O(k³), negligible.
 */
export function scaledConditionNumber(qr: PivotedQr): number {
  const n = qr.rows;
  const r = qr.rank;
  const rinv = upperInverse(qr);
  const scale = new Float64Array(r);
  let normR = 0;
  for (let j = 0; j < r; j++) {
    let ss = 0;
    for (let i = 0; i <= j; i++) ss += qr.qr[i + j * n] ** 2;
    scale[j] = Math.sqrt(ss);
    normR += 1; // each scaled column has unit norm
  }
  let normInv = 0;
  // (R S⁻¹)⁻¹ = S R⁻¹: row i of R⁻¹ times scale[i]
  for (let j = 0; j < r; j++) for (let i = 0; i <= j; i++) normInv += (scale[i] * rinv.data[i + j * r]) ** 2;
  return Math.sqrt(normR) * Math.sqrt(normInv);
}

/** One step of Björck's refinement; returns max |Δb| / max |b|. Updates b and residuals in place. */
function refineOnce(qr: PivotedQr, x: DenseMatrix, y: Float64Array, b: Float64Array, res: Float64Array): number {
  const n = qr.rows;
  const r = qr.rank;
  const pivot = qr.pivot;
  // f = y − res − Xb, g = −X'res, each accumulated in double-double
  const f = new Float64Array(n);
  const rowTerms = new Float64Array(r + 2);
  const rowCoefs = new Float64Array(r + 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < r; j++) {
      rowTerms[j] = x.data[i + pivot[j] * n];
      rowCoefs[j] = -b[j];
    }
    rowTerms[r] = y[i];
    rowCoefs[r] = 1;
    rowTerms[r + 1] = res[i];
    rowCoefs[r + 1] = -1;
    f[i] = accurateDot(rowTerms, 0, rowCoefs, 0, r + 2);
  }
  const g = new Float64Array(r);
  for (let j = 0; j < r; j++) g[j] = -accurateDot(x.data, pivot[j] * n, res, 0, n);

  // Solve [I X; X' 0][dr; db] = [f; g] with X = Q [R; 0]: h = R⁻ᵀg, d = Q'f,
  // db = R⁻¹(d₁ − h), dr = Q [h; d₂].
  const h = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = g[i];
    for (let j = 0; j < i; j++) s -= qr.qr[j + i * n] * h[j];
    h[i] = s / qr.qr[i + i * n];
  }
  const d = applyQTranspose(qr, f);
  const d1 = new Float64Array(r);
  for (let i = 0; i < r; i++) d1[i] = d[i] - h[i];
  const db = solveUpper(qr, d1);
  for (let i = 0; i < r; i++) d[i] = h[i];
  const dr = applyQ(qr, d);

  let maxB = 0;
  let maxDb = 0;
  for (let i = 0; i < r; i++) {
    b[i] += db[i];
    maxB = Math.max(maxB, Math.abs(b[i]));
    maxDb = Math.max(maxDb, Math.abs(db[i]));
  }
  for (let i = 0; i < n; i++) res[i] += dr[i];
  return maxB === 0 ? 0 : maxDb / maxB;
}
