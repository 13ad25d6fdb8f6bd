import { type DenseMatrix, norm2, zeros } from "./dense.js";

/**
 * Householder QR with R's limited column pivoting (LINPACK dqrdc2, as used by `lm`).
 *
 * Columns are processed left to right. Before column l is reflected, its norm in rows l..n−1 is
 * compared with its original norm; if it has fallen below `tolerance` times that norm the column is
 * linearly dependent on the columns already taken, so it is moved to the end and reported as aliased.
 * This is why a collinear design loses the *later* of two dependent columns, exactly as `lm` does
 * (Stata's `_rmcoll` behaves the same way). estimatr's Eigen-based pivoting can alias a different
 * column; the identified coefficients and their variances are the same either way.
 *
 * Column norms are downdated after each reflection and recomputed when cancellation makes the
 * downdate unreliable (LAPACK dlaqp2's safeguard), so the rank test uses accurate norms.
 *
 * Reflectors are stored LAPACK-style: H_l = I − τ_l v_l v_l', v_l[l] = 1 implicit, v_l below the
 * diagonal of `qr`; R is the upper triangle of `qr` in its first `rank` columns.
 *
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), §5.2 and §5.4.2; R's src/appl/dqrdc2.f.
 *
 * @example
 * const qr = pivotedQr(fromRows([[1, 1, 2], [1, 2, 4], [1, 3, 6]])); // third column = 2 × second
 * qr.rank;  // 2
 * qr.pivot; // Int32Array [0, 1, 2] — column 2 is aliased
 */
export interface PivotedQr {
  readonly rows: number;
  readonly cols: number;
  /** n × p, column-major: R above the diagonal, Householder vectors below it. */
  readonly qr: Float64Array;
  readonly tau: Float64Array;
  /** pivot[j] = original index of the column in position j; positions ≥ rank are aliased. */
  readonly pivot: Int32Array;
  readonly rank: number;
}

/**
 * R's `lm` uses 1e-7, which drops x¹⁰ from NIST's Filip problem although the data determine it.
 * With accurate (recomputed) partial norms a much smaller threshold is safe: exactly collinear
 * columns fall to ~1e-15 of their norm, far below it.
 */
export const DEFAULT_RANK_TOLERANCE = 1e-11;

export function pivotedQr(x: DenseMatrix, tolerance = DEFAULT_RANK_TOLERANCE): PivotedQr {
  const n = x.rows;
  const p = x.cols;
  const a = new Float64Array(x.data);
  const tau = new Float64Array(p);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) pivot[j] = j;
  const original = new Float64Array(p);
  const current = new Float64Array(p);
  const lastExact = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const nrm = norm2(a, j * n, (j + 1) * n);
    original[j] = nrm === 0 ? 1 : nrm;
    current[j] = nrm;
    lastExact[j] = nrm;
  }
  const recomputeThreshold = Math.sqrt(Number.EPSILON);
  const scratch = new Float64Array(n);

  let k = p; // columns at positions >= k have been moved to the end as aliased
  const steps = Math.min(n, p);
  let l = 0;
  for (; l < steps && l < k; l++) {
    while (l < k && !(current[l] >= original[l] * tolerance)) {
      moveColumnToEnd(a, n, p, l, [original, current, lastExact], pivot, scratch);
      k--;
    }
    if (l >= k) break;
    if (l === n - 1) continue; // a single remaining row: nothing to reflect, R_ll is the entry itself

    const off = l * n;
    const alpha = a[off + l];
    const sigma = norm2(a, off + l, off + n);
    if (sigma === 0) {
      tau[l] = 0;
      continue;
    }
    const beta = alpha >= 0 ? -sigma : sigma;
    tau[l] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = l + 1; i < n; i++) a[off + i] *= scale;
    a[off + l] = beta;

    const t = tau[l];
    for (let j = l + 1; j < k; j++) {
      const oj = j * n;
      let w = a[oj + l];
      for (let i = l + 1; i < n; i++) w += a[off + i] * a[oj + i];
      w *= t;
      a[oj + l] -= w;
      for (let i = l + 1; i < n; i++) a[oj + i] -= w * a[off + i];

      if (current[j] !== 0) {
        const ratio = Math.abs(a[oj + l]) / current[j];
        let temp = 1 - ratio * ratio;
        if (temp < 0) temp = 0;
        const rel = current[j] / lastExact[j];
        if (temp * rel * rel <= recomputeThreshold) {
          const fresh = norm2(a, oj + l + 1, oj + n);
          current[j] = fresh;
          lastExact[j] = fresh;
        } else {
          current[j] *= Math.sqrt(temp);
        }
      }
    }
  }
  const rank = Math.min(k, n);
  return { rows: n, cols: p, qr: a, tau, pivot, rank };
}

