import { type DenseMatrix, crossProduct, crossProductVector, identity, multiply, multiplyVector, zeros } from "../linalg/dense.js";
import { applyQTranspose, pivotedQr } from "../linalg/pivoted-qr.js";
import { symmetricEigen } from "../linalg/symmetric-eigen.js";
import { type ClusterIndex, type RegressionGeometry, sandwichFromMiddle, weightedCrossProduct } from "./geometry.js";
import type { VarianceEstimate } from "./types.js";

/**
 * Bell–McCaffrey bias-reduced cluster-robust variance (CR2) with per-coefficient Bell–McCaffrey
 * degrees of freedom, as `estimatr::lm_robust(clusters =, se_type = "CR2")` computes them
 * (estimatr follows clubSandwich with a working model Φ = I on the unweighted scale).
 *
 * With U the unweighted design, W the weights normalised to mean 1, M = (U'WU)⁻¹:
 *   B_g = I − H_g − H_g' + U_g M U'W²U M U_g',   H_g = U_g M U_g' W_g
 *   A_g = B_g^(−1/2)   (pseudo-inverse: eigenvalues ≤ 1e-12 give 0)
 *   V   = M [Σ_g U_g'W_g A_g e_g e_g' A_g W_g U_g] M,   e = y − Ub (unweighted residuals)
 * Without weights B_g = I − H_gg, the familiar form.
 *
 * No n_g × n_g matrix is formed. In whitened coordinates (P = √W U R⁻¹, a_g = W_g^(−1/2) P_g,
 * b_g = W_g^(1/2) P_g) B_g = I − a b' − b a' + a Ω a' with Ω = P'WP, i.e. the identity plus a
 * matrix of rank ≤ 2k (≤ k without weights), so A_g is the identity plus a correction in that
 * subspace, found from a k × k (or 2k × 2k) eigendecomposition.
 *
 * Degrees of freedom for coefficient j (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018):
 * df_j = (tr P)² / ‖P‖²_F with P_gh = ζ_g'Kζ_h + δ_gh d_g, ζ_g = [a_g'F_g t; b_g'F_g t],
 * F_g = A_g b_g, t = R⁻ᵀe_j, d_g = ‖F_g t‖², K = [Ω −I; −I 0]; computed from 2k × 2k sums,
 * never the G × G matrix.
 *
 * See docs/statistics.md#cr2-and-bellmccaffrey-degrees-of-freedom.
 */
export function cr2Variance(g: RegressionGeometry, clusters: ClusterIndex, contrasts: readonly ArrayLike<number>[] = []): VarianceEstimate {
  const r = g.rank;
  const s = g.sqrtWeights;
  const weighted = s !== undefined && s.some((v) => v !== s[0]);

  // Ω = P' W P (the identity without weights, P having orthonormal columns)
  const omega = weighted ? weightedCrossProduct(g, Float64Array.from(s, (v) => v * v)) : identity(r);

  // T = R⁻ᵀ[I C]: column j is t_j = R⁻ᵀe_j for each coefficient, then R⁻ᵀc for each contrast c
  // (contrasts come in output order; the whitened coordinates are in pivoted order)
  const m = r + contrasts.length;
  const tMat = zeros(r, m);
  for (let j = 0; j < r; j++) for (let l = 0; l < r; l++) tMat.data[l + j * r] = g.rInverse.data[j + l * r];
  contrasts.forEach((c, k) => {
    const col = (r + k) * r;
    for (let l = 0; l < r; l++) {
      let acc = 0;
      for (let j = 0; j <= l; j++) acc += g.rInverse.data[j + l * r] * c[g.pivotToOutput[j]];
      tMat.data[l + col] = acc;
    }
  });

  const middle = zeros(r, r);
  const df = new DfAccumulator(r, m, omega);
  for (let c = 0; c < clusters.count; c++) {
    const start = clusters.offsets[c];
    const rows = clusters.order.subarray(start, clusters.offsets[c + 1]);
    const summary = weighted ? weightedCluster(g, rows, omega) : unweightedCluster(g, rows);
    const z = summary.z;
    for (let j = 0; j < r; j++) for (let l = 0; l < r; l++) middle.data[l + j * r] += z[l] * z[j];
    df.addCluster(summary.aF, summary.bF, summary.FF, tMat);
  }

  const matrix = sandwichFromMiddle(g, middle);
  const dfAll = df.result();
  const dfOut = new Float64Array(r);
  for (let j = 0; j < r; j++) dfOut[g.pivotToOutput[j]] = dfAll[j];
  return { seType: "CR2", matrix, df: dfOut, nClusters: clusters.count, contrastDf: Array.from(dfAll.subarray(r)) };
}

