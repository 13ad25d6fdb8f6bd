import { analysisError, inputError } from "../errors.js";
import { type DenseMatrix, scaleRows } from "./linalg/dense.js";
import { leastSquares, leastSquaresGivenFactor } from "./linalg/least-squares.js";
import type { PivotedQr } from "./linalg/pivoted-qr.js";
import { clusterRobustVariance } from "./variance/cluster-robust.js";
import { cr2Variance } from "./variance/cr2.js";
import { contrastProjections, contrastSandwichOf } from "./variance/contrast-sandwich.js";
import { type RegressionGeometry, clusterIndex, leverages, regressionGeometry } from "./variance/geometry.js";
import { type HeteroskedasticType, classicalVariance, heteroskedasticScale, heteroskedasticVariance, heteroskedasticWeights, leverageOneCoefficients } from "./variance/heteroskedastic.js";
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
  /**
   * Second stage of two-stage least squares (estimatr's `iv_stage = 2`): `design` holds the
   * first-stage fitted values and this the original regressors (same columns). The coefficients
   * come from `design`, but the residuals that enter every variance estimator, σ² and R² are the
   * structural ones, y − (this)·b. See stats/iv/two-stage-least-squares.ts.
   */
  residualDesign?: DenseMatrix;
  /**
   * The `factor` of an earlier fit on the same design and weights (same rows, same values): the
   * response is then solved against its factorisation instead of a new one (see DesignFactor).
   */
  factor?: DesignFactor;
  /**
   * The design is the caller's own copy, never read again: weights scale its rows in place instead
   * of in a copy (an n × p array less per weighted fit; fresh memory costs a page fault per 4 KB).
   */
  scaleInPlace?: boolean;
}

/**
 * What a fit keeps of its design and weights so that another response on the same design can be
 * fitted without factorising it again — the SAP runner fits many outcomes on the same rows with
 * the same model. Only for well-conditioned designs (the fast path of `leastSquares`); the
 * estimates and standard errors agree with a fresh fit to ~1e-12 (tested).
 */
export interface DesignFactor {
  readonly rows: number;
  readonly cols: number;
  readonly sqrtW: Float64Array | undefined;
  readonly xStar: DenseMatrix;
  readonly qr: PivotedQr;
  readonly condition: number;
  /** The fit's geometry; its residuals are the first response's and are replaced for each new one. */
  readonly geometry: RegressionGeometry;
  /** Filled on first use: what depends on the design only (leverages, contrast projections). */
  readonly memo: DesignMemo;
}

export interface LinearModelFit extends FittedModel {
  readonly rSquared: number;
  readonly adjRSquared: number;
  /** Unweighted residuals y − Xb. */
  readonly residuals: Float64Array;
  /** For fitting other responses on the same design and weights (undefined for ill-conditioned designs). */
  readonly factor?: DesignFactor;
}

export function fitLinearModel(input: LinearModelInput): LinearModelFit {
  const solved = solveLinearModel(input);
  const { geometry, memo } = solved;
  const clusters = input.clusters ? clusterIndex(input.clusters.codes, input.clusters.count) : undefined;
  let variance: VarianceEstimate;
  const seType = input.seType;
  switch (seType) {
    case "classical":
      variance = classicalVariance(geometry);
      break;
    case "HC0":
    case "HC1":
    case "HC2":
    case "HC3":
      variance = heteroskedasticVariance(geometry, seType, input.describeRow, (g) => (memo.leverages ??= leverages(g)));
      break;
    case "CR0":
    case "stata":
      variance = clusterRobustVariance(geometry, clusters!, seType);
      break;
    case "CR2":
      variance = cr2Variance(geometry, clusters!, (input.contrasts ?? []).map((c) => Float64Array.from(solved.fit.kept, (j) => c[j])));
      break;
  }
  // a row of leverage 1 has residual 0, so HC0/HC1 and every cluster-robust estimator (CR2's
  // generalised inverse included, as estimatr's and clubSandwich's) leave its variance out; HC2/HC3 refuse
  if (seType !== "classical" && seType !== "HC2" && seType !== "HC3") {
    const leverageOne = leverageOneCoefficients(geometry, (g) => (memo.leverages ??= leverages(g)));
    if (leverageOne.length) variance = { ...variance, leverageOne };
  }
  const { factor, ...fit } = solved.fit;
  // (the fields in the order they have always had: a fit may be printed as JSON)
  return { ...fit, ...rSquaredAndResiduals(input, solved.geometry), factor, variance };
}

