import { TrialstatError, analysisError } from "../errors.js";
import { checkOutcome } from "../stats/design-checks.js";
import type { ModelFrame } from "../stats/formula/model-frame.js";
import type { Terms } from "../stats/formula/terms.js";
import { type DenseMatrix, zeros } from "../stats/linalg/dense.js";
import { type DesignFactor, type LinearModelFit, type LinearModelInput, fitLinearContrasts, fitLinearModel } from "../stats/linear-model.js";
import { type LogitSeType, determinedWarning, fitLogit } from "../stats/logit.js";
import { averageMarginalEffect } from "../stats/marginal-effect.js";
import type { HeteroskedasticType } from "../stats/variance/heteroskedastic.js";
import type { LinearSeType } from "../stats/variance/types.js";
import { waldTest } from "../stats/wald.js";
import { type LinearDesign, type SubgroupDesign, designKey, sameArm, sameRows } from "./design-cache.js";
import type { DesignColumn, EffectInput } from "./effect-input.js";
import { ARM, buildEffectDesign, effectModel } from "./effect-design.js";

export { ARM };

/** An effect with what its inference needs (docs/statistics.md#the-itt-estimator). */
export interface EffectEstimate {
  estimate: number;
  se: number;
  /** Degrees of freedom of the t reference distribution; null for z. */
  df: number | null;
  dist: "t" | "z";
  seType: string;
  nClusters: number | null;
}

/** The treatment effect of one model overall and, with a subgroup, in each of its levels. */
export interface FittedEffect {
  main: EffectEstimate;
  levels: { level: string; estimate: EffectEstimate }[];
  /** p of the joint Wald test that every treated:subgroup term is 0 (null without a subgroup). */
  interactionP: number | null;
  /** Each row's subgroup level (index into levels), with a subgroup. */
  codes?: ArrayLike<number>;
  /** Design columns left out as collinear with earlier ones (R's NA). */
  aliased: string[];
  /** What the design checks warned of (few clusters). */
  designWarnings: string[];
}

/**
 * Fits the effect model of an input: `y ~ arm + covariates + strata`, or with a subgroup S
 * `y ~ arm * S + covariates + strata` (S left out of the others if it is one of them), by OLS with
 * the input's variance estimator or by a logit whose treatment effect is the average marginal
 * effect. The model is built as data (stats/formula/model-spec.ts), never as a formula string.
 */
export function fitEffectModel(input: EffectInput, subgroup?: DesignColumn): FittedEffect {
  const logit = input.model === "logit";
  const where = input.where ?? "";
  const model = effectModel(input, subgroup);
  const { terms, reference, checks } = model;
  // the same model on the same rows with the same weights and arm is the same design: reuse its factorisation
  const key = logit || !input.designs ? undefined : designKey(terms.termLabels, input, reference);
  const reused = key === undefined ? undefined : (input.designs!.cache.get(key) as LinearDesign | undefined);
  if (reused && sameRows(reused.rowIds, input.designs!.rowIds) && sameArm(reused.arm, input.arm)) {
    // the design was checked when it was built; the new outcome is checked here
    checkOutcome(input.y, input.outcomeName, checks);
    return { ...linearEffects(reused, input, where), designWarnings: reused.warnings };
  }

  const { frame: mf, matrix: mm, warnings: designWarnings } = buildEffectDesign(input, model, logit);
  const clusters = input.clusters;
  const names = mm.columnNames;
  const treatedIndex = names.indexOf(ARM);
  const sg = subgroup ? subgroupInfo(mf, terms, names) : undefined;

  if (logit) {
    const seType: LogitSeType = clusters ? "stata" : input.seType === "HC1" || input.seType === "classical" || input.seType === "HC0" ? input.seType : "HC0";
    const fit = fitLogit({ design: mm.matrix, names, y: mf.response, weights: mf.weights, clusters, seType, hasIntercept: mm.hasIntercept, terms: { assign: mm.assign, labels: terms.termLabels } });
    assertEstimated(fit.kept, treatedIndex, where);
    const level = 0.95;
    const ame = averageMarginalEffect(mf, fit, ARM, level);
    const est = (m: { estimate: number; std_error: number }): EffectEstimate => ({ estimate: m.estimate, se: m.std_error, df: null, dist: "z", seType: fit.variance.seType, nClusters: fit.variance.nClusters ?? null });
    const aliased = fit.aliased.map((j) => names[j]);
    const determined = determinedWarning(fit);
    const warnings = determined ? [...designWarnings, `${where}: ${determined}`] : designWarnings;
    if (!sg) return { main: est(ame), levels: [], interactionP: null, aliased, designWarnings: warnings };
    const levels = sg.levels.map((lv) => ({ level: lv.level, estimate: est(averageMarginalEffect(mf, fit, ARM, level, lv.rows)) }));
    return { main: est(ame), levels, interactionP: interactionTest(fit.kept, fit.coefficients, fit.variance.matrix, sg.interactionColumns, names, undefined), codes: sg.codes, aliased, designWarnings: warnings };
  }

  const contrasts = sg ? sg.levels.map((lv) => indicatorVector(lv.columns, names.length)) : [];
  const design: LinearDesign = {
    rowIds: input.designs?.rowIds ?? new Int32Array(0),
    arm: input.arm,
    matrix: mm.matrix,
    names,
    hasIntercept: mm.hasIntercept,
    weights: mf.weights,
    clusters,
    treatedIndex,
    sg,
    contrasts,
    warnings: designWarnings,
  };
  return { ...linearEffects(design, input, where, key), designWarnings };
}