/**
 * What the variance and the df need from cluster g, with F = A_g b_g: z = F'e (the cluster's
 * adjusted score), aF = a'F, bF = b'F, FF = F'F (all r × r, whitened coordinates).
 */
interface ClusterSummary {
  z: Float64Array;
  aF: DenseMatrix;
  bF: DenseMatrix;
  FF: DenseMatrix;
}

/** estimatr's pseudo-inverse square root of an eigenvalue of B_g. */
function inverseSqrt(mu: number): number {
  return mu > 1e-12 ? 1 / Math.sqrt(mu) : 0;
}

/** E diag(d) E' for eigenvectors E (r × r). */
function fromEigen(vectors: DenseMatrix, d: ArrayLike<number>): DenseMatrix {
  const r = vectors.rows;
  const out = zeros(r, r);
  for (let l = 0; l < d.length; l++) {
    const dl = d[l];
    if (dl === 0) continue;
    for (let j = 0; j < r; j++) {
      const v = vectors.data[j + l * r] * dl;
      for (let i = 0; i < r; i++) out.data[i + j * r] += vectors.data[i + l * r] * v;
    }
  }
  return out;
}

/**
 * Unweighted: a = b = P_g and B = I − a a'. With a'a = E Λ E', A acts on the unit vectors
 * a e_l / √λ_l by ψ_l = (1 − λ_l)^(−1/2) (0 where 1 − λ_l ≤ 1e-12) and leaves the rest alone, so
 *   a'F = E diag(ψλ) E',  F'F = E diag(ψ²λ) E',  F'e = E diag(ψ) E' a'e
 * — only the k × k Gram matrix of the cluster is ever formed.
 */
function unweightedCluster(g: RegressionGeometry, rows: Int32Array): ClusterSummary {
  const { n, rank: r } = g;
  const P = g.whitened.data;
  const e = g.residuals;
  const gram = zeros(r, r);
  const ae = new Float64Array(r);
  const row = new Float64Array(r);
  for (const i of rows) {
    for (let j = 0; j < r; j++) row[j] = P[i + j * n];
    const ei = e[i];
    for (let j = 0; j < r; j++) {
      const pj = row[j];
      ae[j] += pj * ei;
      const off = j * r;
      for (let l = 0; l <= j; l++) gram.data[l + off] += row[l] * pj;
    }
  }
  for (let j = 0; j < r; j++) for (let l = 0; l < j; l++) gram.data[j + l * r] = gram.data[l + j * r];
  const { values, vectors } = symmetricEigen(gram);
  const psi = Array.from(values, (lambda) => inverseSqrt(1 - lambda));
  const aF = fromEigen(vectors, values.map((lambda, l) => psi[l] * Math.max(lambda, 0)));
  const FF = fromEigen(vectors, values.map((lambda, l) => psi[l] * psi[l] * Math.max(lambda, 0)));
  const z = multiplyVector(fromEigen(vectors, psi), ae);
  return { z, aF, bF: aF, FF };
}

/**
 * Weighted: B = I + V C V' with V = [a b], C = [Ω −I; −I 0]. With V = Q [R_a R_b] (Householder,
 * rank m'), B = I + Q (R C R') Q', so A = I − QQ' + Q S Q' with S = f(I + RCR'), f the pseudo-inverse
 * square root. Since a = Q R_a and b = Q R_b:
 *   a'F = R_a' S R_b,  b'F = R_b' S R_b,  F'F = R_b' S² R_b,  F'e = R_b' S Q'e.
 */
function weightedCluster(g: RegressionGeometry, rows: Int32Array, omega: DenseMatrix): ClusterSummary {
  const { n, rank: r } = g;
  const P = g.whitened.data;
  const s = g.sqrtWeights!;
  const m = rows.length;
  const w = 2 * r;
  const V = zeros(m, w);
  const e = new Float64Array(m);
  rows.forEach((i, k) => {
    const si = s[i];
    e[k] = g.residuals[i] / si; // unweighted residual
    for (let j = 0; j < r; j++) {
      V.data[k + j * m] = P[i + j * n] / si;
      V.data[k + (r + j) * m] = P[i + j * n] * si;
    }
  });
  const qr = pivotedQr(V);
  const rank = qr.rank;
  // R in V's original column order (rank × 2r): the first `rank` entries of Q'v_c
  const Ra = zeros(rank, r);
  const Rb = zeros(rank, r);
  for (let c = 0; c < w; c++) {
    const qtv = applyQTranspose(qr, V.data.subarray(c * m, (c + 1) * m));
    const target = c < r ? Ra : Rb;
    const col = c < r ? c : c - r;
    for (let i = 0; i < rank; i++) target.data[i + col * rank] = qtv[i];
  }
  const qe = applyQTranspose(qr, e).subarray(0, rank);
  // T = I + R C R' = I + Ra Ω Ra' − Ra Rb' − Rb Ra'
  const RaOmega = multiply(Ra, omega);
  const T = zeros(rank, rank);
  for (let j = 0; j < rank; j++) {
    for (let i = 0; i < rank; i++) {
      let acc = i === j ? 1 : 0;
      for (let l = 0; l < r; l++) {
        acc += RaOmega.data[i + l * rank] * Ra.data[j + l * rank];
        acc -= Ra.data[i + l * rank] * Rb.data[j + l * rank] + Rb.data[i + l * rank] * Ra.data[j + l * rank];
      }
      T.data[i + j * rank] = acc;
    }
  }
  const { values, vectors } = symmetricEigen(T);
  const f = Array.from(values, inverseSqrt);
  const S = fromEigen(vectors, f);
  const S2 = fromEigen(vectors, f.map((x) => x * x));
  const SRb = multiply(S, Rb);
  return {
    z: crossProductVector(SRb, qe),
    aF: crossProduct(Ra, SRb),
    bF: crossProduct(Rb, SRb),
    FF: crossProduct(Rb, multiply(S2, Rb)),
  };
}

