import { inputError, listNames } from "../../errors.js";
import { type DenseMatrix, column, scaleRows, zeros } from "../linalg/dense.js";
import { leastSquares } from "../linalg/least-squares.js";
import { type LinearModelFit, type LinearModelInput, fitLinearModel, linearPredictor, normalisedSqrtWeights } from "../linear-model.js";
import { type InstrumentDiagnostics, instrumentDiagnostics } from "./instrument-diagnostics.js";

/**
 * Two-stage least squares (instrumental variables), with any variance estimator of
 * docs/statistics.md#variance-estimators, in agreement with `estimatr::iv_robust` (including its
 * `diagnostics = TRUE`).
 *
 *   stage 1: X̂ = Z b₁, b₁ = (Z'WZ)⁻¹Z'WX      (each regressor on the instruments, weighted LS)
 *   stage 2: b = (X̂'WX̂)⁻¹X̂'Wy
 *
 * The variance is the sandwich of the stage-2 regression of y on X̂ — its bread (X̂'WX̂)⁻¹, its
 * leverages (HC2, HC3), its cluster adjustment matrices and Bell–McCaffrey df (CR2), its rank
 * (df n − rank, or G − 1 with clusters) — with the structural residuals e = y − Xb in place of
 * y − X̂b: estimatr's `iv_stage = 2`, which `fitLinearModel` takes as `residualDesign`.
 *
 * Which columns are which follows estimatr, by name: a column of X that is also a column of Z is
 * exogenous (stage 1 reproduces it); the other columns of X are endogenous, the other columns of Z
 * the excluded instruments. A model with fewer excluded instruments than endogenous regressors is
 * not identified and is refused (estimatr warns and reports NA).
 *
 * With the randomised offer as the only excluded instrument and take-up as the only endogenous
 * regressor (`y ~ takeup | treat`), the take-up coefficient is the Wald/IV estimate of the complier
 * average causal effect (Angrist, Imbens & Rubin 1996): the ITT on y over the ITT on take-up.
 *
 * @example
 * // y ~ takeup + x | treat + x
 * const fit = fitTwoStageLeastSquares({ design: X, names: ["(Intercept)", "takeup", "x"],
 *   instruments: Z, instrumentNames: ["(Intercept)", "treat", "x"], y, seType: "HC2" });
 * fit.coefficients[1];                        // the CACE
 * fit.diagnostics.first_stage[0].statistic;   // first-stage F of takeup on treat
 */
export interface TwoStageLeastSquaresInput extends Omit<LinearModelInput, "contrasts" | "factor" | "residualDesign"> {
  /** Z: every column of the first stage (exogenous regressors and excluded instruments). */
  instruments: DenseMatrix;
  instrumentNames: readonly string[];
}

export interface TwoStageLeastSquaresFit extends LinearModelFit {
  /** Regressors that are not instruments (by name), in design order. */
  readonly endogenous: readonly string[];
  /** Instruments that are not regressors, in instrument order. */
  readonly excludedInstruments: readonly string[];
  /** X̂, the first-stage fitted values of every regressor (unweighted scale). */
  readonly firstStageFitted: DenseMatrix;
  readonly diagnostics: InstrumentDiagnostics;
}

export function fitTwoStageLeastSquares(input: TwoStageLeastSquaresInput): TwoStageLeastSquaresFit {
  const { design, names, instruments, instrumentNames } = input;
  if (instruments.rows !== design.rows || instruments.cols !== instrumentNames.length || design.cols !== names.length) {
    throw new Error("internal: the regressors, instruments and their names do not match");
  }
  const endogenous = names.filter((name) => !instrumentNames.includes(name));
  const excludedInstruments = instrumentNames.filter((name) => !names.includes(name));
  if (excludedInstruments.length < endogenous.length) {
    throw inputError(
      `the instrumental-variables model is not identified: ${endogenous.length} endogenous regressor${endogenous.length === 1 ? "" : "s"} (${listNames(endogenous)}) but ${excludedInstruments.length} excluded instrument${excludedInstruments.length === 1 ? "" : "s"}${excludedInstruments.length ? ` (${listNames(excludedInstruments)})` : ""}`,
      { hint: "after \"|\" list the exogenous regressors again and at least one instrument per endogenous regressor, e.g. y ~ takeup + x | treat + x" },
    );
  }

  const firstStageFitted = firstStageFittedValues(design, instruments, input.weights);
  const fit = fitLinearModel({ ...input, design: firstStageFitted, residualDesign: design });
  const diagnostics = instrumentDiagnostics({
    ...input,
    endogenous: endogenous.map((name) => names.indexOf(name)),
    excludedInstruments: excludedInstruments.map((name) => instrumentNames.indexOf(name)),
    firstStageFitted,
    structuralResiduals: fit.residuals,
  });
  return { ...fit, endogenous, excludedInstruments, firstStageFitted, diagnostics };
}

/** Z b for each column x of X, b the (weighted) least-squares fit of x on Z: the projection of X onto Z's columns. */
export function firstStageFittedValues(design: DenseMatrix, instruments: DenseMatrix, weights: Float64Array | undefined): DenseMatrix {
  const n = design.rows;
  const sqrtW = weights && normalisedSqrtWeights(weights);
  const zStar = sqrtW ? scaleRows(instruments, sqrtW) : instruments;
  const fitted = zeros(n, design.cols);
  for (let j = 0; j < design.cols; j++) {
    const x = column(design, j);
    const xStar = sqrtW ? Float64Array.from(x, (v, i) => v * sqrtW[i]) : x;
    const ls = leastSquares(zStar, xStar);
    fitted.data.set(linearPredictor(instruments, ls.coefficients), j * n);
  }
  return fitted;
}