function linearEffects(design: LinearDesign, input: EffectInput, where: string, key?: string): Omit<FittedEffect, "designWarnings"> {
  const { names, treatedIndex, sg, contrasts } = design;
  const lmInput: LinearModelInput = {
    design: design.matrix,
    names,
    y: input.y,
    weights: design.weights,
    clusters: design.clusters,
    seType: input.seType,
    hasIntercept: design.hasIntercept,
    contrasts,
    factor: design.factor,
    describeRow: input.describeRow,
    // the matrix was built for this design alone; once weighted it is kept only for its shape
    scaleInPlace: !design.factor,
  };
  // HC estimators: only the variances of the treatment and interaction coefficients are needed
  const hc = !design.clusters && isHeteroskedastic(lmInput.seType) ? { seType: lmInput.seType } : undefined;
  const directions = hc ? [treatedIndex, ...(sg?.interactionColumns ?? [])].map((j) => indicatorVector([j], names.length)) : [];
  let fitted: Omit<LinearModelFit, "variance" | "rSquared" | "adjRSquared" | "residuals"> & { variance?: LinearModelFit["variance"]; contrastVariance?: DenseMatrix; df?: number };
  try {
    fitted = hc ? fitLinearContrasts({ ...lmInput, seType: hc.seType }, directions) : fitLinearModel(lmInput);
  } catch (e) {
    // say which model failed; the remedies stay structured for the front end to word
    if (!(e instanceof TrialstatError) || !where) throw e;
    throw e.restated(`${where}: ${e.message}`);
  }
  if (key !== undefined && !design.factor && fitted.factor) input.designs!.cache.set(key, { ...design, factor: fitted.factor });
  assertEstimated(fitted.kept, treatedIndex, where);
  const k = fitted.kept.length;
  const slot = fitted.kept.indexOf(treatedIndex);
  // variance of the sum of two coefficients (design columns), either of which may be left out (−1)
  let varianceOf: (a: number, b: number) => number;
  let seType: string;
  let df: number;
  let nClusters: number | null = null;
  if (fitted.contrastVariance) {
    const W = fitted.contrastVariance;
    const m = W.rows;
    const at = (j: number) => (j === treatedIndex ? 0 : 1 + sg!.interactionColumns.indexOf(j));
    varianceOf = (a, b) => (b < 0 ? W.data[at(a) * (m + 1)] : W.data[at(a) * (m + 1)] + 2 * W.data[at(a) + at(b) * m] + W.data[at(b) * (m + 1)]);
    seType = lmInput.seType;
    df = fitted.df!;
  } else {
    const variance = fitted.variance!;
    const V = variance.matrix;
    varianceOf = (a, b) => {
      const c = fitted.kept.map((j) => (j === a || j === b ? 1 : 0));
      let v = 0;
      for (let x = 0; x < k; x++) for (let z = 0; z < k; z++) v += c[x] * V.data[x + z * k] * c[z];
      return v;
    };
    seType = variance.seType;
    df = variance.df[slot];
    nClusters = variance.nClusters ?? null;
  }
  const main: EffectEstimate = {
    estimate: fitted.coefficients[treatedIndex],
    se: Math.sqrt(fitted.contrastVariance ? varianceOf(treatedIndex, -1) : fitted.variance!.matrix.data[slot + slot * k]),
    df,
    dist: "t",
    seType,
    nClusters,
  };
  const aliased = fitted.aliased.map((j) => names[j]);
  if (!sg) return { main, levels: [], interactionP: null, aliased };
  const beta = fitted.kept.map((j) => fitted.coefficients[j]);
  const levels = sg.levels.map((lv, idx) => {
    const c = fitted.kept.map((j) => contrasts[idx][j]);
    let est = 0;
    for (let a = 0; a < k; a++) est += c[a] * beta[a];
    const other = lv.columns.find((j) => j !== treatedIndex && fitted.kept.includes(j)) ?? -1;
    const contrastDf = fitted.variance?.contrastDf;
    return { level: lv.level, estimate: { ...main, estimate: est, se: Math.sqrt(varianceOf(treatedIndex, other)), df: contrastDf ? contrastDf[idx] : df } };
  });
  const interactionP = fitted.contrastVariance
    ? interactionTestOfContrasts(fitted.kept, fitted.coefficients, fitted.contrastVariance, sg.interactionColumns, names, fitted.dfResidual)
    : interactionTest(fitted.kept, fitted.coefficients, fitted.variance!.matrix, sg.interactionColumns, names, fitted.dfResidual);
  return { main, levels, interactionP, codes: sg.codes, aliased };
}

