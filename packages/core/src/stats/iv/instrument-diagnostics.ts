import { TrialstatError } from "../../errors.js";
import { chiSquareUpperTail } from "../distributions/chi-square.js";
import { type DenseMatrix, column, selectColumns, zeros } from "../linalg/dense.js";
import { leastSquares } from "../linalg/least-squares.js";
import { type LinearModelFit, type LinearModelInput, fitLinearModel } from "../linear-model.js";
import { waldTest } from "../wald.js";

/**
 * The diagnostics `estimatr::iv_robust(diagnostics = TRUE)` reports, computed as it computes them
 * (docs/statistics.md#instrument-diagnostics):
 *
 * - first-stage F, for each endogenous regressor: the Wald test, with the model's variance
 *   estimator, that the excluded instruments' coefficients are all zero in the regression of the
 *   regressor on every instrument; F = W/q on (q, n − rank(Z)) or, with clusters, (q, G − 1);
 * - Wu–Hausman: the same Wald F for the first-stage residuals of the endogenous regressors added to
 *   the OLS regression of y on X (the control-function form of the endogeneity test);
 * - overidentification (only with more excluded instruments than endogenous regressors, and without
 *   weights, as estimatr): Sargan's n·R² of the structural residuals on Z (uncentred R²) with the
 *   classical variance, else Wooldridge's (1995) score test, n − SSR of the regression of 1 on
 *   (z_j − ẑ_j)·e for the first q − p excluded instruments z_j, ẑ_j their fit on [exogenous X, X̂];
 *   χ² on q − p df.
 */
export interface WaldFTest {
  /** null when the variance of the tested coefficients is singular (estimatr: NA). */
  statistic: number | null;
  df1: number;
  df2: number;
  p_value: number | null;
}

export interface FirstStageStatistic extends WaldFTest {
  /** The endogenous regressor. */
  regressor: string;
}

export interface OveridentificationTest {
  test: "sargan" | "wooldridge_score";
  statistic: number;
  df: number;
  p_value: number;
}

export interface InstrumentDiagnostics {
  first_stage: FirstStageStatistic[];
  /** null without endogenous regressors. */
  wu_hausman: WaldFTest | null;
  /** null when exactly identified or weighted (estimatr reports NA). */
  overidentification: OveridentificationTest | null;
}

export interface InstrumentDiagnosticsInput extends Omit<LinearModelInput, "contrasts" | "factor" | "residualDesign"> {
  instruments: DenseMatrix;
  instrumentNames: readonly string[];
  /** Columns of the design that are endogenous. */
  endogenous: readonly number[];
  /** Columns of the instruments that are excluded instruments. */
  excludedInstruments: readonly number[];
  firstStageFitted: DenseMatrix;
  /** y − Xb (unweighted). */
  structuralResiduals: Float64Array;
}

export function instrumentDiagnostics(input: InstrumentDiagnosticsInput): InstrumentDiagnostics {
  const { design, names, instruments, instrumentNames, endogenous, excludedInstruments } = input;
  if (endogenous.length === 0) return { first_stage: [], wu_hausman: null, overidentification: null };
  const common = { weights: input.weights, clusters: input.clusters, seType: input.seType, describeRow: input.describeRow };
  const excludedNames = excludedInstruments.map((j) => instrumentNames[j]);

  const first_stage = endogenous.map((j) => {
    const fit = fitLinearModel({ ...common, design: instruments, names: instrumentNames, y: column(design, j) });
    return { regressor: names[j], ...waldF(fit, excludedNames) };
  });

  // control function: y on [X, X_endog − X̂_endog]
  const n = design.rows;
  const augmented = zeros(n, design.cols + endogenous.length);
  augmented.data.set(design.data);
  const residualNames = endogenous.map((j) => `resid_${names[j]}`);
  endogenous.forEach((j, k) => {
    const out = augmented.data.subarray((design.cols + k) * n, (design.cols + k + 1) * n);
    const x = column(design, j);
    const fitted = column(input.firstStageFitted, j);
    for (let i = 0; i < n; i++) out[i] = x[i] - fitted[i];
  });
  const control = fitLinearModel({ ...common, design: augmented, names: [...names, ...residualNames], y: input.y });
  const wu_hausman = waldF(control, residualNames);

  const extra = excludedInstruments.length - endogenous.length;
  let overidentification: OveridentificationTest | null = null;
  if (extra > 0 && input.weights === undefined) {
    const e = input.structuralResiduals;
    const statistic = input.seType === "classical" ? sarganStatistic(instruments, e) : wooldridgeScoreStatistic(input, extra, e);
    overidentification = { test: input.seType === "classical" ? "sargan" : "wooldridge_score", statistic, df: extra, p_value: chiSquareUpperTail(statistic, extra) };
  }
  return { first_stage, wu_hausman, overidentification };
}

