import { type DenseMatrix, crossProduct, multiply, zeros } from "../linalg/dense.js";
import { applyQ, applyQTranspose, pivotedQr } from "../linalg/pivoted-qr.js";
import { symmetricEigen } from "../linalg/symmetric-eigen.js";
import { type ClusterIndex, type RegressionGeometry, sandwichFromMiddle } from "./geometry.js";
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
export function cr2Variance(g: RegressionGeometry, clusters: ClusterIndex): VarianceEstimate {
  const { n, rank: r } = g;
  const P = g.whitened.data;
  const s = g.sqrtWeights;
  const weighted = s !== undefined && s.some((v) => v !== s[0]);
  const unweightedResidual = (i: number) => (s ? g.residuals[i] / s[i] : g.residuals[i]);

  // Ω = P' W P
  const omega = zeros(r, r);
  for (let j = 0; j < r; j++) {
    for (let l = 0; l <= j; l++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += P[i + j * n] * P[i + l * n] * (s ? s[i] * s[i] : 1);
      omega.data[l + j * r] = acc;
      omega.data[j + l * r] = acc;
    }
  }

  // T = R⁻ᵀ: column j is t_j
  const tMat = zeros(r, r);
  for (let j = 0; j < r; j++) for (let l = 0; l < r; l++) tMat.data[l + j * r] = g.rInverse.data[j + l * r];

  const middle = zeros(r, r);
  const df = new DfAccumulator(r, omega);

  for (let c = 0; c < clusters.count; c++) {
    const start = clusters.offsets[c];
    const m = clusters.offsets[c + 1] - start;
    const a = zeros(m, r);
    const b = zeros(m, r);
    const e = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const i = clusters.order[start + k];
      const si = s ? s[i] : 1;
      e[k] = unweightedResidual(i);
      for (let j = 0; j < r; j++) {
        a.data[k + j * m] = P[i + j * n] / si;
        b.data[k + j * m] = P[i + j * n] * si;
      }
    }
    const adjust = weighted ? weightedAdjustment(a, b, omega) : unweightedAdjustment(a);
    const F = adjust(b); // A_g b_g, m × r
    const z = new Float64Array(r);
    for (let j = 0; j < r; j++) {
      let acc = 0;
      for (let k = 0; k < m; k++) acc += F.data[k + j * m] * e[k];
      z[j] = acc;
    }
    for (let j = 0; j < r; j++) for (let l = 0; l < r; l++) middle.data[l + j * r] += z[l] * z[j];
    df.addCluster(crossProduct(a, F), crossProduct(b, F), crossProduct(F, F), tMat);
  }

  const matrix = sandwichFromMiddle(g, middle);
  const dfPivoted = df.result();
  const dfOut = new Float64Array(r);
  for (let j = 0; j < r; j++) dfOut[g.pivotToOutput[j]] = dfPivoted[j];
  return { seType: "CR2", matrix, df: dfOut, nClusters: clusters.count };
}

/** estimatr's pseudo-inverse square root of an eigenvalue of B_g. */
function inverseSqrt(mu: number): number {
  return mu > 1e-12 ? 1 / Math.sqrt(mu) : 0;
}

/**
 * Unweighted: B = I − a a' (a = P_g). With a'a = E Λ E' and Y = aE, A = I + Y diag(φ) Y',
 * φ(λ) = ((1 − λ)^(−1/2) − 1)/λ, which tends to 1/2 as λ → 0 (computed without cancellation).
 */
function unweightedAdjustment(a: DenseMatrix): (v: DenseMatrix) => DenseMatrix {
  const m = a.rows;
  const r = a.cols;
  const { values, vectors } = symmetricEigen(crossProduct(a, a));
  const Y = zeros(m, r);
  for (let l = 0; l < r; l++) {
    for (let j = 0; j < r; j++) {
      const v = vectors.data[j + l * r];
      if (v === 0) continue;
      for (let k = 0; k < m; k++) Y.data[k + l * m] += a.data[k + j * m] * v;
    }
  }
  const phi = Array.from(values, (lambda) => {
    if (lambda < 1e-8) return 0.5 + 0.375 * Math.max(lambda, 0);
    return (inverseSqrt(1 - lambda) - 1) / lambda;
  });
  return (v) => {
    const yv = crossProduct(Y, v); // r × cols
    const out = zeros(m, v.cols);
    out.data.set(v.data);
    for (let j = 0; j < v.cols; j++) {
      for (let l = 0; l < r; l++) {
        const coef = phi[l] * yv.data[l + j * r];
        if (coef === 0) continue;
        for (let k = 0; k < m; k++) out.data[k + j * m] += Y.data[k + l * m] * coef;
      }
    }
    return out;
  };
}

/**
 * Weighted: B = I + V C V' with V = [a b], C = [Ω −I; −I 0]. With V = Q R (Householder, rank m'),
 * B = I + Q (R C R') Q', so A = I + Q (f(I + RCR') − I) Q' with f the pseudo-inverse square root.
 */
