import type { ArmSummary } from "../../effects/arm-summaries.js";
import type { EffectEstimate } from "../../effects/effect-model.js";
import { significanceStars } from "../../effects/multiplicity.js";
import type { OutcomeSpec } from "../../sap/types.js";
import { confidenceInterval, twoSidedP } from "../../stats/inference.js";
import type { AnalysisId, EffectRow } from "../effect-row.js";
import { effectUnit } from "../units.js";
import type { AnalysisSettings } from "./kind.js";

/**
 * Makes the rows of one outcome in one population, for any estimator of the effect (ITT, Lin's
 * adjustment, the CACE): inference at the plan's levels — t or z on the estimator's df, two-sided
 * p, stars — and the unit applied once (units.ts), with the outcome's mean and SD in each arm of the
 * rows analysed beside it.
 *
 * @example
 * const row = rowMaker(settings, "itt", "all", outcome, control.sd, where);
 * row(estimate, null, null, control, treated, null); // the overall row
 */
export function rowMaker(settings: AnalysisSettings, analysis: AnalysisId, population: string, outcome: OutcomeSpec, controlSd: number, where: string) {
  const { unit, factor } = effectUnit(outcome, controlSd, where);
  return (e: EffectEstimate, subgroup: string | null, level: string | null, control: ArmSummary, treated: ArmSummary, interactionP: number | null): EffectRow => {
    const statistic = e.estimate / e.se;
    const p = twoSidedP(statistic, e.dist, e.df);
    const intervals = settings.levels.map((l) => ({ level: l, ...confidenceInterval(e.estimate, e.se, e.dist, e.df, l) }));
    return {
      population,
      outcome: outcome.name,
      role: outcome.role,
      subgroup,
      level,
      analysis,
      estimate: e.estimate,
      std_error: e.se,
      statistic,
      df: e.df,
      p_value: p,
      p_adjusted: null,
      intervals,
      stars: significanceStars(p),
      effect: e.estimate * factor,
      effect_std_error: e.se * factor,
      effect_unit: unit,
      effect_intervals: intervals.map((i) => ({ level: i.level, low: i.low * factor, high: i.high * factor })),
      effect_size: controlSd > 0 ? e.estimate / controlSd : null,
      control_sd: controlSd,
      control_mean: control.mean,
      treated_mean: treated.mean,
      relative_change: outcome.type === "binary" && control.mean !== 0 ? e.estimate / control.mean : null,
      n_control: control.n,
      n_treated: treated.n,
      n_clusters: e.nClusters,
      weights: outcome.weights ?? null,
      se_type: e.seType,
      dist: e.dist,
      model: outcome.model ?? "ols",
      interaction_p: interactionP,
    };
  };
}