/**
 * Wald F that the named coefficients (those estimated) are zero, on (q, G − 1) with clusters or
 * (q, n − rank) without — estimatr's `compute_fstat` with `get_dendf`.
 */
function waldF(fit: LinearModelFit, terms: readonly string[]): WaldFTest {
  const keptNames = fit.kept.map((j) => fit.names[j]);
  const tested = terms.filter((t) => keptNames.includes(t));
  const df2 = fit.variance.nClusters !== undefined ? fit.variance.nClusters - 1 : fit.dfResidual;
  if (tested.length === 0) return { statistic: null, df1: 0, df2, p_value: null };
  try {
    const w = waldTest({ names: keptNames, estimates: fit.kept.map((j) => fit.coefficients[j]), vcov: fit.variance.matrix, dfResidual: df2 }, { terms: tested });
    return { statistic: w.statistic, df1: w.df1, df2, p_value: w.p_value };
  } catch (e) {
    if (e instanceof TrialstatError) return { statistic: null, df1: tested.length, df2, p_value: null };
    throw e;
  }
}

/** Sargan: n·R² of e on Z, R² uncentred (estimatr fits it without an intercept flag). */
function sarganStatistic(instruments: DenseMatrix, e: Float64Array): number {
  const ls = leastSquares(instruments, e);
  let rss = 0;
  for (const r of ls.residuals) rss += r * r;
  let tss = 0;
  for (const v of e) tss += v * v;
  return e.length * (1 - rss / tss);
}

/**
 * Wooldridge's score test: for the first `extra` excluded instruments z_j, r_j = z_j − ẑ_j with ẑ_j
 * their fit on [exogenous columns of X, X̂ of the endogenous ones]; then n − SSR of 1 on [r_j·e].
 */
function wooldridgeScoreStatistic(input: InstrumentDiagnosticsInput, extra: number, e: Float64Array): number {
  const { design, instruments, endogenous, excludedInstruments, firstStageFitted } = input;
  const n = design.rows;
  const exogenous = Array.from({ length: design.cols }, (_, j) => j).filter((j) => !endogenous.includes(j));
  const regressors = zeros(n, exogenous.length + endogenous.length);
  regressors.data.set(selectColumns(design, exogenous).data);
  regressors.data.set(selectColumns(firstStageFitted, [...endogenous]).data, exogenous.length * n);
  const scores = zeros(n, extra);
  for (let k = 0; k < extra; k++) {
    const z = column(instruments, excludedInstruments[k]);
    const r = leastSquares(regressors, z).residuals;
    const out = scores.data.subarray(k * n, (k + 1) * n);
    for (let i = 0; i < n; i++) out[i] = r[i] * e[i];
  }
  const ones = new Float64Array(n).fill(1);
  const ls = leastSquares(scores, ones);
  // estimatr sums the residuals r = 1 − Kb rather than their squares: the same, since K'r = 0
  // gives r'r = 1'r − b'K'r = 1'r
  let ssr = 0;
  for (const r of ls.residuals) ssr += r;
  return n - ssr;
}
