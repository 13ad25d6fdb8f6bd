import { analysisError } from "../../errors.js";
import { type DenseMatrix, zeros } from "./dense.js";

/**
 * The Cholesky factor of a symmetric positive semidefinite matrix: the lower-triangular L with
 * A = L·Lᵀ, by the Cholesky–Banachiewicz recurrence
 *
 *     L_jj = √(A_jj − Σ_{k<j} L_jk²),   L_ij = (A_ij − Σ_{k<j} L_ik·L_jk) / L_jj   (i > j).
 *
 * Semidefinite matrices (a covariance of estimates with an exact linear dependence, such as a pooled
 * effect and its parts) are accepted: a pivot within `tolerance` × the largest diagonal element of
 * zero is set to zero with its column below, which leaves L·Lᵀ = A up to that tolerance. A pivot
 * below −tolerance × that scale means A is not positive semidefinite: an analysis error. Only the
 * lower triangle of A is read.
 *
 * Source: G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed., 2013, §4.2; N. J.
 * Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., 2002, §10.3 (semidefinite case).
 *
 * @example
 * choleskyFactor(fromRows([[4, 2], [2, 3]])); // [[2, 0], [1, √2]]
 */
export function choleskyFactor(a: DenseMatrix, tolerance = 1e-12): DenseMatrix {
  const k = a.rows;
  if (a.cols !== k) throw analysisError(`a Cholesky factor needs a square matrix, not ${a.rows} × ${a.cols}`);
  const at = (i: number, j: number) => a.data[i + j * k];
  let scale = 0;
  for (let j = 0; j < k; j++) scale = Math.max(scale, Math.abs(at(j, j)));
  const l = zeros(k, k);
  const L = l.data;
  for (let j = 0; j < k; j++) {
    let d = at(j, j);
    for (let m = 0; m < j; m++) d -= L[j + m * k] ** 2;
    if (!Number.isFinite(d) || d < -tolerance * scale) {
      throw analysisError(`the covariance matrix is not positive semidefinite (pivot ${j + 1} is ${d})`, { hint: "a covariance matrix must be symmetric with no negative variance along any direction" });
    }
    if (d <= tolerance * scale) continue;
    const root = Math.sqrt(d);
    L[j + j * k] = root;
    for (let i = j + 1; i < k; i++) {
      let s = at(i, j);
      for (let m = 0; m < j; m++) s -= L[i + m * k] * L[j + m * k];
      L[i + j * k] = s / root;
    }
  }
  return l;
}
