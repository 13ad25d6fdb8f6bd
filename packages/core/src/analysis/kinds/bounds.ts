import { leeBounds } from "../../stats/missing-outcome-bounds/lee-bounds.js";
import { worstCaseBounds } from "../../stats/missing-outcome-bounds/worst-case-bounds.js";
import type { BoundsFields } from "../effect-row.js";
import { type AnalysisContext, type AnalysisKind, type AnalysisOutput, type Augmentation, estimatedOutcomes } from "./kind.js";
import { pick } from "../frame.js";

/**
 * Bounds for missing outcomes (docs/statistics.md#bounds-for-missing-outcomes) beside the overall
 * effect of each outcome with `bounds`, in each population it is analysed in: from every member of
 * the population, an outcome missing where it was not collected (not surveyed, or missing) — without
 * non-response weights, which model exactly what the bounds leave open, and without covariates.
 * `lee`: Lee's (2009) trimming bounds for the always-responders; `worst_case`: every missing outcome
 * 0, then 1 (a binary outcome). They go on the outcome's ITT row, beside its (weighted) estimate, so
 * that a reader sees how far non-response could move it.
 */
export const boundsAnalysis: AnalysisKind = {
  id: "bounds",
  applies: (sap) => sap.outcomes.some((o) => o.bounds?.length),
  run(context: AnalysisContext): AnalysisOutput {
    const augmentations: Augmentation[] = [];
    for (const { population, outcome, index, itt } of estimatedOutcomes(context, (_, o) => (o.bounds?.length ?? 0) > 0)) {
      context.attempt(`outcomes.${index}`, () => {
        const members = population.members;
        const observed = context.frame.numeric(outcome.name);
        const weights = outcome.weights ? context.weights.get(outcome.weights) : undefined;
        const y = Float64Array.from(members, (i) => (weights && Number.isNaN(weights[i]) ? NaN : observed[i]));
        const arm = pick(context.frame.linked.arm, members, Uint8Array);
        const input = { y, arm };
        const count = [0, 0];
        const responded = [0, 0];
        for (let k = 0; k < y.length; k++) {
          count[arm[k]]++;
          if (!Number.isNaN(y[k])) responded[arm[k]]++;
        }
        const bounds: BoundsFields = { n_control: count[0], n_treated: count[1], response_control: responded[0] / count[0], response_treated: responded[1] / count[1] };
        if (outcome.bounds!.includes("lee")) {
          const lee = leeBounds(input);
          bounds.lee = { lower: lee.lower, upper: lee.upper, trimmed: lee.trimmed, trim_share: lee.trimShare };
        }
        if (outcome.bounds!.includes("worst_case")) {
          const worst = worstCaseBounds(input);
          bounds.worst_case = { lower: worst.lower, upper: worst.upper };
        }
        augmentations.push({ row: itt, fields: { bounds } });
      });
    }
    return { rows: [], outcomeFlows: [], warnings: [], augmentations };
  },
};
