import { outcomeSpread, requireStandardError } from "../stats/design-checks.js";
import type { LinearModelFit } from "../stats/linear-model.js";
import { type EffectEstimate, assertEstimated } from "./effect-model.js";

/**
 * The arm's coefficient of a least-squares fit (Lin's design, the second stage of 2SLS) as an
 * effect: it must be estimable, and its standard error more than rounding error (`what` names the
 * model in messages).
 *
 * @example
 * armCoefficient(fit, 1, input.y, "outcome y, population all", "Lin's adjustment"); // { estimate, se, df, dist: "t", … }
 */
export function armCoefficient(fit: Pick<LinearModelFit, "kept" | "coefficients" | "variance">, column: number, y: Float64Array, where: string, what: string): EffectEstimate {
  assertEstimated(fit.kept, column, where);
  const slot = fit.kept.indexOf(column);
  const k = fit.kept.length;
  const se = Math.sqrt(fit.variance.matrix.data[slot + slot * k]);
  requireStandardError(se, outcomeSpread(y), `${where} (${what})`);
  return { estimate: fit.coefficients[column], se, df: fit.variance.df[slot], dist: "t", seType: fit.variance.seType, nClusters: fit.variance.nClusters ?? null };
}

