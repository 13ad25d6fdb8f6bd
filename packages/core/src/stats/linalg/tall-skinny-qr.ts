import { type DenseMatrix, zeros } from "./dense.js";

/**
 * The R factor of a tall, skinny matrix by sequential TSQR: rows are taken in blocks that fit in
 * cache, and each block is stacked under the running R and reduced by Householder QR. The result
 * is the R of an ordinary Householder QR of the whole matrix (up to the signs of its rows), with the
 * same backward stability, but every pass over the data happens in cache, which is what makes
 * n = 10⁶ designs fast: column-at-a-time Householder reads each 8 MB column from memory k times.
 *
 * Reference: Demmel, Grigori, Hoemmen & Langou (2012), "Communication-optimal parallel and
 * sequential QR and LU factorizations", SIAM J. Sci. Comput. 34(1):A206–A239.
 *
 * @param columns the matrix, given as its columns (e.g. the design's columns followed by y)
 * @returns the p × p upper-triangular R (column-major)
 */
export function tallSkinnyR(columns: readonly ArrayLike<number>[], n: number, blockRows = 1024): DenseMatrix {
  const p = columns.length;
  const height = p + blockRows;
  // column-major, leading dimension `height`; every entry read is written first (the running R and
  // the block's rows), so a scratch kept from an earlier call serves without clearing
  const work = scratch(height * p);
  const r = zeros(p, p);
  let have = 0; // rows of R held at the top of `work`
  for (let start = 0; start < n; start += blockRows) {
    const rows = Math.min(blockRows, n - start);
    const m = have + rows;
    // top: the running R (upper triangle), then the block's rows
    for (let j = 0; j < p; j++) {
      const off = j * height;
      for (let i = 0; i < have; i++) work[off + i] = i <= j ? r.data[i + j * p] : 0;
      const col = columns[j];
      for (let i = 0; i < rows; i++) work[off + have + i] = col[start + i];
    }
    householderInPlace(work, height, m, p);
    have = Math.min(m, p);
    r.data.fill(0);
    for (let j = 0; j < p; j++) for (let i = 0; i <= Math.min(j, have - 1); i++) r.data[i + j * p] = work[i + j * height];
  }
  return r;
}

let reusedWork = new Float64Array(0);

/** A work array of at least `length`, reused from call to call (the plan runner factors hundreds of designs). */
function scratch(length: number): Float64Array {
  if (reusedWork.length < length) reusedWork = new Float64Array(length);
  return reusedWork;
}

/** Unpivoted Householder QR of the m × p leading block (leading dimension ld), R left in place. */
function householderInPlace(a: Float64Array, ld: number, m: number, p: number): void {
  const steps = Math.min(m - 1, p);
  for (let l = 0; l < steps; l++) {
    const off = l * ld;
    let scale = 0;
    for (let i = l; i < m; i++) scale = Math.max(scale, Math.abs(a[off + i]));
    if (scale === 0) continue;
    let ss = 0;
    for (let i = l; i < m; i++) {
      const v = a[off + i] / scale;
      ss += v * v;
    }
    const alpha = a[off + l];
    const sigma = scale * Math.sqrt(ss);
    const beta = alpha >= 0 ? -sigma : sigma;
    const tau = (beta - alpha) / beta;
    const inv = 1 / (alpha - beta);
    for (let i = l + 1; i < m; i++) a[off + i] *= inv;
    a[off + l] = beta;
    // apply H = I − τvv' to the remaining columns, four or two at a time (one pass over v for
    // all of them; each column's sums run in the same order, so the result is the same to the bit)
    let j = l + 1;
    for (; j + 3 < p; j += 4) {
      const o1 = j * ld;
      const o2 = o1 + ld;
      const o3 = o2 + ld;
      const o4 = o3 + ld;
      let w1 = a[o1 + l];
      let w2 = a[o2 + l];
      let w3 = a[o3 + l];
      let w4 = a[o4 + l];
      for (let i = l + 1; i < m; i++) {
        const v = a[off + i];
        w1 += v * a[o1 + i];
        w2 += v * a[o2 + i];
        w3 += v * a[o3 + i];
        w4 += v * a[o4 + i];
      }
      w1 *= tau;
      w2 *= tau;
      w3 *= tau;
      w4 *= tau;
      a[o1 + l] -= w1;
      a[o2 + l] -= w2;
      a[o3 + l] -= w3;
      a[o4 + l] -= w4;
      for (let i = l + 1; i < m; i++) {
        const v = a[off + i];
        a[o1 + i] -= w1 * v;
        a[o2 + i] -= w2 * v;
        a[o3 + i] -= w3 * v;
        a[o4 + i] -= w4 * v;
      }
    }
    for (; j + 1 < p; j += 2) {
      const o1 = j * ld;
      const o2 = o1 + ld;
      let w1 = a[o1 + l];
      let w2 = a[o2 + l];
      for (let i = l + 1; i < m; i++) {
        const v = a[off + i];
        w1 += v * a[o1 + i];
        w2 += v * a[o2 + i];
      }
      w1 *= tau;
      w2 *= tau;
      a[o1 + l] -= w1;
      a[o2 + l] -= w2;
      for (let i = l + 1; i < m; i++) {
        const v = a[off + i];
        a[o1 + i] -= w1 * v;
        a[o2 + i] -= w2 * v;
      }
    }
    for (; j < p; j++) {
      const oj = j * ld;
      let w = a[oj + l];
      for (let i = l + 1; i < m; i++) w += a[off + i] * a[oj + i];
      w *= tau;
      a[oj + l] -= w;
      for (let i = l + 1; i < m; i++) a[oj + i] -= w * a[off + i];
    }
    for (let i = l + 1; i < m; i++) a[off + i] = 0;
  }
}
