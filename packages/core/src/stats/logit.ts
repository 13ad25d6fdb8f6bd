import { type Remedy, analysisError, inputError } from "../errors.js";
import { type DenseMatrix, scaleRows, selectColumns, zeros } from "./linalg/dense.js";
import { leastSquares } from "./linalg/least-squares.js";
import { pivotedQr } from "./linalg/pivoted-qr.js";
import { clusterSandwich } from "./variance/cluster-robust.js";
import { clusterIndex, regressionGeometry } from "./variance/geometry.js";
import { classicalVariance, heteroskedasticVariance } from "./variance/heteroskedastic.js";
import type { FittedModel, VarianceEstimate } from "./variance/types.js";
import { exp, log, log1p } from "./elementary-functions.js";

/**
 * Logistic regression by iteratively reweighted least squares, as R's `glm(family = binomial)`,
 * with optional prior weights, and the variance estimators of docs/statistics.md#logistic-regression.
 *
 * Each IRLS step solves the weighted least-squares problem by the same pivoted QR as linear models
 * (so aliased columns are found the same way). Iteration stops when
 * |Δdeviance| / (|deviance| + 0.1) < 1e-10; one more step is then taken, which, IRLS being
 * Newton's method, brings the estimates to machine precision.
 *
 * Separation (the MLE does not exist) is an error, found two ways: before fitting, a single
 * column that orders the outcome (every y = 1 at or above every y = 0, or the reverse) in a model
 * with an intercept, which is how Stata reports "x predicts failure perfectly"; after fitting,
 * linear predictors beyond ±30 (fitted probabilities within 1e-13 of 0 or 1) or no convergence.
 */
export type LogitSeType = "classical" | "HC0" | "HC1" | "stata";
export const LOGIT_SE_TYPES: readonly LogitSeType[] = ["classical", "HC0", "HC1", "stata"];

export interface LogitInput {
  design: DenseMatrix;
  names: readonly string[];
  y: Float64Array;
  weights?: Float64Array;
  clusters?: { codes: Int32Array; count: number };
  seType: LogitSeType;
  hasIntercept?: boolean;
  maxIterations?: number;
  /**
   * Which term each column belongs to (R's `assign`: 0 the intercept, t + 1 term t) and the terms'
   * labels, so that a factor whose reference level alone predicts the outcome is caught as separation
   * (the reference level has no column of its own for the one-column check). Non-response propensity
   * models leave it out: they use only p̂, which for a reference level whose members all responded
   * tends to 1 (a weight of 1), so that quasi-separation is harmless there.
   */
  terms?: { assign: Int32Array; labels: readonly string[] };
}

export interface LogitFit extends FittedModel {
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly iterations: number;
  /** Fitted probabilities. */
  readonly fitted: Float64Array;
  /**
   * Rows fitted within 3.1e-7 of 0 or 1 (|linear predictor| > 15): Stata's "completely determined".
   * Some is the usual mark of quasi-separation that no single column shows (a set of rows at a
   * level that only a combination of columns picks out), where IRLS stops on a flat deviance with
   * coefficients near ±20 and robust standard errors that look precise.
   */
  readonly determined: number;
}

/** |η| beyond which a fitted probability is "completely determined" (within 3.1e-7 of 0 or 1). */
const DETERMINED_ETA = 15;

/** The warning for a logit with completely determined rows (LogitFit.determined), else undefined. */
export function determinedWarning(fit: Pick<LogitFit, "determined" | "n">): string | undefined {
  if (fit.determined === 0) return undefined;
  return `${fit.determined} of ${fit.n} rows are fitted with probability within 3e-7 of 0 or 1 (Stata: "completely determined"): this usually means quasi-separation by a combination of predictors, and then the coefficients that put them there, with their standard errors and tests, are unreliable; merge sparse categories, drop a term, or use a linear probability model`;
}

const CONVERGENCE = 1e-10;

/** The way round separation that changes no data: a linear model of the 0/1 outcome. */
const LINEAR_PROBABILITY_MODEL: Remedy = { setting: "family", value: "gaussian", reason: "use a linear probability model" };

