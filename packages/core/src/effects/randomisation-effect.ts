import { inputError } from "../errors.js";
import { selectColumns } from "../stats/linalg/dense.js";
import type { LabelledGroups } from "../stats/randomisation-inference/assignment-scheme.js";
import { clusterUnits, randomisationWarnings } from "../stats/randomisation-inference/fit-randomisation-inference.js";
import { type RandomisationInference, randomisationInference } from "../stats/randomisation-inference/randomisation-inference.js";
import { effectDesign } from "./effect-design.js";
import type { EffectInput } from "./effect-input.js";
import { restated } from "./restated.js";

/**
 * Randomisation inference (docs/statistics.md#randomisation-inference) for the ITT effect of an
 * input: the arm re-randomised as the trial randomised it — within the permuted blocks, else the
 * strata, given; whole clusters when the input has clusters and the arm is constant within each
 * (else rows, with a warning) — and the coefficient of the same model (`y ~ arm + covariates +
 * strata`, weighted as the input is) recomputed for each assignment. The observed estimate is the
 * ITT estimate; the p-value is the share of assignments at least as extreme, the observed one
 * included (ri2's convention), and the interval inverts the test for constant effects.
 *
 * @example
 * const r = randomisationEffect(input, { draws: 10000, seed: 1, blocks, level: 0.95 });
 * r.ri.pValue; r.unit; // "row" or "cluster"
 */
export interface RandomisationEffectOptions {
  draws: number;
  seed: number;
  /** The permuted block of each row. */
  blocks?: LabelledGroups;
  /** The randomisation stratum of each row. */
  strata?: LabelledGroups;
  /** The confidence level of the interval. */
  level: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RandomisationEffect {
  ri: RandomisationInference;
  unit: "row" | "cluster";
  warnings: string[];
}

export function randomisationEffect(input: EffectInput, options: RandomisationEffectOptions): RandomisationEffect {
  if (input.model !== "ols") {
    throw inputError(`${input.where ?? input.outcomeName}: randomisation inference is available for outcomes modelled by least squares, not yet for a logit`, { hint: "use the linear probability model (model: ols) for this outcome" });
  }
  const design = effectDesign(input);
  const m = design.matrix.matrix;
  const covariates = selectColumns(m, Array.from({ length: m.cols }, (_, j) => j).filter((j) => j !== design.armColumn));
  const warnings = [...design.warnings];
  const clusters = input.clusters && { codes: input.clusters.codes, count: input.clusters.count, labels: input.clusters.levels };
  const units = clusters && clusterUnits(input.arm, clusters);
  if (clusters && !units) warnings.push(`the arm varies within clusters of ${input.clusters!.label ?? "the cluster"}, so randomisation inference re-randomises participants, not clusters`);
  const ri = restated(input, "randomisation inference", () => randomisationInference({
    y: input.y,
    arm: input.arm,
    covariates,
    weights: input.weights,
    units,
    blocks: options.blocks,
    strata: options.strata,
    draws: options.draws,
    seed: options.seed,
    level: options.level,
    describeRow: input.describeRow,
    onProgress: options.onProgress,
  }));
  warnings.push(...randomisationWarnings(ri, options.level));
  return { ri, unit: units ? "cluster" : "row", warnings };
}

