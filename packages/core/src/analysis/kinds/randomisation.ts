import { randomisationEffect } from "../../effects/randomisation-effect.js";
import { analysisSeed } from "../analysis-seeds.js";
import { requestedAnalyses } from "../../sap/plan-analyses.js";
import { reportedLevel } from "../settings.js";
import { type AnalysisContext, type AnalysisKind, type AnalysisOutput, type Augmentation, estimatedOutcomes } from "./kind.js";
import { crossedGroups, outcomeInput } from "./outcome-input.js";

/** The purpose of the draws' seeds (analysis-seeds.ts). */
const RANDOMISATION_SEEDS = "randomisation-inference";

/**
 * Randomisation inference (docs/statistics.md#randomisation-inference) for the overall ITT effect of
 * each outcome and population in `inference.randomisation`'s scope: the ITT's participants and
 * model, the arm re-randomised within the plan's blocks, else its strata (default: the population's
 * strata), else across the population; whole clusters with `inference.cluster` when the arm is
 * constant within clusters. Each population × outcome draws with its own seed, derived from the
 * plan's (analysis-seeds.ts). Adds `ri_*` fields to the ITT rows.
 */
export const randomisationAnalysis: AnalysisKind = {
  id: "randomisation",
  applies: (sap) => sap.inference?.randomisation !== undefined,
  run(context: AnalysisContext): AnalysisOutput {
    const spec = context.sap.inference!.randomisation!;
    const level = reportedLevel(context.settings.levels);
    const augmentations: Augmentation[] = [];
    const warnings: string[] = [];
    for (const { population, outcome, index, itt } of estimatedOutcomes(context, (p, o) => requestedAnalyses(context.sap, p, o).randomisation)) {
      context.attempt(`outcomes.${index}`, () => {
        const { input, analysed, where } = outcomeInput(context, population, outcome);
        const strata = spec.strata ?? population.strata;
        const seed = analysisSeed(spec.seed, RANDOMISATION_SEEDS, population.name, outcome.name);
        const progress = context.host.progress;
        const { ri, unit, warnings: noted } = randomisationEffect(input, {
          draws: spec.draws,
          seed,
          blocks: spec.blocks !== undefined ? crossedGroups(context.frame, [spec.blocks], analysed, "inference.randomisation.blocks") : undefined,
          strata: strata.length ? crossedGroups(context.frame, strata, analysed, spec.strata ? "inference.randomisation.strata" : `populations.${population.name}.strata`) : undefined,
          level,
          onProgress: progress && ((done, total) => progress(`randomisation inference, ${where}`, done, total, "assignments")),
        });
        for (const w of noted) warnings.push(`${where}: ${w}`);
        augmentations.push({
          row: itt,
          fields: {
            randomisation: {
              p_value: ri.pValue,
              draws: ri.draws,
              seed,
              exact: ri.exact,
              assignments: Number.isFinite(ri.assignments) ? ri.assignments : null,
              conf_level: level,
              conf_low: Number.isFinite(ri.confLow) ? ri.confLow : null,
              conf_high: Number.isFinite(ri.confHigh) ? ri.confHigh : null,
              unit,
              within: ri.groupedBy,
            },
          },
        });
      });
    }
    return { rows: [], outcomeFlows: [], warnings, augmentations };
  },
};
