import { bootstrapEffect } from "../../effects/bootstrap-effect.js";
import { analysisSeed } from "../analysis-seeds.js";
import { bootstrapType, requestedAnalyses } from "../../sap/plan-analyses.js";
import { reportedLevel } from "../settings.js";
import { type AnalysisContext, type AnalysisKind, type AnalysisOutput, type Augmentation, estimatedOutcomes } from "./kind.js";
import { outcomeInput } from "./outcome-input.js";

/** The purpose of the draws' seeds (analysis-seeds.ts). */
const BOOTSTRAP_SEEDS = "bootstrap";

/**
 * The bootstrap (docs/statistics.md#bootstrap) of the overall ITT effect of each outcome and
 * population in `inference.bootstrap`'s scope: the ITT's participants, model, weights and clusters,
 * resampled as effects/bootstrap-effect.ts says (pairs within arms, clusters, or the wild cluster
 * bootstrap), each population × outcome with its own seed derived from the plan's. The blocks of
 * draws run where the host says (worker threads in the CLI), with the same numbers however they are
 * spread. Adds `boot_*` fields to the ITT rows.
 */
export const bootstrapAnalysis: AnalysisKind = {
  id: "bootstrap",
  applies: (sap) => sap.inference?.bootstrap !== undefined,
  run(context: AnalysisContext): AnalysisOutput {
    const spec = context.sap.inference!.bootstrap!;
    const type = bootstrapType(context.sap)!;
    const level = reportedLevel(context.settings.levels);
    const augmentations: Augmentation[] = [];
    const warnings: string[] = [];
    for (const { population, outcome, index, itt } of estimatedOutcomes(context, (p, o) => requestedAnalyses(context.sap, p, o).bootstrap)) {
      context.attempt(`outcomes.${index}`, () => {
        const { input, where } = outcomeInput(context, population, outcome);
        const seed = analysisSeed(spec.seed, BOOTSTRAP_SEEDS, population.name, outcome.name);
        const progress = context.host.progress;
        const onProgress = progress && ((done: number, total: number) => progress(`bootstrap, ${where}`, done, total, "draws"));
        const b = bootstrapEffect(input, { type, draws: spec.draws, seed, weights: spec.weights, level, onProgress }, context.host.mapBootstrapBlocks);
        for (const w of b.warnings) warnings.push(`${where}: ${w}`);
        const finite = (x: number) => (Number.isFinite(x) ? x : null);
        augmentations.push({
          row: itt,
          fields: {
            bootstrap: {
              type: b.type,
              draws: b.draws,
              seed,
              p_value: b.pValue,
              conf_level: level,
              conf_low: finite(b.confLow),
              conf_high: finite(b.confHigh),
              interval: b.interval,
              std_error: b.standardError,
              draws_failed: b.drawsFailed,
              weights: b.weights,
              within: b.within,
            },
          },
        });
      });
    }
    return { rows: [], outcomeFlows: [], warnings, augmentations };
  },
};