function moveColumnToEnd(
  a: Float64Array,
  n: number,
  p: number,
  l: number,
  norms: Float64Array[],
  pivot: Int32Array,
  scratch: Float64Array,
): void {
  scratch.set(a.subarray(l * n, (l + 1) * n));
  a.copyWithin(l * n, (l + 1) * n, p * n);
  a.set(scratch, (p - 1) * n);
  for (const v of norms) {
    const keep = v[l];
    v.copyWithin(l, l + 1, p);
    v[p - 1] = keep;
  }
  const keep = pivot[l];
  pivot.copyWithin(l, l + 1, p);
  pivot[p - 1] = keep;
}

/** Q'y (first `rank` reflectors), returned as a new vector of length n. */
export function applyQTranspose(qr: PivotedQr, y: ArrayLike<number>): Float64Array {
  const { rows: n, qr: a, tau } = qr;
  const out = Float64Array.from(y as ArrayLike<number>);
  const steps = Math.min(qr.rank, n - 1);
  for (let l = 0; l < steps; l++) applyReflector(a, n, l, tau[l], out);
  return out;
}

/** Q v for v of length n (reflectors applied in reverse order). */
export function applyQ(qr: PivotedQr, v: ArrayLike<number>): Float64Array {
  const { rows: n, qr: a, tau } = qr;
  const out = Float64Array.from(v as ArrayLike<number>);
  const steps = Math.min(qr.rank, n - 1);
  for (let l = steps - 1; l >= 0; l--) applyReflector(a, n, l, tau[l], out);
  return out;
}

function applyReflector(a: Float64Array, n: number, l: number, t: number, x: Float64Array): void {
  if (t === 0) return;
  const off = l * n;
  let w = x[l];
  for (let i = l + 1; i < n; i++) w += a[off + i] * x[i];
  w *= t;
  x[l] -= w;
  for (let i = l + 1; i < n; i++) x[i] -= w * a[off + i];
}

/** Solves R b = z for the leading rank × rank block (back substitution). */
export function solveUpper(qr: PivotedQr, z: ArrayLike<number>): Float64Array {
  const { rows: n, rank: r, qr: a } = qr;
  const b = new Float64Array(r);
  for (let i = r - 1; i >= 0; i--) {
    let s = z[i];
    for (let j = i + 1; j < r; j++) s -= a[i + j * n] * b[j];
    b[i] = s / a[i + i * n];
  }
  return b;
}

/** The leading rank × rank block of R as a dense matrix. */
export function upperTriangle(qr: PivotedQr): DenseMatrix {
  const r = qr.rank;
  const out = zeros(r, r);
  for (let j = 0; j < r; j++) for (let i = 0; i <= j; i++) out.data[i + j * r] = qr.qr[i + j * qr.rows];
  return out;
}

/** R⁻¹ (upper triangular, rank × rank, pivoted order). */
export function upperInverse(qr: PivotedQr): DenseMatrix {
  const r = qr.rank;
  const n = qr.rows;
  const a = qr.qr;
  const inv = zeros(r, r);
  for (let j = 0; j < r; j++) {
    inv.data[j + j * r] = 1 / a[j + j * n];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let l = i + 1; l <= j; l++) s += a[i + l * n] * inv.data[l + j * r];
      inv.data[i + j * r] = -s / a[i + i * n];
    }
  }
  return inv;
}

/**
 * (X'X)⁻¹ = R⁻¹R⁻ᵀ for the kept columns, returned in their original column order
 * (i.e. ordered by original index, aliased columns left out).
 */
export function unscaledCovariance(qr: PivotedQr): DenseMatrix {
  const r = qr.rank;
  const rinv = upperInverse(qr);
  // position in pivoted order → position among kept columns in original order
  const keptOriginal = Array.from(qr.pivot.subarray(0, r)).sort((x, y) => x - y);
  const slot = new Map<number, number>();
  keptOriginal.forEach((orig, s) => slot.set(orig, s));
  const out = zeros(r, r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      let s = 0;
      for (let l = j; l < r; l++) s += rinv.data[i + l * r] * rinv.data[j + l * r];
      const si = slot.get(qr.pivot[i])!;
      const sj = slot.get(qr.pivot[j])!;
      out.data[si + sj * r] = s;
      out.data[sj + si * r] = s;
    }
  }
  return out;
}

/** Original indices of the kept (non-aliased) columns, ascending. */
export function keptColumns(qr: PivotedQr): number[] {
  return Array.from(qr.pivot.subarray(0, qr.rank)).sort((x, y) => x - y);
}
