import { inputError } from "../errors.js";
import type { ModelFrame } from "./formula/model-frame.js";
import { type ModelMatrix, designForTerms } from "./formula/model-matrix.js";
import { type ParsedFormula, parseFormula } from "./formula/parse.js";
import { type Terms, combineTerms, expandFormula } from "./formula/terms.js";
import type { FirstStageStatistic, OveridentificationTest, WaldFTest } from "./iv/instrument-diagnostics.js";
import { fitTwoStageLeastSquares } from "./iv/two-stage-least-squares.js";
import { linDesign, linTerms } from "./lin-adjustment.js";
import { type LinearModelFit, type LinearModelInput, fitLinearModel } from "./linear-model.js";

/**
 * Which least-squares estimator `fitFormula` runs, decided from its options, and what each adds to
 * the result: ordinary least squares; Lin's (2013) adjustment (`linCovariates`); two-stage least
 * squares for a formula with instruments (`y ~ takeup + x | treat + x`). The frame, the design
 * checks, the coefficient table and the warnings stay in fit.ts, common to all.
 *
 * @example
 * const spec = specifyEstimator("y ~ takeup | treat", undefined, "gaussian");
 * spec.kind; // "two_stage_least_squares"
 */
export type EstimatorSpecification =
  | { readonly kind: "ordinary"; readonly terms: Terms }
  | { readonly kind: "lin"; readonly terms: Terms }
  | { readonly kind: "two_stage_least_squares"; readonly terms: Terms; readonly regressors: Terms; readonly instruments: Terms };

/** The fields a Lin or 2SLS fit adds to a FitResult (absent for ordinary fits). */
export interface EstimatorFields {
  estimator?: "lin" | "two_stage_least_squares";
  /** Lin: the treatment indicators and the mean (weighted mean when weighted) each covariate column was centred at. */
  lin?: { treatment: readonly string[]; centres: readonly { term: string; centre: number }[]; weighted: boolean };
  /** 2SLS: which regressors are endogenous, the excluded instruments, and estimatr's diagnostics. */
  instrumental?: {
    endogenous: readonly string[];
    instruments: readonly string[];
    first_stage: FirstStageStatistic[];
    wu_hausman: WaldFTest | null;
    overidentification: OveridentificationTest | null;
  };
}

/** A first-stage F below this is a weak instrument (Staiger & Stock 1997's rule of thumb). */
export const WEAK_INSTRUMENT_F = 10;

export function specifyEstimator(formula: string, linCovariates: string | undefined, family: "gaussian" | "binomial"): EstimatorSpecification {
  const parsed = parseFormula(formula, { instruments: true });
  const instruments = parsed.instruments;
  if (family === "binomial" && (instruments || linCovariates !== undefined)) {
    throw inputError(`${instruments ? "two-stage least squares" : "Lin's adjustment"} is a linear model and cannot be fitted as a logit`, {
      hint: "use --family gaussian (a linear probability model for a 0/1 outcome)",
    });
  }
  if (instruments && linCovariates !== undefined) {
    throw inputError("Lin's adjustment and instrumental variables cannot be combined in one fit", {
      hint: 'either drop the covariates option or the "|" and its instruments',
    });
  }
  if (linCovariates !== undefined) return { kind: "lin", terms: linTerms(formula, linCovariates) };
  if (!instruments) return { kind: "ordinary", terms: expandFormula(parsed) };
  const regressors = expandFormula(parsed);
  const instrumentTerms = expandFormula({ ...parsed, rhs: instruments } satisfies ParsedFormula);
  return { kind: "two_stage_least_squares", terms: combineTerms(regressors, instrumentTerms), regressors, instruments: instrumentTerms };
}

/** The design whose coefficients are reported (and, for 2SLS, the instruments') over the frame. */
export interface EstimatorDesign {
  readonly specification: EstimatorSpecification;
  readonly design: Pick<ModelMatrix, "matrix" | "columnNames" | "hasIntercept">;
  readonly instruments?: ModelMatrix;
  readonly fields: EstimatorFields;
}

/** @param modelMatrix the model matrix of the frame's terms (what fit.ts checks and an ordinary fit uses) */
export function estimatorDesign(specification: EstimatorSpecification, frame: ModelFrame, modelMatrix: ModelMatrix): EstimatorDesign {
  switch (specification.kind) {
    case "ordinary":
      return { specification, design: modelMatrix, fields: {} };
    case "lin": {
      const lin = linDesign(modelMatrix, frame.weights);
      return { specification, design: lin, fields: { estimator: "lin", lin: { treatment: lin.treatment, centres: lin.centres, weighted: frame.weights !== undefined } } };
    }
    case "two_stage_least_squares":
      return {
        specification,
        design: designForTerms(frame, specification.regressors),
        instruments: designForTerms(frame, specification.instruments),
        fields: { estimator: "two_stage_least_squares" },
      };
  }
}

/**
 * Fits the estimator's linear model; returns the fit, the fields it adds to the result and its
 * warnings (a weak first stage).
 */
export function fitLinearEstimator(model: EstimatorDesign, input: LinearModelInput): { fit: LinearModelFit; fields: EstimatorFields; warnings: string[] } {
  if (!model.instruments) return { fit: fitLinearModel(input), fields: model.fields, warnings: [] };
  const fit = fitTwoStageLeastSquares({ ...input, instruments: model.instruments.matrix, instrumentNames: model.instruments.columnNames });
  const d = fit.diagnostics;
  const warnings: string[] = [];
  if (fit.endogenous.length === 0) {
    warnings.push('every regressor is also an instrument (after "|"), so nothing is instrumented and two-stage least squares is ordinary least squares');
  }
  for (const f of d.first_stage) {
    if (f.statistic === null) {
      warnings.push(`the first-stage F statistic for ${f.regressor} cannot be computed: the variance of its instruments' coefficients is singular`);
    } else if (f.statistic < WEAK_INSTRUMENT_F) {
      warnings.push(
        `weak instrument: the first-stage F statistic for ${f.regressor} is ${f.statistic.toPrecision(3)}, below ${WEAK_INSTRUMENT_F} (Staiger & Stock 1997), so the two-stage least-squares estimate is biased toward OLS and its tests and intervals are unreliable`,
      );
    }
  }
  return {
    fit,
    fields: {
      ...model.fields,
      instrumental: { endogenous: fit.endogenous, instruments: fit.excludedInstruments, first_stage: d.first_stage, wu_hausman: d.wu_hausman, overidentification: d.overidentification },
    },
    warnings,
  };
}