/**
 * Accumulates, for every coefficient j, the pieces of tr(P) and ‖P‖²_F over clusters:
 * P = Z'KZ + D with Z = [ζ_g], D = diag(d_g); ‖P‖² = tr(KSKS) + 2Σ d_g ζ_g'Kζ_g + Σ d_g², S = ZZ'.
 */
class DfAccumulator {
  private readonly S: Float64Array[]; // per contrast, 2r × 2r
  private readonly trace: Float64Array;
  private readonly cross: Float64Array;
  private readonly dSquares: Float64Array;

  /** r coefficients (whitened dimension), m contrasts (columns of tMat). */
  constructor(
    private readonly r: number,
    private readonly m: number,
    private readonly omega: DenseMatrix,
  ) {
    this.S = Array.from({ length: m }, () => new Float64Array(4 * r * r));
    this.trace = new Float64Array(m);
    this.cross = new Float64Array(m);
    this.dSquares = new Float64Array(m);
  }

  /** aF = a'F, bF = b'F, FF = F'F for one cluster; tMat = R⁻ᵀ. */
  addCluster(aF: DenseMatrix, bF: DenseMatrix, FF: DenseMatrix, tMat: DenseMatrix): void {
    const r = this.r;
    const w = 2 * r;
    const alpha = multiply(aF, tMat); // column j: α for coefficient j
    const beta = multiply(bF, tMat);
    const FFt = multiply(FF, tMat);
    const zeta = new Float64Array(w);
    for (let j = 0; j < this.m; j++) {
      for (let i = 0; i < r; i++) {
        zeta[i] = alpha.data[i + j * r];
        zeta[r + i] = beta.data[i + j * r];
      }
      let d = 0;
      for (let i = 0; i < r; i++) d += tMat.data[i + j * r] * FFt.data[i + j * r];
      // ζ'Kζ = α'Ωα − 2α'β
      let quad = 0;
      for (let i = 0; i < r; i++) {
        let oa = 0;
        for (let l = 0; l < r; l++) oa += this.omega.data[i + l * r] * zeta[l];
        quad += zeta[i] * oa - 2 * zeta[i] * zeta[r + i];
      }
      this.trace[j] += quad + d;
      this.cross[j] += 2 * d * quad;
      this.dSquares[j] += d * d;
      const S = this.S[j];
      for (let q = 0; q < w; q++) {
        const zq = zeta[q];
        if (zq === 0) continue;
        for (let p = 0; p < w; p++) S[p + q * w] += zeta[p] * zq;
      }
    }
  }

  result(): Float64Array {
    const r = this.r;
    const w = 2 * r;
    const out = new Float64Array(this.m);
    // K = [Ω −I; −I 0]
    const K = new Float64Array(w * w);
    for (let j = 0; j < r; j++) {
      for (let i = 0; i < r; i++) K[i + j * w] = this.omega.data[i + j * r];
      K[r + j + j * w] = -1;
      K[j + (r + j) * w] = -1;
    }
    const KS = new Float64Array(w * w);
    for (let j = 0; j < this.m; j++) {
      const S = this.S[j];
      KS.fill(0);
      for (let q = 0; q < w; q++) {
        for (let l = 0; l < w; l++) {
          const slq = S[l + q * w];
          if (slq === 0) continue;
          for (let p = 0; p < w; p++) KS[p + q * w] += K[p + l * w] * slq;
        }
      }
      let trKSKS = 0;
      for (let p = 0; p < w; p++) for (let q = 0; q < w; q++) trKSKS += KS[p + q * w] * KS[q + p * w];
      const tr = this.trace[j];
      out[j] = (tr * tr) / (trKSKS + this.cross[j] + this.dSquares[j]);
    }
    return out;
  }
}
