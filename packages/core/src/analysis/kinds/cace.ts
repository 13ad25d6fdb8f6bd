import { complierEffect } from "../../effects/complier-effect.js";
import type { EffectRow } from "../effect-row.js";
import { requestedAnalyses } from "../../sap/plan-analyses.js";
import { rowMaker } from "./effect-rows.js";
import { type AnalysisContext, type AnalysisKind, type AnalysisOutput, estimatedOutcomes } from "./kind.js";
import { pick } from "../frame.js";
import { outcomeInput } from "./outcome-input.js";
import { populationWarning } from "./population-warning.js";

/**
 * The complier average causal effect (docs/statistics.md#two-stage-least-squares-and-the-complier-average-causal-effect)
 * beside the ITT, when the plan names a take-up variable (`take_up`): for each outcome and population
 * in its scope, two-stage least squares on the ITT's participants, covariates, strata and weights
 * with the arm instrumenting take-up (effects/complier-effect.ts). Rows with `analysis: cace`,
 * carrying the take-up in each arm and the first-stage F; a weak first stage is warned of.
 */
export const caceAnalysis: AnalysisKind = {
  id: "cace",
  applies: (sap) => sap.take_up !== undefined,
  run(context: AnalysisContext): AnalysisOutput {
    const spec = context.sap.take_up!;
    const rows: EffectRow[] = [];
    const warnings: string[] = [];
    for (const { population, outcome, index } of estimatedOutcomes(context, (p, o) => requestedAnalyses(context.sap, p, o).cace)) {
      const row = context.attempt(`outcomes.${index}`, () => {
        const { input, analysed, where } = outcomeInput(context, population, outcome);
        const takeUp = pick(context.frame.numeric(spec.variable, `take_up.variable, ${where}`), analysed, Float64Array);
        const e = complierEffect(input, takeUp, spec.variable);
        for (const w of e.warnings) warnings.push(populationWarning(population.name, w));
        const row = rowMaker(context.settings, "cace", population.name, outcome, e.control.sd, where)(e.estimate, null, null, e.control, e.treated, null);
        const f = e.firstStage;
        row.complier = {
          take_up: spec.variable,
          take_up_control: e.takeUp.control,
          take_up_treated: e.takeUp.treated,
          first_stage_f: f.statistic,
          first_stage_df1: f.df1,
          first_stage_df2: f.df2,
          first_stage_p: f.p_value,
        };
        return row;
      });
      if (row) rows.push(row);
    }
    return { rows, outcomeFlows: [], warnings };
  },
};
