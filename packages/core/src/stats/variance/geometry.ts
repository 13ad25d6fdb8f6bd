import { type DenseMatrix, zeros } from "../linalg/dense.js";
import { columnDots } from "../linalg/column-dots.js";
import { type PivotedQr, upperInverse } from "../linalg/pivoted-qr.js";

/**
 * What every sandwich estimator needs from a (weighted) least-squares fit, in "whitened"
 * coordinates: with X* = √w·X (kept columns, pivoted order) = Q R,
 *
 *   P = X* R⁻¹   (n × r, orthonormal columns; its row norms are the leverages h_i)
 *   (X*'X*)⁻¹ = R⁻¹ R⁻ᵀ,  so every variance is V = R⁻¹ [P' Ω P] R⁻ᵀ for some middle Ω.
 *
 * Working with P keeps the meat well scaled whatever the units of the covariates.
 */
/** Rows per cache block: a block of 20 columns is 160 KB, well inside L2. */
const ROW_BLOCK = 1024;

export interface RegressionGeometry {
  readonly n: number;
  readonly rank: number;
  /** n × rank, pivoted column order. */
  readonly whitened: DenseMatrix;
  /** R⁻¹, rank × rank upper triangular, pivoted order. */
  readonly rInverse: DenseMatrix;
  /** pivotToOutput[j] = position among the kept coefficients (original order) of pivoted column j. */
  readonly pivotToOutput: Int32Array;
  /** Weighted residuals e* = √w·e (equal to e without weights). */
  readonly residuals: Float64Array;
  /** √w, with w the weights normalised to mean 1 (as estimatr); undefined when unweighted. */
  readonly sqrtWeights: Float64Array | undefined;
}

/**
 * @param design the weighted design X* (all columns, original order)
 * @param qr its pivoted QR
 * @param residuals weighted residuals e*
 * @param sqrtWeights √w with w normalised to mean 1, or undefined
 */
export function regressionGeometry(
  design: DenseMatrix,
  qr: PivotedQr,
  residuals: Float64Array,
  sqrtWeights: Float64Array | undefined,
): RegressionGeometry {
  const n = design.rows;
  const r = qr.rank;
  const rInverse = upperInverse(qr);
  const whitened = zeros(n, r);
  const W = whitened.data;
  const X = design.data;
  const R = rInverse.data;
  // P_j = Σ_{l ≤ j} X_pivot(l) R⁻¹_lj, in row blocks (the block of X and of P stays in cache),
  // four source columns per pass
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    for (let j = 0; j < r; j++) {
      const out = j * n;
      let l = 0;
      for (; l + 3 <= j; l += 4) {
        const c0 = R[l + j * r];
        const c1 = R[l + 1 + j * r];
        const c2 = R[l + 2 + j * r];
        const c3 = R[l + 3 + j * r];
        const s0 = qr.pivot[l] * n;
        const s1 = qr.pivot[l + 1] * n;
        const s2 = qr.pivot[l + 2] * n;
        const s3 = qr.pivot[l + 3] * n;
        for (let i = start; i < end; i++) W[out + i] += X[s0 + i] * c0 + X[s1 + i] * c1 + X[s2 + i] * c2 + X[s3 + i] * c3;
      }
      for (; l <= j; l++) {
        const c = R[l + j * r];
        const src = qr.pivot[l] * n;
        for (let i = start; i < end; i++) W[out + i] += X[src + i] * c;
      }
    }
  }
  const kept = Array.from(qr.pivot.subarray(0, r));
  const sorted = [...kept].sort((a, b) => a - b);
  const pivotToOutput = Int32Array.from(kept.map((orig) => sorted.indexOf(orig)));
  return { n, rank: r, whitened, rInverse, pivotToOutput, residuals, sqrtWeights };
}

/** V = R⁻¹ · middle · R⁻ᵀ, reordered from pivoted to output order and scaled. */
export function sandwichFromMiddle(g: RegressionGeometry, middle: DenseMatrix, scale = 1): DenseMatrix {
  const r = g.rank;
  const ri = g.rInverse.data;
  // T = R⁻¹ · middle
  const t = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let l = i; l < r; l++) s += ri[i + l * r] * middle.data[l + j * r];
      t[i + j * r] = s;
    }
  }
  const out = zeros(r, r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      // (T R⁻ᵀ)_ij = Σ_l T_il R⁻¹_jl
      let s = 0;
      for (let l = j; l < r; l++) s += t[i + l * r] * ri[j + l * r];
      s *= scale;
      const oi = g.pivotToOutput[i];
      const oj = g.pivotToOutput[j];
      out.data[oi + oj * r] = s;
      out.data[oj + oi * r] = s;
    }
  }
  return out;
}

/** Leverages h_i = Σ_j P_ij² (diagonal of the hat matrix of the weighted problem). */
export function leverages(g: RegressionGeometry): Float64Array {
  const { n, rank: r } = g;
  const h = new Float64Array(n);
  const p = g.whitened.data;
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    for (let j = 0; j < r; j++) {
      const off = j * n;
      for (let i = start; i < end; i++) h[i] += p[off + i] * p[off + i];
    }
  }
  return h;
}

/** Σ_i ω_i p_i p_i' over the rows of P (the HC meat in whitened coordinates). */
export function weightedCrossProduct(g: RegressionGeometry, omega: Float64Array): DenseMatrix {
  const { n, rank: r } = g;
  const p = g.whitened.data;
  const out = zeros(r, r);
  const tmp = new Float64Array(ROW_BLOCK);
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    for (let j = 0; j < r; j++) {
      const oj = j * n;
      for (let i = start; i < end; i++) tmp[i - start] = p[oj + i] * omega[i];
      columnDots(p, n, j + 1, tmp, start, end, out.data, j * r, true);
    }
  }
  for (let j = 0; j < r; j++) for (let l = 0; l < j; l++) out.data[j + l * r] = out.data[l + j * r];
  return out;
}

/** Rows grouped by cluster: order[offsets[g] .. offsets[g+1]) are the rows of cluster g. */
export interface ClusterIndex {
  readonly count: number;
  /** Cluster of each row. */
  readonly codes: Int32Array;
  readonly order: Int32Array;
  readonly offsets: Int32Array;
}

export function clusterIndex(codes: Int32Array, count: number): ClusterIndex {
  const offsets = new Int32Array(count + 1);
  for (const c of codes) offsets[c + 1]++;
  for (let g = 0; g < count; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, count);
  const order = new Int32Array(codes.length);
  codes.forEach((c, i) => (order[fill[c]++] = i));
  return { count, codes, order, offsets };
}
