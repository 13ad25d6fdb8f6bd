import { inputError } from "../errors.js";
import type { GroupCodes } from "../random/groups.js";
import type { SyncBlockMapper } from "../stats/bootstrap/draw-blocks.js";
import type { BootstrapType } from "../stats/bootstrap/fit-bootstrap.js";
import { resampleWarnings, wildIntervalWarnings } from "../stats/bootstrap/fit-bootstrap.js";
import { resampleBootstrap } from "../stats/bootstrap/resample-bootstrap.js";
import { type WildWeightType, wildClusterBootstrap } from "../stats/bootstrap/wild-cluster-bootstrap.js";
import { clusterUnits } from "../stats/randomisation-inference/fit-randomisation-inference.js";
import { effectDesign } from "./effect-design.js";
import { restated } from "./restated.js";
import type { EffectInput } from "./effect-input.js";

/**
 * The bootstrap (docs/statistics.md#bootstrap) of the ITT effect of an input: the coefficient on
 * the arm in the same model (`y ~ arm + covariates + strata`, weighted as the input is), tested
 * against 0 by the symmetric bootstrap-t, with an interval —
 *
 * - pairs: rows resampled within each arm (each arm keeps its size, as the randomisation fixed it),
 *   refitted with the input's variance estimator; studentised (bootstrap-t) interval;
 * - cluster: whole clusters resampled — within each arm when clusters nest in arms (a
 *   cluster-randomised trial), else across the sample — refitted with the cluster-robust variance;
 *   studentised interval;
 * - wild: the wild cluster bootstrap-t with the null imposed (WCR) and the interval by test inversion.
 *
 * Blocks of draws run through `mapBlocks` (worker threads in the CLI) and give the same numbers
 * however they are spread.
 *
 * @example
 * const b = bootstrapEffect(input, { type: "pairs", draws: 999, seed: 1, level: 0.95 });
 * b.pValue; b.confLow; b.confHigh;
 */
export interface EffectBootstrapOptions {
  type: BootstrapType;
  draws: number;
  seed: number;
  /** Wild: the auxiliary weights (default rademacher). */
  weights?: WildWeightType;
  level: number;
  /** Told the draws done and the draws in all as blocks of draws finish (a progress display). */
  onProgress?: (done: number, total: number) => void;
}

export interface EffectBootstrap {
  type: BootstrapType;
  draws: number;
  pValue: number;
  /** Studentised (pairs, cluster) or by test inversion (wild); ±Infinity or NaN where unbounded or unresolved. */
  confLow: number;
  confHigh: number;
  interval: "studentised" | "inversion";
  /** Pairs and cluster: the SD of the replicates. */
  standardError: number | null;
  drawsFailed: number;
  weights: WildWeightType | null;
  within: "arm" | null;
  warnings: string[];
}

export function bootstrapEffect(input: EffectInput, options: EffectBootstrapOptions, mapBlocks?: SyncBlockMapper): EffectBootstrap {
  const where = input.where ?? input.outcomeName;
  if (input.model !== "ols") throw inputError(`${where}: the bootstrap is available for outcomes modelled by least squares, not yet for a logit`, { hint: "use the linear probability model (model: ols) for this outcome" });
  const design = effectDesign(input);
  const common = { design: design.matrix.matrix, y: input.y, weights: input.weights, seed: options.seed, level: options.level, onProgress: options.onProgress };
  const clusters = input.clusters && { codes: input.clusters.codes, count: input.clusters.count };
  if (options.type === "wild") {
    if (!clusters) throw inputError(`${where}: the wild cluster bootstrap needs clusters`, { remedies: [{ setting: "cluster", reason: "name the cluster variable" }, { setting: "bootstrap.type", value: "pairs", reason: "use the pairs bootstrap" }] });
    const w = restated(input, "wild cluster bootstrap", () => wildClusterBootstrap({ ...common, clusters, coefficient: design.armColumn, draws: options.draws, weightType: options.weights }, mapBlocks));
    const [low, high] = w.confidenceInterval;
    return { type: "wild", draws: w.draws, pValue: w.pValue, confLow: low, confHigh: high, interval: "inversion", standardError: null, drawsFailed: 0, weights: w.weightType, within: null, warnings: [...design.warnings, ...wildIntervalWarnings("the effect", w)] };
  }
  const type = options.type;
  const arms: GroupCodes = { codes: Int32Array.from(input.arm), count: 2 };
  const withinArms = options.type === "pairs" || (clusters !== undefined && clusterUnits(input.arm, clusters) !== undefined);
  const result = restated(input, `${options.type} bootstrap`, () =>
    resampleBootstrap({ ...common, type, clusters, strata: withinArms ? arms : undefined, seType: input.seType, coefficients: [design.armColumn], draws: options.draws }, mapBlocks),
  );
  const c = result.coefficients[0];
  return {
    type: options.type,
    draws: result.draws,
    pValue: c.pValue,
    confLow: c.studentised[0],
    confHigh: c.studentised[1],
    interval: "studentised",
    standardError: c.standardError,
    drawsFailed: result.failed,
    weights: null,
    within: withinArms ? "arm" : null,
    warnings: [...design.warnings, ...resampleWarnings(result)],
  };
}
