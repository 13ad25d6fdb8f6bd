import { analysisError } from "../errors.js";
import { byArm } from "../link/flow.js";
import { outcomeSpread, requireStandardError, requireVaryingOutcome } from "../stats/design-checks.js";
import { type ArmSummary, armSummaries, levelArmSummaries } from "./arm-summaries.js";
import type { DesignColumn, EffectInput } from "./effect-input.js";
import { type EffectEstimate, fitEffectModel } from "./effect-model.js";

/**
 * The intention-to-treat effect of an input (docs/statistics.md#the-itt-estimator): the coefficient
 * on the arm in `y ~ arm + covariates + strata` by OLS (for a binary outcome, the linear probability
 * model), or a logit's average marginal effect, with the input's variance estimator; beside it the
 * outcome's mean and SD in each arm of the rows analysed (weighted when the input is).
 *
 * A design that cannot support the effect's variance (a constant outcome, a standard error that
 * is zero or rounding error) is an analysis error, never an estimate with stars.
 *
 * @example
 * const e = treatmentEffect({ outcomeName: "y", y, arm, covariates: [{ name: "age", kind: "numeric", values: age }], strata: [], model: "ols", seType: "HC2" });
 * e.estimate.estimate; e.estimate.se; e.control.mean;
 */
export interface TreatmentEffect {
  estimate: EffectEstimate;
  control: ArmSummary;
  treated: ArmSummary;
  /** Design columns left out as collinear with earlier ones (R's NA); the effect is unaffected. */
  aliased: string[];
  /** Warnings of the design checks (few clusters). */
  warnings: string[];
}

export function treatmentEffect(input: EffectInput): TreatmentEffect {
  requireBothArms(input);
  requireVaryingOutcome(input.y, input.outcomeName, { where: input.where });
  const inArm = byArm(input.arm);
  requireTwoInEachArm(input, inArm.control, inArm.treated, input.where ?? input.outcomeName);
  const fitted = fitEffectModel(input);
  requireStandardError(fitted.main.se, outcomeSpread(input.y), input.where ?? input.outcomeName);
  const { control, treated } = armSummaries(input.y, input.arm, input.weights);
  return { estimate: fitted.main, control, treated, aliased: fitted.aliased, warnings: fitted.designWarnings };
}

/**
 * The treatment effect in each level of a subgroup S (docs/statistics.md#subgroups-and-interaction-tests):
 * from `y ~ arm * S + covariates + strata`, the effect in level s is β_arm + β_arm:S=s, its SE from
 * the same variance matrix; heterogeneity is the joint Wald test that every arm:S term is 0 (F on
 * (q, n − k) for OLS, χ² for a logit). The input's rows must all have a level of S (the caller
 * leaves out those missing it, and counts them).
 */
export interface SubgroupEffects {
  subgroup: string;
  levels: { level: string; estimate: EffectEstimate; control: ArmSummary; treated: ArmSummary }[];
  interactionP: number | null;
  aliased: string[];
  warnings: string[];
}

export function subgroupEffects(input: EffectInput, subgroup: DesignColumn): SubgroupEffects {
  requireBothArms(input);
  requireVaryingOutcome(input.y, input.outcomeName, { where: input.where });
  const where = `${input.where ?? input.outcomeName}, subgroup ${subgroup.name}`;
  // before the fit, whose HC2/HC3 would stop at the lone participant's leverage with a remedy (HC1) this refuses too
  const levelOf = levelCodes(subgroup.values);
  levelArmCounts(input.arm, levelOf.codes, levelOf.levels.length).forEach((n, l) => {
    if (n.control > 0 && n.treated > 0) requireTwoInEachArm(input, n.control, n.treated, `${where} = ${levelOf.levels[l]}`);
  });
  const fitted = fitEffectModel({ ...input, where }, subgroup);
  const summaries = levelArmSummaries(input.y, input.arm, input.weights, fitted.codes, fitted.levels.length);
  const spread = outcomeSpread(input.y);
  const levels = fitted.levels.map(({ level, estimate }, l) => {
    const { control, treated } = summaries[l];
    if (control.n === 0 || treated.n === 0) {
      throw analysisError(`${where} = ${level} has no ${control.n === 0 ? "control" : "treated"} participants with ${input.outcomeName}`, {
        hint: "an effect cannot be estimated in this level: merge it with another level (recode) or drop the subgroup from the plan",
      });
    }
    requireStandardError(estimate.se, spread, `${where} = ${level}`);
    return { level, estimate, control, treated };
  });
  return { subgroup: subgroup.name, levels, interactionP: fitted.interactionP, aliased: fitted.aliased, warnings: fitted.designWarnings };
}

/**
 * With a robust or cluster-robust variance, at least two participants in each arm behind an effect:
 * a lone participant has leverage 1 on it, is fitted exactly (residual 0), and HC0/HC1/CR standard
 * errors leave their variance out, so that one treated participant gives a "significant" effect
 * (HC2 and HC3 refuse at the leverage instead). The classical variance pools the residuals and stays.
 */
function requireTwoInEachArm(input: EffectInput, nControl: number, nTreated: number, what: string): void {
  if (input.model === "logit" || input.seType === "classical" || (nControl > 1 && nTreated > 1)) return;
  const arm = nTreated <= 1 ? "treated" : "control";
  throw analysisError(`${what}: only one ${arm} participant with ${input.outcomeName}, whose residual is 0 by construction, so a ${input.seType} standard error cannot be estimated (HC0, HC1 and cluster-robust ones leave that participant's variance out; HC2 and HC3 divide by zero)`, {
    hint: "an effect needs at least two participants in each arm: merge this subgroup level with another (recode), or drop the subgroup or outcome from the plan",
  });
}

/** Rows in each arm, by level (codes in 0..levels−1). */
function levelArmCounts(arm: Uint8Array, codes: Int32Array, levels: number): { control: number; treated: number }[] {
  const counts = Array.from({ length: levels }, () => ({ control: 0, treated: 0 }));
  for (let i = 0; i < arm.length; i++) {
    const c = counts[codes[i]];
    if (arm[i]) c.treated++;
    else c.control++;
  }
  return counts;
}

/**
 * Each row's level of a subgroup column, with the levels (as text) in order of appearance. Kept by
 * column: every outcome analysed on the same rows brings the same column (analysis/kinds/itt.ts).
 */
function levelCodes(values: DesignColumn["values"]): { codes: Int32Array; levels: string[] } {
  const known = levelCodesOf.get(values);
  if (known) return known;
  const index = new Map<unknown, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let code = index.get(values[i]);
    if (code === undefined) index.set(values[i], (code = index.size));
    codes[i] = code;
  }
  const coded = { codes, levels: [...index.keys()].map(String) };
  levelCodesOf.set(values, coded);
  return coded;
}

const levelCodesOf = new WeakMap<object, { codes: Int32Array; levels: string[] }>();

/** Both arms among the input's rows, else an analysis error. */
export function requireBothArms(input: EffectInput): void {
  const { treated } = byArm(input.arm);
  if (treated === 0 || treated === input.arm.length) {
    throw analysisError(`no ${treated === 0 ? "treated" : "control"} participants are left to analyse${input.where ? ` (${input.where})` : ""}`, {
      hint: "check the population's filter, the survey response and the outcome's missing values",
    });
  }
}

