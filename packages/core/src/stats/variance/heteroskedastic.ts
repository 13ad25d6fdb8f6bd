import { analysisError } from "../../errors.js";
import { zeros } from "../linalg/dense.js";
import { type RegressionGeometry, leverages, sandwichFromMiddle, weightedCrossProduct } from "./geometry.js";
import type { VarianceEstimate } from "./types.js";

/**
 * Classical OLS/WLS variance: σ²(X*'X*)⁻¹ with σ² = Σe*²/(n − k), df n − k.
 * Agrees with `estimatr::lm_robust(se_type = "classical")` and `vcov(lm())`. A logit passes
 * dispersion 1, giving the inverse Fisher information (`vcov(glm)`).
 * See docs/statistics.md#variance-estimators.
 */
export function classicalVariance(g: RegressionGeometry, dispersion?: number): VarianceEstimate {
  const { n, rank: r } = g;
  let ss = 0;
  for (const e of g.residuals) ss += e * e;
  const sigma2 = dispersion ?? ss / (n - r);
  const identity = zeros(r, r);
  for (let i = 0; i < r; i++) identity.data[i + i * r] = 1;
  return { seType: "classical", matrix: sandwichFromMiddle(g, identity, sigma2), df: new Float64Array(r).fill(n - r), nClusters: undefined };
}

/**
 * Heteroskedasticity-consistent sandwich (X*'X*)⁻¹ [Σ x*ᵢx*ᵢ' ωᵢ] (X*'X*)⁻¹ with
 *   HC0: ωᵢ = e*ᵢ²            HC1: HC0 · n/(n − k)
 *   HC2: ωᵢ = e*ᵢ²/(1 − hᵢ)   HC3: ωᵢ = e*ᵢ²/(1 − hᵢ)²
 * where hᵢ is the leverage in the weighted problem; df n − k.
 * Agrees with `estimatr::lm_robust(se_type = "HC0" | "HC1" | "HC2" | "HC3")` and
 * `sandwich::vcovHC(type = ...)`. See docs/statistics.md#variance-estimators.
 *
 * @param lineOf maps a model row to its source line, for the leverage-one error
 */
export function heteroskedasticVariance(
  g: RegressionGeometry,
  type: HeteroskedasticType,
  lineOf: (row: number) => string = (row) => `row ${row + 1}`,
  /** The leverages of the design, when they are already known. */
  leveragesOf: (g: RegressionGeometry) => Float64Array = leverages,
): VarianceEstimate {
  const { n, rank: r } = g;
  const omega = heteroskedasticWeights(g, type, lineOf, leveragesOf);
  return { seType: type, matrix: sandwichFromMiddle(g, weightedCrossProduct(g, omega), heteroskedasticScale(g, type)), df: new Float64Array(r).fill(n - r), nClusters: undefined };
}

export type HeteroskedasticType = "HC0" | "HC1" | "HC2" | "HC3";

/**
 * The ωᵢ of the HC sandwich (see heteroskedasticVariance); an analysis error naming the row when a
 * leverage is 1 (HC2, HC3). `leveragesOf` may supply the leverages of a design already seen.
 */
export function heteroskedasticWeights(
  g: RegressionGeometry,
  type: HeteroskedasticType,
  lineOf: (row: number) => string = (row) => `row ${row + 1}`,
  leveragesOf: (g: RegressionGeometry) => Float64Array = leverages,
): Float64Array {
  const n = g.n;
  const omega = new Float64Array(n);
  const h = type === "HC2" || type === "HC3" ? leveragesOf(g) : undefined;
  for (let i = 0; i < n; i++) {
    const e2 = g.residuals[i] * g.residuals[i];
    if (!h) {
      omega[i] = e2;
      continue;
    }
    const oneMinusH = 1 - h[i];
    if (oneMinusH < LEVERAGE_ONE) {
      throw analysisError(`${type} standard errors are undefined: the observation at ${lineOf(i)} has leverage 1 (it alone determines a coefficient)`, {
        hint: dominantWeight(g, i) ?? "remove the term that only this observation identifies (often a factor level with one row)",
        remedies: [{ setting: "se", value: "HC1", reason: "use HC1 (or HC0) standard errors" }],
      });
    }
    omega[i] = type === "HC2" ? e2 / oneMinusH : e2 / (oneMinusH * oneMinusH);
  }
  return omega;
}

/**
 * Why row i has leverage 1 when its weight dwarfs the rest (a million times the median or more):
 * the weighted fit then passes through it whatever the terms, so the hint is about the weights,
 * not about a term only this row identifies. Undefined when the fit is unweighted or the weight is
 * ordinary.
 */
function dominantWeight(g: RegressionGeometry, i: number): string | undefined {
  if (!g.sqrtWeights) return undefined;
  const w = Float64Array.from(g.sqrtWeights, (s) => s * s);
  const ratio = w[i] / [...w].sort((a, b) => a - b)[w.length >> 1];
  if (!(ratio >= 1e6)) return undefined;
  return `its weight is ${ratio.toExponential(1)} times the median weight, so the weighted fit passes through it: check the weights (or trim them)`;
}

/**
 * Observations of leverage 1 and the coefficients that rest on them. Such a row is fitted exactly
 * (its residual is 0 by construction), so HC0 and HC1 (which R and Stata report without a word)
 * leave its variance out of every coefficient that loads on it, and those standard errors are too
 * small, arbitrarily so: one treated participant gives a "significant" effect. HC2 and HC3 divide by
 * 1 − h and refuse. Coefficient j loads on row i when a_ji = (R⁻¹P')_ji, its weight on yᵢ, is more
 * than 1e-8 of ‖a_j‖ = √((X'X)⁻¹_jj); a coefficient the row does not determine (the arm, when the
 * row is alone in a covariate's level) has a_ji = 0 up to rounding. Positions are in output order.
 */
export function leverageOneCoefficients(g: RegressionGeometry, leveragesOf: (g: RegressionGeometry) => Float64Array = leverages): { row: number; coefficients: number[] }[] {
  const { n, rank: r } = g;
  const h = leveragesOf(g);
  const P = g.whitened.data;
  const Ri = g.rInverse.data;
  const out: { row: number; coefficients: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    if (1 - h[i] >= LEVERAGE_ONE) continue;
    const coefficients: number[] = [];
    for (let j = 0; j < r; j++) {
      let a = 0;
      let norm2 = 0;
      for (let l = j; l < r; l++) {
        a += Ri[j + l * r] * P[i + l * n];
        norm2 += Ri[j + l * r] ** 2;
      }
      if (Math.abs(a) > 1e-8 * Math.sqrt(norm2)) coefficients.push(g.pivotToOutput[j]);
    }
    if (coefficients.length) out.push({ row: i, coefficients: coefficients.sort((a, b) => a - b) });
  }
  return out;
}

/** 1 − h below this is a leverage of 1 (rounding error away from it). */
const LEVERAGE_ONE = 1e-10;

/** The factor in front of the HC sandwich: n/(n − k) for HC1, else 1. */
export function heteroskedasticScale(g: RegressionGeometry, type: HeteroskedasticType): number {
  return type === "HC1" ? g.n / (g.n - g.rank) : 1;
}