function weightedAdjustment(a: DenseMatrix, b: DenseMatrix, omega: DenseMatrix): (v: DenseMatrix) => DenseMatrix {
  const m = a.rows;
  const r = a.cols;
  const w = 2 * r;
  const V = zeros(m, w);
  V.data.set(a.data, 0);
  V.data.set(b.data, m * r);
  const qr = pivotedQr(V);
  const rank = qr.rank;
  // R in V's original column order (m' × 2r): Q'v_c, first m' entries
  const Rfull = zeros(rank, w);
  for (let c = 0; c < w; c++) {
    const qtv = applyQTranspose(qr, V.data.subarray(c * m, (c + 1) * m));
    for (let i = 0; i < rank; i++) Rfull.data[i + c * rank] = qtv[i];
  }
  // C = [Ω −I; −I 0]; T = I + R C R'
  const C = zeros(w, w);
  for (let j = 0; j < r; j++) {
    for (let i = 0; i < r; i++) C.data[i + j * w] = omega.data[i + j * r];
    C.data[r + j + j * w] = -1;
    C.data[j + (r + j) * w] = -1;
  }
  const RC = zeros(rank, w);
  for (let j = 0; j < w; j++) {
    for (let l = 0; l < w; l++) {
      const clj = C.data[l + j * w];
      if (clj === 0) continue;
      for (let i = 0; i < rank; i++) RC.data[i + j * rank] += Rfull.data[i + l * rank] * clj;
    }
  }
  const T = zeros(rank, rank);
  for (let j = 0; j < rank; j++) {
    for (let i = 0; i < rank; i++) {
      let acc = i === j ? 1 : 0;
      for (let l = 0; l < w; l++) acc += RC.data[i + l * rank] * Rfull.data[j + l * rank];
      T.data[i + j * rank] = acc;
    }
  }
  const { values, vectors } = symmetricEigen(T);
  const Wt = zeros(rank, rank); // E f(Λ) E' − I
  for (let l = 0; l < rank; l++) {
    const fl = inverseSqrt(values[l]);
    for (let j = 0; j < rank; j++) {
      for (let i = 0; i < rank; i++) Wt.data[i + j * rank] += vectors.data[i + l * rank] * fl * vectors.data[j + l * rank];
    }
  }
  for (let i = 0; i < rank; i++) Wt.data[i + i * rank] -= 1;

  return (v) => {
    const out = zeros(m, v.cols);
    const padded = new Float64Array(m);
    for (let j = 0; j < v.cols; j++) {
      const col = v.data.subarray(j * m, (j + 1) * m);
      const qtv = applyQTranspose(qr, col);
      padded.fill(0);
      for (let i = 0; i < rank; i++) {
        let acc = 0;
        for (let l = 0; l < rank; l++) acc += Wt.data[i + l * rank] * qtv[l];
        padded[i] = acc;
      }
      const corr = applyQ(qr, padded);
      for (let k = 0; k < m; k++) out.data[k + j * m] = col[k] + corr[k];
    }
    return out;
  };
}

/**
 * Accumulates, for every coefficient j, the pieces of tr(P) and ‖P‖²_F over clusters:
 * P = Z'KZ + D with Z = [ζ_g], D = diag(d_g); ‖P‖² = tr(KSKS) + 2Σ d_g ζ_g'Kζ_g + Σ d_g², S = ZZ'.
 */
class DfAccumulator {
  private readonly S: Float64Array[]; // per coefficient, 2r × 2r
  private readonly trace: Float64Array;
  private readonly cross: Float64Array;
  private readonly dSquares: Float64Array;

  constructor(
    private readonly r: number,
    private readonly omega: DenseMatrix,
  ) {
    this.S = Array.from({ length: r }, () => new Float64Array(4 * r * r));
    this.trace = new Float64Array(r);
    this.cross = new Float64Array(r);
    this.dSquares = new Float64Array(r);
  }

  /** aF = a'F, bF = b'F, FF = F'F for one cluster; tMat = R⁻ᵀ. */
  addCluster(aF: DenseMatrix, bF: DenseMatrix, FF: DenseMatrix, tMat: DenseMatrix): void {
    const r = this.r;
    const w = 2 * r;
    const alpha = multiply(aF, tMat); // column j: α for coefficient j
    const beta = multiply(bF, tMat);
    const FFt = multiply(FF, tMat);
    const zeta = new Float64Array(w);
    for (let j = 0; j < r; j++) {
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
    const out = new Float64Array(r);
    // K = [Ω −I; −I 0]
    const K = new Float64Array(w * w);
    for (let j = 0; j < r; j++) {
      for (let i = 0; i < r; i++) K[i + j * w] = this.omega.data[i + j * r];
      K[r + j + j * w] = -1;
      K[j + (r + j) * w] = -1;
    }
    const KS = new Float64Array(w * w);
    for (let j = 0; j < r; j++) {
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
