import { type DenseMatrix, zeros } from "../linalg/dense.js";
import type { RegressionGeometry } from "./geometry.js";

/**
 * The sandwich variance of a few linear combinations of the coefficients, C'VC, without forming V.
 *
 * With V = s·R⁻¹ [Σᵢ ωᵢ pᵢpᵢ'] R⁻ᵀ (variance/geometry.ts: P = X*R⁻¹, pivoted order), a contrast
 * c gives c'Vc̃ = s·Σᵢ ωᵢ (pᵢ·u)(pᵢ·ũ) with u = R⁻ᵀc (c taken to pivoted order). That is
 * O(n·r·m) for m contrasts instead of the O(n·r²) of the whole meat Σ ωᵢpᵢpᵢ': the SAP runner needs
 * only the treatment effect (and, with a subgroup, its interaction terms) of models with many
 * covariates, hundreds of times per plan. It is the same estimator; the value agrees with C'VC
 * from the full matrix to rounding (~1e-15 relative; tested).
 *
 * @param contrasts one weight per kept coefficient (output order: kept columns ascending)
 * @param omega ωᵢ per row (heteroskedasticWeights)
 * @param scale s (heteroskedasticScale)
 * @returns the m × m matrix C'VC
 *
 * @example
 * // SE of the coefficient in output position t: √ contrastSandwich(g, omega, [e_t], 1).data[0]
 */
export function contrastSandwich(g: RegressionGeometry, omega: Float64Array, contrasts: readonly ArrayLike<number>[], scale: number): DenseMatrix {
  const { n, rank: r } = g;
  const m = contrasts.length;
  const ri = g.rInverse.data;
  const p = g.whitened.data;
  // z_a = P u_a, u_a = R⁻ᵀ c_a (pivoted): (R⁻ᵀc)_l = Σ_{j ≤ l} R⁻¹_jl c_j
  const z: Float64Array[] = [];
  for (const c of contrasts) {
    const u = new Float64Array(r);
    for (let l = 0; l < r; l++) {
      let s = 0;
      for (let j = 0; j <= l; j++) s += ri[j + l * r] * c[g.pivotToOutput[j]];
      u[l] = s;
    }
    const za = new Float64Array(n);
    for (let l = 0; l < r; l++) {
      const ul = u[l];
      if (ul === 0) continue;
      const off = l * n;
      for (let i = 0; i < n; i++) za[i] += p[off + i] * ul;
    }
    z.push(za);
  }
  const out = zeros(m, m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      const za = z[a];
      const zb = z[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += omega[i] * za[i] * zb[i];
      out.data[a + b * m] = s * scale;
      out.data[b + a * m] = s * scale;
    }
  }
  return out;
}