export function fitLogit(input: LogitInput): LogitFit {
  const clustered = input.clusters !== undefined;
  if (clustered !== (input.seType === "stata")) {
    throw inputError(clustered ? `${input.seType} standard errors ignore the clusters` : `${input.seType} standard errors need clusters`, {
      remedies: clustered
        ? [{ setting: "se", value: "stata", reason: "with clusters a logit uses CR1 (stata) standard errors" }]
        : [{ setting: "cluster", reason: "name the clusters" }, { setting: "se", value: "HC1", reason: "use classical, HC0 or HC1 standard errors" }],
    });
  }
  const { design, y } = input;
  const n = design.rows;
  const w = input.weights ?? new Float64Array(n).fill(1);
  const { x, kept, aliased, coefficients, mu, deviance, iterations } = logitEstimates(input);
  const r = kept.length;

  // Variance at the final estimates: working weights W = w·μ(1 − μ); the score of row i is
  // w_i(y_i − μ_i)x_i, i.e. the Pearson residual times √w in whitened coordinates.
  const sqrtWork = Float64Array.from(mu, (m, i) => Math.sqrt(w[i] * m * (1 - m)));
  const xw = scaleRows(x, sqrtWork);
  const qr = pivotedQr(xw);
  const scores = Float64Array.from(mu, (m, i) => (w[i] * (y[i] - m)) / sqrtWork[i]);
  const geometry = regressionGeometry(xw, qr, scores, undefined);
  let variance: VarianceEstimate;
  if (input.seType === "classical") {
    variance = classicalVariance(geometry, 1);
  } else if (input.seType === "stata") {
    // sandwich::vcovCL(type = "HC0", cadjust = TRUE): G/(G − 1) only, no (n − 1)/(n − k)
    const idx = clusterIndex(input.clusters!.codes, input.clusters!.count);
    const G = idx.count;
    variance = { seType: "stata", matrix: clusterSandwich(geometry, idx, G / (G - 1)), df: new Float64Array(r), nClusters: G };
  } else {
    variance = heteroskedasticVariance(geometry, input.seType);
  }
  variance = { ...variance, df: new Float64Array(r).fill(Infinity) };

  const ybar = weightedMean(y, w);
  const nullDeviance = binomialDeviance(y, new Float64Array(n).fill(ybar), w);
  return {
    n,
    rank: r,
    dfResidual: n - r,
    coefficients,
    names: input.names,
    kept,
    aliased,
    variance,
    deviance,
    nullDeviance,
    iterations,
    fitted: mu,
    determined: countDetermined(mu),
  };
}

function countDetermined(mu: Float64Array): number {
  const low = logistic(-DETERMINED_ETA);
  let count = 0;
  for (let i = 0; i < mu.length; i++) if (mu[i] < low || mu[i] > 1 - low) count++;
  return count;
}

/** What IRLS gives a logit without its variance: the coefficients (kept columns) and fitted probabilities. */
export interface LogitEstimates {
  /** The design's kept columns (all of them when none is aliased). */
  readonly x: DenseMatrix;
  /** Original indices of the kept and the aliased columns. */
  readonly kept: readonly number[];
  readonly aliased: readonly number[];
  /** One per design column; NaN for aliased ones. */
  readonly coefficients: Float64Array;
  /** Fitted probabilities. */
  readonly mu: Float64Array;
  readonly deviance: number;
  readonly iterations: number;
}

/**
 * The IRLS of fitLogit (its separation and convergence errors included) without the variance, for
 * callers that need only the fitted probabilities and coefficients — a non-response weight's
 * propensity model — and would otherwise pay for a QR and a sandwich they never read.
 */
