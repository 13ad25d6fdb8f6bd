import { linEffect } from "../../effects/lin-effect.js";
import type { EffectRow } from "../effect-row.js";
import { linRequested, requestedAnalyses } from "../../sap/plan-analyses.js";
import { rowMaker } from "./effect-rows.js";
import { type AnalysisContext, type AnalysisKind, type AnalysisOutput, estimatedOutcomes } from "./kind.js";
import { outcomeInput } from "./outcome-input.js";
import { populationWarning } from "./population-warning.js";

/**
 * Lin's (2013) adjustment (docs/statistics.md#lin-2013-covariate-adjustment) beside the ITT: for
 * each outcome with `lin` (or every outcome with `covariates.lin`), the overall effect in each
 * population from the ITT's participants, covariates and strata, each centred at its mean and
 * interacted with the arm (effects/lin-effect.ts). Rows with `analysis: lin`.
 */
export const linAnalysis: AnalysisKind = {
  id: "lin",
  applies: (sap) => sap.outcomes.some((o) => linRequested(sap, o)),
  run(context: AnalysisContext): AnalysisOutput {
    const rows: EffectRow[] = [];
    const warnings: string[] = [];
    for (const { population, outcome, index } of estimatedOutcomes(context, (p, o) => requestedAnalyses(context.sap, p, o).lin)) {
      const row = context.attempt(`outcomes.${index}`, () => {
        const { input, where } = outcomeInput(context, population, outcome);
        const e = linEffect(input);
        for (const w of e.warnings) warnings.push(populationWarning(population.name, w));
        return rowMaker(context.settings, "lin", population.name, outcome, e.control.sd, where)(e.estimate, null, null, e.control, e.treated, null);
      });
      if (row) rows.push(row);
    }
    return { rows, outcomeFlows: [], warnings };
  },
};