/** What fitLinearModel reports beside the coefficients and their variance (fitLinearContrasts leaves it out). */
type RSquaredAndResiduals = "rSquared" | "adjRSquared" | "residuals";

/** R² and the unweighted residuals of a solved model. */
function rSquaredAndResiduals(input: LinearModelInput, g: RegressionGeometry): Pick<LinearModelFit, RSquaredAndResiduals> {
  const sqrtW = g.sqrtWeights;
  const residuals = sqrtW ? timesEach(g.residuals, sqrtW, true) : g.residuals;
  return { ...rSquaredOf(input.y, g.residuals, sqrtW, input.hasIntercept ?? true, g.n, g.rank), residuals };
}

/**
 * fitLinearModel for callers that need the variance of only a few linear combinations of the
 * coefficients (HC0–HC3): everything but `variance`, and instead `contrastVariance` = C'VC for the
 * given contrasts (one weight per design column; weights on aliased columns are ignored) and the
 * common df n − k. The SAP runner asks for the treatment effect and a subgroup's interaction
 * terms of models with many covariates, which costs O(n·k) per contrast instead of the O(n·k²) of
 * the whole matrix (see variance/contrast-sandwich.ts).
 *
 * @example
 * const fit = fitLinearContrasts({ design, names, y, seType: "HC2" }, [treatedIndicator]);
 * Math.sqrt(fit.contrastVariance.data[0]); // SE of the treatment effect
 */
export function fitLinearContrasts(
  input: LinearModelInput & { seType: HeteroskedasticType },
  contrasts: readonly ArrayLike<number>[],
): Omit<LinearModelFit, "variance" | RSquaredAndResiduals> & { readonly contrastVariance: DenseMatrix; readonly df: number } {
  if (input.clusters) throw new Error("internal: fitLinearContrasts is for the HC estimators");
  const solved = solveLinearModel(input);
  const { geometry, memo } = solved;
  const omega = heteroskedasticWeights(geometry, input.seType, input.describeRow, (g) => (memo.leverages ??= leverages(g)));
  const kept = solved.fit.kept;
  const keptContrasts = contrasts.map((c) => Float64Array.from(kept, (j) => c[j]));
  // the contrasts' projections depend on the design only: kept with its factor for the next response
  const memoised = memo.contrasts;
  let projections: Float64Array[];
  if (memoised && sameContrasts(memoised.contrasts, keptContrasts)) projections = memoised.projections;
  else {
    projections = contrastProjections(geometry, keptContrasts);
    memo.contrasts = { contrasts: keptContrasts, projections };
  }
  return { ...solved.fit, contrastVariance: contrastSandwichOf(projections, omega, heteroskedasticScale(geometry, input.seType)), df: geometry.n - geometry.rank };
}

function sameContrasts(a: readonly Float64Array[], b: readonly Float64Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) {
    if (a[t].length !== b[t].length) return false;
    for (let j = 0; j < a[t].length; j++) if (!Object.is(a[t][j], b[t][j])) return false;
  }
  return true;
}