export function logitEstimates(input: Pick<LogitInput, "design" | "names" | "y" | "weights" | "hasIntercept" | "maxIterations" | "terms">): LogitEstimates {
  const { design, y } = input;
  const n = design.rows;
  const w = input.weights ?? new Float64Array(n).fill(1);
  // Aliased columns are found once, on the unweighted design, and left out of the iterations.
  const rankQr = pivotedQr(design);
  const kept = Array.from(rankQr.pivot.subarray(0, rankQr.rank)).sort((a, b) => a - b);
  const aliased = Array.from(rankQr.pivot.subarray(rankQr.rank)).sort((a, b) => a - b);
  const x = aliased.length ? selectColumns(design, kept) : design;
  const r = kept.length;
  if (n - r <= 0) throw analysisError(`${n} rows cannot estimate ${r} coefficients`, { hint: "use fewer terms or more data" });

  if (input.hasIntercept ?? true) {
    detectSingleColumnSeparation(x, y, kept.map((j) => input.names[j]));
    if (input.terms) detectReferenceLevelSeparation(design, y, input.names, input.terms);
  }

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = (w[i] * y[i] + 0.5) / (w[i] + 1);
    eta[i] = log(mu[i] / (1 - mu[i]));
  }
  let deviance = binomialDeviance(y, mu, w);
  let beta: Float64Array = new Float64Array(r);
  const maxIterations = input.maxIterations ?? 50;
  let iterations = 0;
  let converged = false;
  let extraStepDone = false;
  // workspaces of the iterations: each is read by the step that fills it and then overwritten
  const sqrtWork = new Float64Array(n);
  const z = new Float64Array(n);
  const xw = zeros(n, r);
  while (iterations < maxIterations) {
    iterations++;
    for (let i = 0; i < n; i++) {
      const v = mu[i] * (1 - mu[i]);
      sqrtWork[i] = Math.sqrt(w[i] * v);
      z[i] = (eta[i] + (y[i] - mu[i]) / v) * sqrtWork[i];
    }
    // each step only needs to head the right way (Newton corrects its own errors), so plain QR as in
    // R's glm.fit: refinement would cost a full factorisation per step as the working weights spread
    const ls = leastSquares(scaleRows(x, sqrtWork, xw), z, { refineAbove: Infinity });
    if (ls.rank < r) {
      throw analysisError("separation: fitted probabilities reached 0 or 1 during fitting, so the logit's estimates do not exist", {
        hint: "some combination of predictors predicts the outcome perfectly: merge sparse categories or drop a variable",
        remedies: [LINEAR_PROBABILITY_MODEL],
      });
    }
    beta = ls.coefficients;
    updateLinearPredictor(x, beta, eta, mu);
    const previous = deviance;
    deviance = binomialDeviance(y, mu, w);
    if (converged) {
      extraStepDone = true;
      break;
    }
    if (Math.abs(deviance - previous) / (Math.abs(deviance) + 0.1) < CONVERGENCE) converged = true;
  }
  if (!converged || !extraStepDone) {
    throw analysisError(`the logit did not converge in ${maxIterations} iteration${maxIterations === 1 ? "" : "s"}`, {
      hint: "this usually means separation or near-separation",
      remedies: [LINEAR_PROBABILITY_MODEL],
    });
  }
  let extreme = 0;
  for (let i = 0; i < n; i++) if (Math.abs(eta[i]) > 30) extreme++;
  if (extreme > 0) {
    throw analysisError(
      `separation: the logit fits probabilities of 0 or 1 to ${extreme} row${extreme === 1 ? "" : "s"}, so the maximum-likelihood estimates do not exist`,
      { hint: "some combination of predictors predicts the outcome perfectly: merge sparse categories or drop the variable", remedies: [LINEAR_PROBABILITY_MODEL] },
    );
  }

  const coefficients = new Float64Array(design.cols).fill(NaN);
  kept.forEach((j, c) => (coefficients[j] = beta[c]));
  return { x, kept, aliased, coefficients, mu, deviance, iterations };
}

export function logistic(eta: number): number {
  return eta >= 0 ? 1 / (1 + exp(-eta)) : exp(eta) / (1 + exp(eta));
}

function updateLinearPredictor(x: DenseMatrix, beta: Float64Array, eta: Float64Array, mu: Float64Array): void {
  const n = x.rows;
  eta.fill(0);
  for (let j = 0; j < x.cols; j++) {
    const b = beta[j];
    const off = j * n;
    for (let i = 0; i < n; i++) eta[i] += x.data[off + i] * b;
  }
  for (let i = 0; i < n; i++) mu[i] = logistic(eta[i]);
}

/** −2 Σ w [y log μ + (1 − y) log(1 − μ)] for 0/1 outcomes. */
export function binomialDeviance(y: Float64Array, mu: Float64Array, w: Float64Array): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) d -= 2 * w[i] * (y[i] === 1 ? log(mu[i]) : log1p(-mu[i]));
  return d;
}

function weightedMean(y: Float64Array, w: Float64Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    s += w[i] * y[i];
    sw += w[i];
  }
  return s / sw;
}

/**
 * A column that orders the outcome: max x among y = 0 ≤ min x among y = 1 (or the reverse).
 * With an intercept, the direction (−c, 1) separates the data, so no finite MLE exists.
 */
