import { inputError } from "../errors.js";
import type { DenseMatrix } from "../stats/linalg/dense.js";
import { standardNormal } from "./normal.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * A draw from the multivariate normal N(μ, Σ) given a lower-triangular factor L of Σ = L·Lᵀ
 * (`choleskyFactor(Σ)`): x = μ + L·z, z = (z₀, …, z_{k−1}) independent standard normals drawn in
 * that order (`standardNormal`). Then E x = μ and Var x = L·I·Lᵀ = Σ. Factor once, draw many times —
 * the Monte Carlo of jointly normal impacts in a benefit–cost analysis draws thousands of vectors
 * from one covariance of estimates.
 *
 * Source: J. E. Gentle, Random Number Generation and Monte Carlo Methods, 2nd ed., Springer, 2003
 * (multivariate normal variates from a Cholesky factor).
 *
 * @example
 * const factor = choleskyFactor(fromRows([[4, 2], [2, 3]]));
 * multivariateNormal(rng, [1, 0], factor); // e.g. Float64Array [2.7, 0.4]
 */
export function multivariateNormal(rng: RandomStream, mean: ArrayLike<number>, factor: DenseMatrix, out = new Float64Array(mean.length)): Float64Array {
  const k = mean.length;
  if (factor.rows !== k || factor.cols !== k || out.length !== k) {
    throw inputError(`a multivariate normal draw of dimension ${k} needs a ${k} × ${k} factor (got ${factor.rows} × ${factor.cols}) and ${k} places for the draw`);
  }
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) z[j] = standardNormal(rng);
  const L = factor.data;
  for (let i = 0; i < k; i++) {
    let s = mean[i];
    for (let j = 0; j <= i; j++) s += L[i + j * k] * z[j];
    out[i] = s;
  }
  return out;
}
