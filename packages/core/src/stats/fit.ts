import { type DataTable, requireDataRows } from "../data/table.js";
import { inputError, listNames } from "../errors.js";
import { type DesignContext, perfectFitWarning } from "./design-checks.js";
import type { ModelFrame } from "./formula/model-frame.js";
import { modelDesign } from "./model-design.js";
import { type EstimatorFields, estimatorDesign, fitLinearEstimator, specifyEstimator } from "./fit-estimator.js";
import { buildModelMatrix } from "./formula/model-matrix.js";
import { type FitFactor, type FitSummary, fitFactors, fitSummary } from "./fit-summary.js";
import { type CoefficientRow, coefficientRow, confidenceLevelProblem } from "./inference.js";
import { parseLinearHypothesis } from "./linear-hypothesis.js";
import { type WaldResult, waldTest } from "./wald.js";
import { toRows } from "./linalg/dense.js";
import type { LinearModelFit } from "./linear-model.js";
import { type LogitFit, type LogitSeType, determinedWarning, fitLogit } from "./logit.js";
import { type MarginalEffect, averageMarginalEffect } from "./marginal-effect.js";
import { type FitRandomisationInference, type FitRandomisationOptions, fitRandomisationInference } from "./randomisation-inference/fit-randomisation-inference.js";
import type { LinearSeType } from "./variance/types.js";
import { resolveSeType } from "./variance/default-se-type.js";

export { resolveSeType };

/**
 * Fits `formula` to a table: the engine behind `trialstat fit`, in one call.
 *
 * Defaults follow estimatr: HC2, or CR2 when clustered, for linear models; a logit (`binomial`)
 * defaults to HC0, or stata (CR1) when clustered, the estimators sandwich defines for glm.
 * `linCovariates` fits Lin's (2013) adjustment (`estimatr::lm_lin`), and a formula with
 * instruments (`y ~ takeup + x | treat + x`) two-stage least squares (`estimatr::iv_robust`);
 * see fit-estimator.ts.
 *
 * @example
 * const result = fitFormula(table, { formula: "y ~ treat + x1", se: "HC2" });
 * result.coefficients[1]; // { term: "treat", estimate, std_error, ... }
 */
export interface FitOptions {
  formula: string;
  weights?: string;
  cluster?: string;
  /** classical, HC0–HC3, CR0, CR1 (= stata), stata, CR2. */
  se?: string;
  family?: "gaussian" | "binomial";
  /** Confidence level for intervals, in (0, 1). Default 0.95. */
  level?: number;
  /** For a logit: the binary variable whose average marginal effect to report. */
  marginalEffect?: string;
  /** Lin's adjustment: a one-sided formula of covariates (`~ x1 + x2`); `formula` is then `y ~ treatment`. */
  linCovariates?: string;
  /** Randomisation inference for the arm (ordinary least squares): `randomisation_inference` in the result. */
  randomisationInference?: FitRandomisationOptions;
  /** The reference level of factors, by variable (R's relevel): `{ g: "H" }`. */
  reference?: Readonly<Record<string, string>>;
  /**
   * Joint Wald tests of linear hypotheses, one string each (`"treat = 0, treat:gB = 0"`, see
   * linear-hypothesis.ts), with the fit's variance matrix: F on (q, n − k) for linear models, χ² on
   * q df for logits (`car::linearHypothesis`).
   */
  tests?: readonly string[];
}

/** One `tests` hypothesis and its Wald test. */
export interface FitHypothesisTest extends WaldResult {
  hypothesis: string;
  restrictions: string[];
}

/** Design-check messages that locate a model row by its file line (`data.csv:14:x`). */
export function fileRows(table: DataTable): (frame: ModelFrame) => DesignContext {
  return (frame) => ({ row: (k, column) => ({ location: { file: table.source, line: table.lineOf(frame.rows[k]), column } }) });
}

/** The reference levels of fit options as a map (a plain object's keys could be `__proto__`). */
export function referenceLevels(reference: Readonly<Record<string, string>> | undefined): ReadonlyMap<string, string> | undefined {
  return reference ? new Map(Object.entries(reference)) : undefined;
}

