import { analysisError, inputError } from "../errors.js";
import { requireVaryingOutcome } from "../stats/design-checks.js";
import { WEAK_INSTRUMENT_F } from "../stats/fit-estimator.js";
import type { FirstStageStatistic } from "../stats/iv/instrument-diagnostics.js";
import { fitTwoStageLeastSquares } from "../stats/iv/two-stage-least-squares.js";
import { zeros } from "../stats/linalg/dense.js";
import { armSummaries } from "./arm-summaries.js";
import { ARM, effectDesign } from "./effect-design.js";
import type { EffectInput } from "./effect-input.js";
import { restated } from "./restated.js";
import { armCoefficient } from "./arm-coefficient.js";
import { type TreatmentEffect, requireBothArms } from "./treatment-effect.js";

/**
 * The complier average causal effect of an input (docs/statistics.md#two-stage-least-squares-and-the-complier-average-causal-effect):
 * two-stage least squares with the randomised arm T instrumenting take-up D, the ITT model's
 * covariates and strata X exogenous on both sides —
 *
 *   y = α + δD + Xβ + e,  instruments (1, T, X):  `estimatr::iv_robust(y ~ D + X | T + X)`,
 *
 * with the input's variance estimator on the second stage. δ̂ is the ITT on y over the ITT on
 * take-up (adjusted for X): under the exclusion restriction and monotonicity, the effect of taking
 * the service up among those who take it up because they were offered it. Beside it the take-up
 * in each arm (a share, weighted as the analysis is) and the first-stage F of take-up on the arm;
 * a first stage with F below 10 gives a warning (Staiger & Stock 1997).
 *
 * @example
 * const e = complierEffect(input, engaged, "engaged"); // engaged: 0/1 per analysed row
 * e.estimate.estimate; e.takeUp.treated; e.firstStage?.statistic;
 */
export interface ComplierEffect extends TreatmentEffect {
  /** Mean take-up in each arm of the rows analysed (weighted as the analysis is). */
  takeUp: { control: number; treated: number };
  /** The first-stage F test of take-up on the arm. */
  firstStage: FirstStageStatistic;
}

/** Take-up's column in the second stage: a name no data column can have. */
const TAKE_UP = ".take_up";

export function complierEffect(input: EffectInput, takeUp: Float64Array, takeUpName: string): ComplierEffect {
  const where = input.where ?? input.outcomeName;
  if (input.model !== "ols") throw inputError(`${where}: the complier average causal effect is estimated by two-stage least squares, and this outcome is modelled by a logit`, { hint: "estimate the CACE for outcomes modelled by least squares" });
  for (let i = 0; i < takeUp.length; i++) {
    if (takeUp[i] !== 0 && takeUp[i] !== 1) {
      throw inputError(`the take-up ${takeUpName} is ${Number.isNaN(takeUp[i]) ? "missing" : takeUp[i]} for ${input.describeRow?.(i) ?? `row ${i + 1}`}`, {
        hint: "take-up must be 0 or 1 for every participant analysed (e.g. engaged with the service or not, from the provider's records)",
      });
    }
  }
  requireBothArms(input);
  requireVaryingOutcome(input.y, input.outcomeName, { where: input.where });
  // the same take-up for everyone leaves no compliers: the model would only say that its take-up
  // column is collinear, which reads as a covariate's fault
  if (takeUp.length > 0 && takeUp.every((v) => v === takeUp[0])) {
    throw analysisError(`${where}: the complier average causal effect is not identified: ${takeUpName} is ${takeUp[0]} for everyone analysed, so the arm changed nobody's take-up`, {
      hint: `check ${takeUpName} (are the service's records linked, and coded 1 for those who took it up?), or leave take_up out of the plan`,
    });
  }
  const design = effectDesign(input);
  const instruments = design.matrix;
  const n = instruments.matrix.rows;
  const regressors = zeros(n, instruments.matrix.cols);
  regressors.data.set(instruments.matrix.data);
  regressors.data.set(takeUp, design.armColumn * n);
  const names = instruments.columnNames.map((name) => (name === ARM ? TAKE_UP : name));
  const fit = restated(input, "complier average causal effect", () =>
    fitTwoStageLeastSquares({
      design: regressors,
      names,
      instruments: instruments.matrix,
      instrumentNames: instruments.columnNames,
      y: input.y,
      weights: input.weights,
      clusters: input.clusters,
      seType: input.seType,
      hasIntercept: instruments.hasIntercept,
      describeRow: input.describeRow,
    }),
  );
  const estimate = armCoefficient(fit, design.armColumn, input.y, where, "complier average causal effect");
  const firstStage = { ...fit.diagnostics.first_stage[0], regressor: takeUpName };
  const warnings = [...design.warnings];
  if (firstStage.statistic === null) {
    warnings.push(`${where}: the first-stage F statistic of ${takeUpName} on the arm cannot be computed (the variance of the arm's coefficient is singular)`);
  } else if (firstStage.statistic < WEAK_INSTRUMENT_F) {
    warnings.push(
      `${where}: weak instrument: the first-stage F statistic of ${takeUpName} on the arm is ${firstStage.statistic.toPrecision(3)}, below ${WEAK_INSTRUMENT_F} (Staiger & Stock 1997), so the complier average causal effect is biased toward OLS and its tests and intervals are unreliable`,
    );
  }
  const takeUpByArm = armSummaries(takeUp, input.arm, input.weights);
  const { control, treated } = armSummaries(input.y, input.arm, input.weights);
  return {
    estimate,
    control,
    treated,
    aliased: fit.aliased.map((j) => names[j]),
    warnings,
    takeUp: { control: takeUpByArm.control.mean, treated: takeUpByArm.treated.mean },
    firstStage,
  };
}