/** The least-squares part of a linear model: everything but the variance and the summary (R², residuals). */
function solveLinearModel(input: LinearModelInput): { fit: Omit<LinearModelFit, "variance" | RSquaredAndResiduals>; geometry: RegressionGeometry; memo: DesignMemo } {
  const { design, y, weights, seType } = input;
  const n = design.rows;
  const clustered = input.clusters !== undefined;
  if (clustered !== (seType === "CR0" || seType === "stata" || seType === "CR2")) {
    throw inputError(clustered ? `${seType} standard errors ignore the clusters` : `${seType} standard errors need clusters`, {
      remedies: clustered
        ? [{ setting: "se", value: "CR2", reason: "with clusters use CR0, CR1 (stata) or CR2 standard errors" }]
        : [{ setting: "cluster", reason: "name the clusters" }, { setting: "se", value: "HC2", reason: "use classical, HC0, HC1, HC2 or HC3 standard errors" }],
    });
  }

  const given = input.factor;
  if (given && (given.rows !== n || given.cols !== design.cols || (given.sqrtW === undefined) !== (weights === undefined))) {
    throw new Error("internal: a design factor was given for a different design");
  }
  const sqrtW: Float64Array | undefined = given ? given.sqrtW : weights && normalisedSqrtWeights(weights);
  const xStar = given ? given.xStar : sqrtW ? scaleRows(design, sqrtW, input.scaleInPlace ? design : undefined) : design;
  const yStar = sqrtW ? timesEach(y, sqrtW) : y;

  const ls = given ? leastSquaresGivenFactor(xStar, yStar, given.qr, given.geometry.whitened, given.condition) : leastSquares(xStar, yStar);
  const rank = ls.rank;
  if (rank === 0) throw analysisError("the design matrix has rank 0: every predictor column is zero", { hint: "check the formula and the data" });
  if (n - rank <= 0) {
    throw analysisError(`${n} rows cannot estimate ${rank} coefficients with any residual degrees of freedom`, {
      hint: "use fewer terms or more data",
    });
  }
  const structural = input.residualDesign;
  if (structural && (given || structural.rows !== n || structural.cols !== design.cols)) throw new Error("internal: the residual design must match the design, without a factor");
  const weightedResiduals = structural ? structuralResiduals(structural, y, ls.coefficients, sqrtW) : ls.residuals;
  const geometry = given ? { ...given.geometry, residuals: weightedResiduals } : regressionGeometry(xStar, ls.qr, weightedResiduals, sqrtW);
  const memo: DesignMemo = given?.memo ?? {};
  // the fast path (no refinement) leaves a factor that other responses can reuse (not the second
  // stage of 2SLS, whose residuals are not those of its design)
  const factor: DesignFactor | undefined =
    given ?? (ls.refinementSteps === 0 && !structural ? { rows: n, cols: design.cols, sqrtW, xStar, qr: ls.qr, condition: ls.condition, geometry, memo } : undefined);
  const kept = Array.from(ls.qr.pivot.subarray(0, rank)).sort((a, b) => a - b);

  return { fit: { n, rank, dfResidual: n - rank, coefficients: ls.coefficients, names: input.names, kept, aliased: ls.aliased, factor }, geometry, memo };
}

/** What is computed once per design and kept with its factor: the leverages, and the projections of the contrasts last asked for. */
interface DesignMemo {
  leverages?: Float64Array;
  contrasts?: { contrasts: readonly Float64Array[]; projections: Float64Array[] };
}

/** √(w/w̄): the square roots of the weights normalised to mean 1, as estimatr scales the rows. */
export function normalisedSqrtWeights(weights: Float64Array): Float64Array {
  const n = weights.length;
  let mean = 0;
  for (const w of weights) mean += w;
  mean /= n;
  const sqrtW = new Float64Array(n);
  for (let i = 0; i < n; i++) sqrtW[i] = Math.sqrt(weights[i] / mean);
  return sqrtW;
}

/** Xb over the estimated coefficients (aliased ones, NaN, count as zero). */
export function linearPredictor(x: DenseMatrix, b: ArrayLike<number>): Float64Array {
  const n = x.rows;
  const out = new Float64Array(n);
  for (let j = 0; j < x.cols; j++) {
    const bj = b[j];
    if (Number.isNaN(bj)) continue;
    const off = j * n;
    for (let i = 0; i < n; i++) out[i] += x.data[off + i] * bj;
  }
  return out;
}

/** √w·(y − Xb). */
function structuralResiduals(x: DenseMatrix, y: Float64Array, b: Float64Array, sqrtW: Float64Array | undefined): Float64Array {
  const fitted = linearPredictor(x, b);
  const e = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) e[i] = y[i] - fitted[i];
  return sqrtW ? timesEach(e, sqrtW) : e;
}

/** a[i]·b[i] (or a[i]/b[i]) for each i, in a plain loop (typed-array from() with a callback is slow). */
function timesEach(a: Float64Array, b: Float64Array, divide = false): Float64Array {
  const out = new Float64Array(a.length);
  if (divide) for (let i = 0; i < a.length; i++) out[i] = a[i] / b[i];
  else for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i];
  return out;
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