function isHeteroskedastic(se: LinearSeType): se is HeteroskedasticType {
  return se === "HC0" || se === "HC1" || se === "HC2" || se === "HC3";
}

/** A contrast summing the given design columns. */
function indicatorVector(columns: number[], p: number): Float64Array {
  const c = new Float64Array(p);
  for (const j of columns) c[j] = 1;
  return c;
}

/** The arm's coefficient must be estimable (not collinear with the covariates or strata). */
export function assertEstimated(kept: readonly number[], treatedIndex: number, where: string): void {
  if (!kept.includes(treatedIndex)) {
    throw analysisError(`the treatment effect is not identified (${where}): the treatment indicator is collinear with the covariates`, {
      hint: "a covariate or stratum determines the arm in this population; remove it from the model",
    });
  }
}

/** The levels of the subgroup factor, which rows are in each, and the design columns of each level's effect. */
function subgroupInfo(mf: ModelFrame, terms: Terms, names: readonly string[]): SubgroupDesign {
  // the subgroup is the second variable of the arm × S term
  const interaction = terms.terms.find((t) => t.length === 2 && terms.variableLabels[t[0]] === ARM)!;
  const sIndex = interaction[1];
  const v = mf.variables[sIndex];
  if (v.kind !== "factor") throw new Error("internal: subgroup variable is not a factor");
  const label = terms.variableLabels[sIndex];
  const treatedColumn = names.indexOf(ARM);
  const interactionColumns: number[] = [];
  const levels = v.levels.map((level, l) => {
    const columns = [treatedColumn];
    if (l > 0) {
      const j = names.indexOf(`${ARM}:${label}${level}`);
      columns.push(j);
      interactionColumns.push(j);
    }
    return { level, columns, rows: (k: number) => v.codes[k] === l };
  });
  return { levels, interactionColumns, codes: v.codes };
}

function interactionTest(kept: readonly number[], coefficients: Float64Array, V: { data: Float64Array; rows: number; cols: number }, columns: number[], names: readonly string[], dfResidual: number | undefined): number | null {
  const estimable = columns.filter((j) => kept.includes(j));
  if (estimable.length === 0) return null;
  const result = waldTest(
    { names: kept.map((j) => names[j]), estimates: kept.map((j) => coefficients[j]), vcov: V as never, dfResidual },
    { terms: estimable.map((j) => names[j]) },
  );
  return result.p_value;
}

/**
 * interactionTest from C'VC over [treated, interaction columns…] (fitLinearContrasts) instead of the
 * whole variance matrix: the Wald test only reads the interaction terms' block.
 */
function interactionTestOfContrasts(kept: readonly number[], coefficients: Float64Array, W: DenseMatrix, columns: number[], names: readonly string[], dfResidual: number): number | null {
  const estimable = columns.filter((j) => kept.includes(j));
  if (estimable.length === 0) return null;
  const q = estimable.length;
  const vcov = zeros(q, q);
  const at = estimable.map((j) => 1 + columns.indexOf(j));
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) vcov.data[a + b * q] = W.data[at[a] + at[b] * W.rows];
  const terms = estimable.map((j) => names[j]);
  return waldTest({ names: terms, estimates: estimable.map((j) => coefficients[j]), vcov, dfResidual }, { terms }).p_value;
}

export type { DesignFactor };