function detectSingleColumnSeparation(x: DenseMatrix, y: Float64Array, names: readonly string[]): void {
  const n = x.rows;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += y[i];
  if (ones === 0 || ones === n) {
    throw analysisError(`the outcome is ${ones === 0 ? 0 : 1} in every row used, so a logit cannot be fitted`, {
      hint: "check the outcome coding and the rows selected",
    });
  }
  for (let j = 0; j < x.cols; j++) {
    const off = j * n;
    let min0 = Infinity;
    let max0 = -Infinity;
    let min1 = Infinity;
    let max1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x.data[off + i];
      if (y[i] === 1) {
        if (v < min1) min1 = v;
        if (v > max1) max1 = v;
      } else {
        if (v < min0) min0 = v;
        if (v > max0) max0 = v;
      }
    }
    if (Math.min(min0, min1) === Math.max(max0, max1)) continue; // constant column (the intercept)
    const detail = max0 <= min1 ? ordering(names[j], max0, min1, 1) : max1 <= min0 ? ordering(names[j], max1, min0, 0) : undefined;
    if (detail) {
      throw analysisError(`separation: ${names[j]} predicts the outcome perfectly (${detail}), so the logit's estimates do not exist`, {
        hint: `drop or recode ${names[j]} (merge a sparse category)`,
        remedies: [LINEAR_PROBABILITY_MODEL],
      });
    }
  }
}

/**
 * Separation by a factor's reference level: with an intercept, the rows at the reference level of a
 * factor (every column of its term 0) are the indicator 1 − Σ(its columns), a direction in the
 * design's column space; if the outcome is the same on all of them the likelihood rises without
 * bound along it, as for any other level (detectSingleColumnSeparation), and R's glm converges to
 * an intercept of ±20 or more with robust standard errors that mean nothing. A term qualifies when
 * its columns are 0/1 and no row has more than one of them (a factor's dummies).
 */
function detectReferenceLevelSeparation(x: DenseMatrix, y: Float64Array, names: readonly string[], terms: { assign: Int32Array; labels: readonly string[] }): void {
  const n = x.rows;
  for (let t = 1; t <= terms.labels.length; t++) {
    const columns: number[] = [];
    for (let j = 0; j < terms.assign.length; j++) if (terms.assign[j] === t) columns.push(j);
    if (columns.length < 2) continue; // one column: its 0 rows are checked with the column
    let dummies = true;
    let atReference = 0;
    let ones = 0;
    for (let i = 0; i < n && dummies; i++) {
      let sum = 0;
      for (const j of columns) {
        const v = x.data[i + j * n];
        if (v !== 0 && v !== 1) dummies = false;
        sum += v;
      }
      if (sum > 1) dummies = false;
      if (sum === 0) {
        atReference++;
        ones += y[i];
      }
    }
    if (!dummies || atReference === 0 || (ones > 0 && ones < atReference)) continue;
    const label = terms.labels[t - 1];
    const outcome = ones === 0 ? 0 : 1;
    throw analysisError(
      `separation: every row at the reference level of ${label} (${columns.map((j) => names[j]).join(", ")} all 0; ${atReference} row${atReference === 1 ? "" : "s"}) has outcome ${outcome}, so the logit's estimates do not exist`,
      { hint: `merge the reference level of ${label} with another level (recode), or drop ${label}`, remedies: [LINEAR_PROBABILITY_MODEL] },
    );
  }
}

/** Describes "rows above `low` have outcome `high`, rows below `upper` the other". */
function ordering(name: string, low: number, upper: number, high: 0 | 1): string {
  const fmt = (v: number) => String(Number(v.toPrecision(6)));
  if ((low === 0 || low === 1) && (upper === 0 || upper === 1)) {
    // a 0/1 column (an indicator or a factor level): say which value goes with which outcome
    if (low === 0 && upper === 1) return `${name} is 1 exactly when the outcome is ${high}`;
    return low === 0 ? `every row with ${name} = 1 has outcome ${high}` : `every row with ${name} = 0 has outcome ${1 - high}`;
  }
  const parts: string[] = [];
  if (low === upper) {
    parts.push(`every row with ${name} > ${fmt(low)} has outcome ${high}`, `every row with ${name} < ${fmt(low)} has outcome ${1 - high}`);
  } else {
    parts.push(`every row with ${name} ≥ ${fmt(upper)} has outcome ${high}`, `every row with ${name} ≤ ${fmt(low)} has outcome ${1 - high}`);
  }
  return parts.join(", and ");
}