export interface FitResult extends EstimatorFields {
  /** The outcome as the formula names it. */
  outcome: string;
  n: number;
  n_dropped: number;
  rank: number;
  df_residual: number;
  family: "gaussian" | "binomial";
  se_type: string;
  dist: "t" | "z";
  conf_level: number;
  n_clusters: number | null;
  r_squared: number | null;
  /** How the df of the t (or F) reference distribution were chosen, in words. */
  df_rule: string;
  /** The model-level figures (broom's glance): R², σ, the Wald test of all slopes, likelihood figures. */
  model: FitSummary;
  /** Every factor of the model with its levels, the reference level first. */
  factors: FitFactor[];
  coefficients: CoefficientRow[];
  vcov: { terms: string[]; matrix: number[][] };
  marginal_effect?: MarginalEffect;
  /** The Wald tests asked for with `tests`, in order. */
  tests?: FitHypothesisTest[];
  randomisation_inference?: FitRandomisationInference;
  warnings: string[];
}

export function fitFormula(table: DataTable, options: FitOptions): FitResult {
  const family = options.family ?? "gaussian";
  const level = options.level ?? 0.95;
  const levelProblem = confidenceLevelProblem(level);
  if (levelProblem) throw inputError(`the confidence level ${levelProblem}, got ${level}`, { hint: "e.g. 0.95 or 0.999" });
  const seType = resolveSeType(options.se, family, options.cluster !== undefined);
  if (options.randomisationInference && family === "binomial") {
    throw inputError("randomisation inference is available for linear models only, not yet for a logit", {
      remedies: [{ setting: "family", value: "gaussian", reason: "fit the linear probability model" }],
    });
  }
  requireDataRows(table);
  const specification = specifyEstimator(options.formula, options.linCovariates, family);
  if (options.randomisationInference && specification.kind !== "ordinary") {
    throw inputError(`randomisation inference is not yet available with ${specification.kind === "lin" ? "Lin's adjustment" : "instrumental variables"}`, {
      hint: "fit the covariate-adjusted model by ordinary least squares (y ~ treat + x1 + …)",
    });
  }
  const built = modelDesign(table, specification.terms, {
    weights: options.weights,
    cluster: options.cluster,
    family,
    reference: referenceLevels(options.reference),
    seType,
    checks: fileRows(table),
  });
  const { frame, clusters } = built;
  const model = estimatorDesign(specification, frame, built.matrix);
  const design = model.design;
  const describeRow = (row: number) => `${table.source}:${table.lineOf(frame.rows[row])}`;

  const warnings: string[] = [];
  const nMissing = frame.nDropped - frame.nZeroWeight;
  if (nMissing > 0) {
    const detail = frame.missingBy.map((m) => `${m.variable}: ${m.count}`).join(", ");
    warnings.push(`${nMissing} of ${table.nRows} rows dropped for missing values (${detail})`);
  }
  if (frame.nZeroWeight > 0) warnings.push(`${frame.nZeroWeight} of ${table.nRows} rows left out because their weight is 0 (as lm and Stata do)`);
  warnings.push(...built.warnings);

  let fit: LinearModelFit | LogitFit;
  let fields: EstimatorFields = {};
  if (family === "binomial") {
    fit = fitLogit({
      design: design.matrix,
      names: design.columnNames,
      y: frame.response,
      weights: frame.weights,
      clusters,
      seType: seType as LogitSeType,
      hasIntercept: design.hasIntercept,
      // the model matrix itself (an estimator that rebuilds the design is least squares only)
      terms: design === built.matrix ? { assign: built.matrix.assign, labels: frame.terms.termLabels } : undefined,
    });
  } else {
    const estimated = fitLinearEstimator(model, {
      design: design.matrix,
      names: design.columnNames,
      y: frame.response,
      weights: frame.weights,
      clusters,
      seType: seType as LinearSeType,
      hasIntercept: design.hasIntercept,
      describeRow,
    });
    fit = estimated.fit;
    const perfect = perfectFitWarning(frame.response, fit.residuals, frame.weights, fit.dfResidual);
    if (perfect) warnings.push(perfect);
    fields = estimated.fields;
    warnings.push(...estimated.warnings);
  }
  for (const { row, coefficients } of fit.variance.leverageOne ?? []) {
    const terms = listNames(coefficients.map((c) => design.columnNames[fit.kept[c]]));
    warnings.push(
      `the observation at ${describeRow(row)} has leverage 1 (it alone determines ${terms}): its residual is 0 by construction, so ${fit.variance.seType === "stata" ? "CR1 (stata)" : fit.variance.seType} standard errors leave its variance out and understate the uncertainty of ${terms}; HC2 and HC3 refuse such a design`,
    );
  }
  if (fit.aliased.length > 0) {
    const names = fit.aliased.map((j) => design.columnNames[j]);
    warnings.push(
      `${names.length} coefficient${names.length === 1 ? "" : "s"} not defined because the design matrix is rank deficient (collinear with earlier columns): ${listNames(names)}`,
    );
  }

  if ("determined" in fit) {
    const determined = determinedWarning(fit);
    if (determined) warnings.push(determined);
  }
  const dist = family === "binomial" ? "z" : "t";
  const k = fit.kept.length;
  const slot = new Map(fit.kept.map((j, c) => [j, c]));
  const coefficients = design.columnNames.map((term, j) => {
    const c = slot.get(j);
    if (c === undefined) return coefficientRow(term, NaN, NaN, NaN, dist, level);
    const se = Math.sqrt(fit.variance.matrix.data[c + c * k]);
    return coefficientRow(term, fit.coefficients[j], se, fit.variance.df[c], dist, level);
  });

  const vcovTerms = fit.kept.map((j) => design.columnNames[j]);
  const estimates = fit.kept.map((j) => fit.coefficients[j]);
  const summary = fitSummary(
    {
      frame,
      family,
      names: vcovTerms,
      estimates,
      vcov: fit.variance.matrix,
      rank: fit.rank,
      dfResidual: fit.dfResidual,
      nClusters: fit.variance.nClusters ?? null,
      hasIntercept: design.hasIntercept,
      linear: "rSquared" in fit ? { rSquared: fit.rSquared, adjRSquared: fit.adjRSquared, residuals: fit.residuals } : undefined,
      logit: "deviance" in fit ? { deviance: fit.deviance, nullDeviance: fit.nullDeviance } : undefined,
    },
    warnings,
  );
  const result: FitResult = {
    outcome: frame.responseLabel,
    n: fit.n,
    n_dropped: frame.nDropped,
    rank: fit.rank,
    df_residual: fit.dfResidual,
    family,
    se_type: fit.variance.seType,
    dist,
    conf_level: level,
    n_clusters: fit.variance.nClusters ?? null,
    r_squared: "rSquared" in fit ? fit.rSquared : null,
    df_rule: dfRule(dist, fit.variance.seType),
    model: summary,
    factors: fitFactors(frame),
    coefficients,
    vcov: { terms: vcovTerms, matrix: toRows(fit.variance.matrix) },
    ...fields,
    warnings,
  };
  if (options.tests?.length) {
    result.tests = options.tests.map((text) => {
      const h = parseLinearHypothesis(text, vcovTerms);
      const test = waldTest({ names: vcovTerms, estimates, vcov: fit.variance.matrix, dfResidual: family === "binomial" ? undefined : fit.dfResidual, nClusters: fit.variance.nClusters }, h);
      return { hypothesis: text.trim(), restrictions: h.restrictions, ...test };
    });
  }
  if (options.marginalEffect !== undefined) {
    if (family !== "binomial") {
      throw inputError("a marginal effect is reported for logit models only", {
        hint: "in a linear model the coefficient already is the effect on the probability scale",
      });
    }
    result.marginal_effect = averageMarginalEffect(frame, fit as LogitFit, options.marginalEffect, level);
  }
  if (options.randomisationInference) {
    result.randomisation_inference = fitRandomisationInference(frame, built.matrix, options.randomisationInference, level, warnings);
  }
  return result;
}

/** The df of a fit's reference distribution, in words (estimatr's rules). */
function dfRule(dist: "t" | "z", seType: string): string {
  if (dist === "z") return "normal (z): no df";
  if (seType === "CR2") return "Bell–McCaffrey df for each coefficient";
  if (seType === "CR0" || seType === "stata") return "clusters − 1";
  return "residual df (n − k)";
}
