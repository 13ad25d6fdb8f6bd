import { inputError } from "../errors.js";
import type { ModelMatrix } from "./formula/model-matrix.js";
import { formulaError, parseFormula, variableLabel } from "./formula/parse.js";
import { type Terms, combineTerms, expandFormula } from "./formula/terms.js";
import { type DenseMatrix, zeros } from "./linalg/dense.js";

/**
 * Lin's (2013) covariate adjustment: the treatment interacted with mean-centred covariates, exactly
 * as `estimatr::lm_lin` builds it (docs/statistics.md#lin-2013-covariate-adjustment).
 *
 * From the model matrix of `y ~ treatment + covariates` (R's model.matrix of the combined formula,
 * so factor covariates are already expanded to treatment-contrast dummies):
 *
 * - the treatment columns are those of the first term (a 0/1 variable, or a factor's dummies); a
 *   numeric treatment with values other than 0 and 1 becomes one indicator per value (`treat2`,
 *   `treat3`), the first dropped when the model has an intercept;
 * - every other column except the intercept is a covariate, centred at its mean over the estimation
 *   sample — the weighted mean Σwx/Σw when weighted — and named `x1_c`, or `(x1:x2)_c`,
 *   `(factor(g)B)_c` when the name holds ":" or a "(" after its first character;
 * - the design is [(Intercept), treatment, centred covariates, treatment × centred covariates], the
 *   interactions named `treat:x1_c`, covariate by covariate, each over the treatment columns.
 *   Without an intercept it is [treatment, centred, interactions] for one treatment column and
 *   [treatment, interactions] for several (their indicators already span the intercept).
 *
 * The treatment coefficient is then the average treatment effect over the sample's covariate
 * distribution, and HC2 (CR2 with clusters) is a conservative variance for it (Lin 2013).
 *
 * @example
 * // y ~ treat + x1 + g (g in A, B, C)
 * linDesign(modelMatrix).columnNames;
 * // ["(Intercept)", "treat", "x1_c", "gB_c", "gC_c", "treat:x1_c", "treat:gB_c", "treat:gC_c"]
 */
export interface LinDesign {
  readonly matrix: DenseMatrix;
  readonly columnNames: readonly string[];
  readonly hasIntercept: boolean;
  /** The treatment columns (indicators), e.g. ["treat"] or ["factor(arm)B", "factor(arm)C"]. */
  readonly treatment: readonly string[];
  /** Each covariate column (model-matrix name) and the mean it was centred at. */
  readonly centres: readonly { term: string; centre: number }[];
}

/**
 * The terms of Lin's model: `formula` must have the treatment alone on its right-hand side and
 * `covariates` is one-sided (`~ x1 + x2`); together they are `y ~ treatment + x1 + x2`.
 */
export function linTerms(formula: string, covariates: string): Terms {
  const treatment = expandFormula(formula);
  if (treatment.variables.length !== 1) {
    throw inputError(
      treatment.variables.length === 0
        ? "Lin's adjustment needs the treatment on the right-hand side of the formula"
        : `Lin's adjustment takes the treatment alone on the right-hand side of the formula, which names ${treatment.variables.length} variables (${treatment.variableLabels.join(", ")})`,
      { hint: `write the formula as outcome ~ treatment and list the covariates separately: ~ ${treatment.variableLabels.slice(1).join(" + ") || "x1 + x2"}` },
    );
  }
  const parsed = parseFormula(covariates);
  if (parsed.response) {
    throw formulaError(covariates, 0, "the covariates of Lin's adjustment take no outcome", `write them as a one-sided formula: ~ ${covariates.slice(covariates.indexOf("~") + 1).trim()}`);
  }
  const extra = expandFormula(parsed);
  if (extra.terms.length === 0) {
    throw formulaError(covariates, covariates.indexOf("~") + 1, "no covariates", "list at least one covariate, e.g. ~ x1 + x2");
  }
  const outcome = treatment.response && variableLabel(treatment.response);
  const clash = extra.variableLabels.find((label) => label === treatment.variableLabels[0] || label === outcome);
  if (clash !== undefined) {
    throw inputError(`${clash} is ${clash === treatment.variableLabels[0] ? "the treatment" : "the outcome"} and cannot also be a covariate of Lin's adjustment`, {
      hint: "remove it from the covariates",
    });
  }
  return combineTerms(treatment, extra);
}

/**
 * Lin's design from the model matrix of `y ~ treatment + covariates` (the treatment its first
 * term, `assign` 1), with the weights of a weighted fit for the centres.
 */
export function linDesign(design: ModelMatrix, weights?: Float64Array): LinDesign {
  const { matrix, columnNames, assign, hasIntercept } = design;
  const n = matrix.rows;
  const col = (j: number) => matrix.data.subarray(j * n, (j + 1) * n);
  const treatmentIndex = columnNames.map((_, j) => j).filter((j) => assign[j] === 1);
  if (treatmentIndex.length === 0) throw inputError("Lin's adjustment needs the treatment on the right-hand side of the formula");

  let treatment: { name: string; values: Float64Array }[] = treatmentIndex.map((j) => ({ name: columnNames[j], values: col(j) }));
  if (treatment.some((t) => t.values.some((v) => v !== 0 && v !== 1))) treatment = treatmentIndicators(treatment[0], hasIntercept);

  const covariates = columnNames.map((_, j) => j).filter((j) => assign[j] !== 1 && assign[j] !== 0);
  const centres = covariates.map((j) => ({ term: columnNames[j], centre: mean(col(j), weights) }));
  const centred = covariates.map((j, k) => {
    const x = col(j);
    const c = centres[k].centre;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = x[i] - c;
    return { name: centredName(columnNames[j]), values: out };
  });
  const interactions = centred.flatMap((cov) =>
    treatment.map((t) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = t.values[i] * cov.values[i];
      return { name: `${t.name}:${cov.name}`, values: out };
    }),
  );

  const columns = [
    ...(hasIntercept ? [{ name: "(Intercept)", values: new Float64Array(n).fill(1) }] : []),
    ...treatment,
    ...(hasIntercept || treatment.length === 1 ? centred : []),
    ...interactions,
  ];
  const out = zeros(n, columns.length);
  columns.forEach((c, j) => out.data.set(c.values, j * n));
  return { matrix: out, columnNames: columns.map((c) => c.name), hasIntercept, treatment: treatment.map((t) => t.name), centres };
}

/** estimatr's name of a centred covariate: `x1_c`, or `(name)_c` when the name holds ":" or a "(" after its start. */
export function centredName(name: string): string {
  return /:|^.+\(/.test(name) ? `(${name})_c` : `${name}_c`;
}

/** One indicator per value of a numeric treatment (the first value dropped with an intercept), named `treat2` as R pastes numbers. */
function treatmentIndicators(treatment: { name: string; values: Float64Array }, hasIntercept: boolean): { name: string; values: Float64Array }[] {
  const values = [...new Set(treatment.values)].sort((a, b) => a - b);
  return values.slice(hasIntercept ? 1 : 0).map((v) => ({
    name: `${treatment.name}${String(Number(v.toPrecision(15)))}`,
    values: Float64Array.from(treatment.values, (x) => (x === v ? 1 : 0)),
  }));
}

/** The mean, or the weighted mean Σwx/Σw (R's colMeans, weighted.mean). */
function mean(x: Float64Array, weights: Float64Array | undefined): number {
  let sx = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights ? weights[i] : 1;
    sx += w * x[i];
    sw += w;
  }
  return sx / sw;
}
