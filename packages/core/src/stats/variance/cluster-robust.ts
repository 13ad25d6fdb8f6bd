import { type DenseMatrix, zeros } from "../linalg/dense.js";
import { type ClusterIndex, type RegressionGeometry, sandwichFromMiddle } from "./geometry.js";
import type { VarianceEstimate } from "./types.js";

/**
 * Liang–Zeger cluster-robust sandwich with meat Σ_g X*_g'e*_g e*_g'X*_g, df G − 1:
 *   CR0:   no scaling                         (`lm_robust(clusters =, se_type = "CR0")`)
 *   stata: G/(G − 1) · (n − 1)/(n − k)        (`lm_robust(se_type = "stata")`, Stata `vce(cluster)`)
 * See docs/statistics.md#variance-estimators.
 */
export function clusterRobustVariance(g: RegressionGeometry, clusters: ClusterIndex, type: "CR0" | "stata"): VarianceEstimate {
  const { n, rank: r } = g;
  const G = clusters.count;
  const scale = type === "stata" ? (G / (G - 1)) * ((n - 1) / (n - r)) : 1;
  return { seType: type, matrix: clusterSandwich(g, clusters, scale), df: new Float64Array(r).fill(G - 1), nClusters: G };
}

/** scale · (X*'X*)⁻¹ [Σ_g X*_g'e*_g e*_g'X*_g] (X*'X*)⁻¹ in output order. */
export function clusterSandwich(g: RegressionGeometry, clusters: ClusterIndex, scale: number): DenseMatrix {
  const { n, rank: r } = g;
  const p = g.whitened.data;
  const e = g.residuals;
  const codes = clusters.codes;
  // scores summed by cluster, G × r (row-major), in one streaming pass over P
  const z = new Float64Array(clusters.count * r);
  for (let j = 0; j < r; j++) {
    const off = j * n;
    for (let i = 0; i < n; i++) z[codes[i] * r + j] += p[off + i] * e[i];
  }
  const middle = zeros(r, r);
  for (let c = 0; c < clusters.count; c++) {
    const zc = c * r;
    for (let j = 0; j < r; j++) {
      const zj = z[zc + j];
      if (zj === 0) continue;
      for (let l = 0; l <= j; l++) middle.data[l + j * r] += z[zc + l] * zj;
    }
  }
  for (let j = 0; j < r; j++) for (let l = 0; l < j; l++) middle.data[j + l * r] = middle.data[l + j * r];
  return sandwichFromMiddle(g, middle, scale);
}
