import { analysisError, inputError } from "../errors.js";
import { type DenseMatrix, scaleRows } from "./linalg/dense.js";
import { leastSquares } from "./linalg/least-squares.js";
import { clusterRobustVariance } from "./variance/cluster-robust.js";
import { cr2Variance } from "./variance/cr2.js";
import { clusterIndex, regressionGeometry } from "./variance/geometry.js";
import { classicalVariance, heteroskedasticVariance } from "./variance/heteroskedastic.js";
import type { FittedModel, LinearSeType, VarianceEstimate } from "./variance/types.js";

/**
 * OLS / WLS with any of the variance estimators of docs/statistics.md#variance-estimators, in
 * agreement with `estimatr::lm_robust`.
 *
 * Weights are probability (non-response) weights: the fit is least squares on X* = √w·X,
 * y* = √w·y, and the variance is the sandwich on that transformed problem (CR2 follows
 * estimatr's unweighted working model, see variance/cr2.ts). Weights are normalised to mean 1
 * first, which changes no estimate or standard error.
 *
 * @example
 * const fit = fitLinearModel({ design, names, y, seType: "HC2" });
 * fit.coefficients; fit.variance.matrix; fit.variance.df;
 */
export interface LinearModelInput {
  design: DenseMatrix;
  names: readonly string[];
  y: Float64Array;
  weights?: Float64Array;
  /** Cluster code (0..count−1) of each row. */
  clusters?: { codes: Int32Array; count: number };
  seType: LinearSeType;
  /** Whether the design has an intercept (for R²). */
  hasIntercept?: boolean;
  /** Describes a row for messages, e.g. "data.csv:14". */
  describeRow?: (row: number) => string;
  /**
   * Linear combinations of the coefficients (one weight per design column) whose degrees of
   * freedom are needed: Bell–McCaffrey df for CR2 (in `variance.contrastDf`); the other estimators
   * use the common df. Weights on aliased columns are ignored.
   */
  contrasts?: readonly ArrayLike<number>[];
}

export interface LinearModelFit extends FittedModel {
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** Unweighted residuals y − Xb. */
  readonly residuals: Float64Array;
}

export function fitLinearModel(input: LinearModelInput): LinearModelFit {
  const { design, y, weights, seType } = input;
  const n = design.rows;
  const clustered = input.clusters !== undefined;
  if (clustered !== (seType === "CR0" || seType === "stata" || seType === "CR2")) {
    throw inputError(
      clustered ? `--se ${seType} ignores the clusters` : `--se ${seType} needs clusters`,
      { hint: clustered ? "with clusters use --se CR0, CR1 (stata) or CR2" : "give --cluster, or use classical, HC0, HC1, HC2 or HC3" },
    );
  }

  let sqrtW: Float64Array | undefined;
  if (weights) {
    let mean = 0;
    for (const w of weights) mean += w;
    mean /= n;
    sqrtW = Float64Array.from(weights, (w) => Math.sqrt(w / mean));
  }
  const xStar = sqrtW ? scaleRows(design, sqrtW) : design;
  const yStar = sqrtW ? Float64Array.from(y, (v, i) => v * sqrtW![i]) : y;

  const ls = leastSquares(xStar, yStar);
  const rank = ls.rank;
  if (rank === 0) throw analysisError("the design matrix has rank 0: every predictor column is zero", { hint: "check the formula and the data" });
  if (n - rank <= 0) {
    throw analysisError(`${n} rows cannot estimate ${rank} coefficients with any residual degrees of freedom`, {
      hint: "use fewer terms or more data",
    });
  }
  const geometry = regressionGeometry(xStar, ls.qr, ls.residuals, sqrtW);
  const kept = Array.from(ls.qr.pivot.subarray(0, rank)).sort((a, b) => a - b);
  const keptContrasts = (input.contrasts ?? []).map((c) => Float64Array.from(kept, (j) => c[j]));
  const clusters = input.clusters ? clusterIndex(input.clusters.codes, input.clusters.count) : undefined;
  let variance: VarianceEstimate;
  switch (seType) {
    case "classical":
      variance = classicalVariance(geometry);
      break;
    case "HC0":
    case "HC1":
    case "HC2":
    case "HC3":
      variance = heteroskedasticVariance(geometry, seType, input.describeRow);
      break;
    case "CR0":
    case "stata":
      variance = clusterRobustVariance(geometry, clusters!, seType);
      break;
    case "CR2":
      variance = cr2Variance(geometry, clusters!, keptContrasts);
      break;
  }

  const residuals = sqrtW ? Float64Array.from(ls.residuals, (e, i) => e / sqrtW![i]) : ls.residuals;
  const { rSquared, adjRSquared } = rSquaredOf(y, ls.residuals, sqrtW, input.hasIntercept ?? true, n, rank);
  return {
    n,
    rank,
    dfResidual: n - rank,
    coefficients: ls.coefficients,
    names: input.names,
    kept,
    aliased: ls.aliased,
    variance,
    rSquared,
    adjRSquared,
    residuals,
  };
}

/** R² = 1 − Σw e² / Σw (y − ȳ_w)² (about 0 without an intercept: 1 − Σw e²/Σw y²), as estimatr. */
function rSquaredOf(
  y: Float64Array,
  weightedResiduals: Float64Array,
  sqrtW: Float64Array | undefined,
  hasIntercept: boolean,
  n: number,
  rank: number,
): { rSquared: number; adjRSquared: number } {
  let rss = 0;
  for (const e of weightedResiduals) rss += e * e;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const w = sqrtW ? sqrtW[i] * sqrtW[i] : 1;
    sw += w;
    swy += w * y[i];
  }
  const centre = hasIntercept ? swy / sw : 0;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    const w = sqrtW ? sqrtW[i] * sqrtW[i] : 1;
    tss += w * (y[i] - centre) ** 2;
  }
  const rSquared = 1 - rss / tss;
  const adjRSquared = 1 - ((1 - rSquared) * (n - (hasIntercept ? 1 : 0))) / (n - rank);
  return { rSquared, adjRSquared };
}
