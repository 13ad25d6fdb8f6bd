import { inputError } from "../errors.js";
import { requireVaryingOutcome } from "../stats/design-checks.js";
import { linDesign } from "../stats/lin-adjustment.js";
import { fitLinearModel } from "../stats/linear-model.js";
import { armSummaries } from "./arm-summaries.js";
import { ARM, effectDesign } from "./effect-design.js";
import type { EffectInput } from "./effect-input.js";
import { restated } from "./restated.js";
import { armCoefficient } from "./arm-coefficient.js";
import { type TreatmentEffect, requireBothArms } from "./treatment-effect.js";

/**
 * The treatment effect of an input by Lin's (2013) adjustment (docs/statistics.md#lin-2013-covariate-adjustment):
 * the arm interacted with the mean-centred covariates and strata of the ITT model,
 *
 *   y = α + τT + (x − x̄)'β + T·(x − x̄)'γ + e,
 *
 * x every column of the ITT's design but the intercept and the arm (covariates, missing-value
 * indicators, strata and factor dummies), x̄ their (weighted) means over the rows analysed; τ̂ by
 * (weighted) least squares with the input's variance estimator — `estimatr::lm_lin(y ~ T,
 * covariates = ~ x1 + x2 + …)`. Beside it the outcome's mean and SD in each arm, as for the ITT.
 *
 * @example
 * const e = linEffect(input); // input as for treatmentEffect, model "ols"
 * e.estimate.estimate; e.estimate.se;
 */
export function linEffect(input: EffectInput): TreatmentEffect {
  const where = input.where ?? input.outcomeName;
  if (input.model !== "ols") throw inputError(`${where}: Lin's adjustment is a linear model, and this outcome is modelled by a logit`, { hint: "estimate Lin's adjustment for outcomes modelled by least squares" });
  requireBothArms(input);
  requireVaryingOutcome(input.y, input.outcomeName, { where: input.where });
  const design = effectDesign(input);
  const lin = linDesign(design.matrix, input.weights);
  const names = lin.columnNames;
  const fit = restated(input, "Lin's adjustment", () =>
    fitLinearModel({ design: lin.matrix, names, y: input.y, weights: input.weights, clusters: input.clusters, seType: input.seType, hasIntercept: lin.hasIntercept, describeRow: input.describeRow }),
  );
  const estimate = armCoefficient(fit, names.indexOf(ARM), input.y, where, "Lin's adjustment");
  const { control, treated } = armSummaries(input.y, input.arm, input.weights);
  return {
    estimate,
    control,
    treated,
    aliased: fit.aliased.map((j) => names[j]),
    warnings: design.warnings,
  };
}
