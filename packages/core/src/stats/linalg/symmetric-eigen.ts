import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type DenseMatrix, zeros } from "./dense.js";

/**
 * Eigendecomposition of a small symmetric matrix, A = V diag(λ) V', through ml-matrix's
 * Jacobi/QL implementation (JAMA's tred2/tql2).
 *
 * @example
 * symmetricEigen(fromRows([[2, 0], [0, 3]])).values; // Float64Array [2, 3]
 */
export function symmetricEigen(a: DenseMatrix): { values: Float64Array; vectors: DenseMatrix } {
  const k = a.rows;
  if (k === 0) return { values: new Float64Array(0), vectors: zeros(0, 0) };
  const m = new Matrix(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) m.set(i, j, 0.5 * (a.data[i + j * k] + a.data[j + i * k]));
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const values = Float64Array.from(evd.realEigenvalues);
  const v = evd.eigenvectorMatrix;
  const vectors = zeros(k, k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) vectors.data[i + j * k] = v.get(i, j);
  return { values, vectors };
}
