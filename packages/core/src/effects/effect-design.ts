import { type Column, makeTable, numericColumn, textColumn } from "../data/table.js";
import { inputError } from "../errors.js";
import type { DesignContext } from "../stats/design-checks.js";
import { type ModelDesign, modelDesign } from "../stats/model-design.js";
import { type ModelSpec, column, factorOf, modelTerms } from "../stats/formula/model-spec.js";
import type { VariableExpr } from "../stats/formula/parse.js";
import type { Terms } from "../stats/formula/terms.js";
import type { DesignColumn, EffectInput } from "./effect-input.js";

/** The arm's column in effect models: a name no data column can have, printed as "the trial arm". */
export const ARM = ".treated";

/**
 * The model of an effect input, specified as data (stats/formula/model-spec.ts), never as a formula
 * string: `y ~ arm + covariates + strata`, or with a subgroup S `y ~ arm * S + covariates + strata`
 * (S left out of the others if it is one of them). The arm is the first term, so its column follows
 * the intercept (`assign` 1) — what Lin's design (stats/lin-adjustment.ts) expects of its treatment.
 *
 * `effectModel` gives the terms, the design columns and reference levels, and the design checks'
 * wording (what a cache key needs, before any matrix is built); `buildEffectDesign` builds the frame
 * and design matrix with the checks (stats/model-design.ts); `effectDesign` does both for an
 * ordinary least-squares model, as Lin's adjustment, the CACE, randomisation inference and the
 * bootstrap start from it.
 *
 * @example
 * const { matrix, frame, clusters } = effectDesign(input);
 * matrix.columnNames; // ["(Intercept)", ".treated", "age", "genderM", "siteWMCA"]
 */
export interface EffectModel {
  terms: Terms;
  /** Covariates, strata and the subgroup: every design column of the model's table besides y and the arm. */
  columns: readonly DesignColumn[];
  reference: Map<string, string>;
  checks: DesignContext;
}

export function effectModel(input: EffectInput, subgroup?: DesignColumn): EffectModel {
  const others = [...input.covariates, ...input.strata].filter((c) => c.name !== subgroup?.name);
  const spec: ModelSpec = {
    response: column(input.outcomeName),
    terms: [[column(ARM)], ...(subgroup ? [[variableOf(subgroup)], [column(ARM), variableOf(subgroup)]] : []), ...others.map((c) => [variableOf(c)])],
  };
  const columns = [...others, ...(subgroup ? [subgroup] : [])];
  const reference = new Map<string, string>();
  for (const c of columns) if (c.kind === "categorical" && c.reference !== undefined) reference.set(c.name, c.reference);
  const checks: DesignContext = {
    where: input.where ?? "",
    row: (k) => ({ words: input.describeRow?.(k) }),
    columnLabel: (name) => (name === ARM ? "the trial arm" : name),
    armColumn: ARM,
  };
  return { terms: modelTerms(spec), columns, reference, checks };
}

/** The model frame and design matrix of an effect model, checked (a logit's checks are a logit's). */
export function buildEffectDesign(input: EffectInput, model: EffectModel, logit = false): ModelDesign {
  const where = input.where ?? "";
  const table = makeTable(where || "effect model", tableColumns(input, model.columns));
  const design = modelDesign(table, model.terms, {
    weights: input.weights ? WEIGHTS : undefined,
    cluster: input.clusters ? CLUSTERS : undefined,
    clusterLabel: input.clusters?.label,
    family: logit ? "binomial" : "gaussian",
    reference: model.reference,
    seType: logit ? "stata" : input.seType,
    checks: () => model.checks,
  });
  if (design.frame.nDropped > 0) throw new Error(`internal: ${design.frame.nDropped} rows dropped from an effect model whose inputs have no missing values (${where})`);
  return design;
}

/** The checked design of `y ~ arm + covariates + strata` for least squares, with the arm's column. */
export function effectDesign(input: EffectInput): ModelDesign & { armColumn: number } {
  const design = buildEffectDesign(input, effectModel(input));
  return { ...design, armColumn: design.matrix.columnNames.indexOf(ARM) };
}

const WEIGHTS = ".weight";
const CLUSTERS = ".cluster";

/** A design column as a model variable: categorical numeric codes through factor(), text as it is. */
function variableOf(c: DesignColumn): VariableExpr {
  return c.kind === "categorical" && c.values instanceof Float64Array ? factorOf(c.name) : column(c.name);
}

function tableColumns(input: EffectInput, columns: readonly DesignColumn[]): Map<string, Column> {
  const out = new Map<string, Column>();
  out.set(input.outcomeName, numericColumn(input.outcomeName, input.y));
  out.set(ARM, numericColumn(ARM, Float64Array.from(input.arm)));
  for (const c of columns) {
    if (c.name.includes("`")) throw inputError(`the variable name ${c.name} contains a back-quote, which trialstat cannot use in a model`, { hint: "rename the variable" });
    out.set(c.name, c.values instanceof Float64Array ? numericColumn(c.name, c.values) : textColumn(c.name, c.values));
  }
  if (input.weights) out.set(WEIGHTS, numericColumn(WEIGHTS, input.weights));
  const clusters = input.clusters;
  if (clusters) {
    const levels = clusters.levels;
    out.set(CLUSTERS, levels ? textColumn(CLUSTERS, Array.from(clusters.codes, (c) => levels[c])) : numericColumn(CLUSTERS, Float64Array.from(clusters.codes)));
  }
  return out;
}
