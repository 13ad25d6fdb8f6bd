import { TrialstatError, analysisError, inputError } from "../../errors.js";
import type { GroupCodes } from "../../random/groups.js";
import { resampleClusters, resampleRows } from "../../random/resample.js";
import { RandomStreams } from "../../random/streams.js";
import { type DenseMatrix, selectRows } from "../linalg/dense.js";
import { NEGLIGIBLE_STANDARD_ERROR, outcomeSpread } from "../design-checks.js";
import { fitLinearModel } from "../linear-model.js";
import { CLUSTER_SE_TYPES, type LinearSeType } from "../variance/types.js";
import { type ResampleSummary, summariseReplicates } from "./bootstrap-intervals.js";
import { type BlockMapper, type DrawBlock, type SyncBlockMapper, blockProgress, drawBlocks, joinBlocks, runBlocksInTurn } from "./draw-blocks.js";

/**
 * The pairs and the cluster bootstrap of a linear model (OLS or WLS), refitting the model on each
 * resample with `fitLinearModel`.
 *
 * Pairs: n rows drawn with replacement (`resampleRows`), each bringing its y, covariates and
 * weight; with strata (trial arms, randomisation blocks) each stratum keeps its size. Cluster:
 * G clusters drawn with replacement (`resampleClusters`), each bringing all its rows; a cluster drawn
 * twice counts as two clusters in the refit's cluster-robust variance; with strata (which clusters
 * must nest in) each stratum keeps its number of clusters. Draw b takes its random numbers from
 * stream ("bootstrap", b) of the seed, so the draws do not depend on how they are spread over threads.
 *
 * Each refit gives the coefficients of interest and their standard errors of the chosen type (for
 * the studentised interval). A resample that cannot support the model — its design loses rank (a
 * factor level or an arm not drawn, so some coefficient is no longer estimable), or its variance
 * is undefined (HC2/HC3 with a leverage-one row, too few rows) or zero or rounding error (below 1e-6
 * of the resampled outcome's SD, as design-checks' requireStandardError) — is a failed draw: it is
 * kept in the count (`failed`) and left out of every summary, as Stata's `bootstrap` leaves out
 * replications whose statistic could not be computed. Redrawing instead would tie later draws to
 * earlier ones. When more than half fail, what remains is conditional on the resample having kept
 * every group, and the bootstrap is refused (an analysis error).
 *
 * Source: B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap, 1993, ch. 9 (pairs);
 * A. C. Cameron, J. B. Gelbach, D. L. Miller, "Bootstrap-based improvements for inference with
 * clustered errors", REStat 90(3), 2008 (pairs cluster bootstrap); A. C. Davison, D. V. Hinkley,
 * Bootstrap Methods and their Application, 1997, §3.8 (strata).
 *
 * @example
 * const boot = resampleBootstrap({ type: "pairs", design, y, seType: "HC2", coefficients: [1], draws: 999, seed: 1 });
 * boot.coefficients[0].percentile; // [low, high]
 */
/** The model and what to resample: the part of the input that every thread needs. */
export interface ResampleModel {
  readonly type: "pairs" | "cluster";
  readonly design: DenseMatrix;
  readonly y: Float64Array;
  readonly weights?: Float64Array;
  /** Cluster code of each row: required for the cluster bootstrap (and for cluster-robust standard errors). */
  readonly clusters?: GroupCodes;
  /** Resampling strata: a code per row (for the cluster bootstrap, the same for every row of a cluster). */
  readonly strata?: GroupCodes;
  /** Standard errors of the refits, for the studentised interval and p-value. */
  readonly seType: LinearSeType;
  /** Design columns whose coefficients are bootstrapped. */
  readonly coefficients: readonly number[];
  readonly seed: number;
}

export interface ResampleBootstrapInput extends ResampleModel {
  readonly draws: number;
  /** Told the draws done and the draws in all as blocks of draws finish (a progress display). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
  /** The value each coefficient is tested against; default 0. */
  readonly nullValue?: number;
}

export interface ResampleCoefficient extends ResampleSummary {
  /** Design column. */
  readonly column: number;
  readonly estimate: number;
  /** The full-sample standard error of the chosen type. */
  readonly fullSampleError: number;
}

export interface ResampleBootstrapResult {
  readonly type: "pairs" | "cluster";
  readonly draws: number;
  /** Draws whose resample could not support the model (left out of every summary). */
  readonly failed: number;
  readonly seed: number;
  readonly level: number;
  readonly coefficients: readonly ResampleCoefficient[];
  /** Per draw: for each coefficient, estimate then standard error (NaN for a failed draw). */
  readonly replicates: Float64Array;
}

/**
 * What a thread needs to run blocks of draws: plain data only (typed arrays, numbers, strings), so
 * that it can be sent to a worker.
 */
export interface ResampleTask extends ResampleModel {
  /** Rank of the full-sample design: a resample of lower rank has failed. */
  readonly rank: number;
}

/** The draw's random numbers: stream (BOOTSTRAP_PURPOSE, draw) of the seed. */
export const BOOTSTRAP_PURPOSE = "bootstrap";

/** The bootstrap with its blocks of draws run at once: here, one after another, unless `mapBlocks` runs them elsewhere. */
export function resampleBootstrap(input: ResampleBootstrapInput, mapBlocks?: SyncBlockMapper): ResampleBootstrapResult {
  const { task, blocks, full, onBlockDone } = prepareResample(input);
  return summariseResample(input, task, full, mapBlocks ? mapBlocks("resample", task, blocks, onBlockDone) : runBlocksInTurn(blocks, (b) => resampleBlock(task, b), onBlockDone), blocks);
}

/** The bootstrap with its blocks of draws run by `mapBlocks` (worker threads in the CLI). */
export async function resampleBootstrapAsync(input: ResampleBootstrapInput, mapBlocks: BlockMapper): Promise<ResampleBootstrapResult> {
  const { task, blocks, full, onBlockDone } = prepareResample(input);
  return summariseResample(input, task, full, await mapBlocks("resample", task, blocks, onBlockDone), blocks);
}

/** Per draw: for each coefficient, its estimate and standard error (NaN for a failed draw). */
export function resampleBlock(task: ResampleTask, block: DrawBlock): Float64Array {
  const m = task.coefficients.length;
  const out = new Float64Array(block.count * 2 * m);
  const streams = new RandomStreams(task.seed);
  for (let d = 0; d < block.count; d++) {
    const rng = streams.stream(BOOTSTRAP_PURPOSE, block.start + d);
    const slot = out.subarray(d * 2 * m, (d + 1) * 2 * m);
    if (task.type === "pairs") {
      refitResample(task, resampleRows(rng, task.y.length, task.strata), undefined, slot);
    } else {
      const drawn = resampleClusters(rng, task.clusters!, task.strata);
      refitResample(task, drawn.rows, drawn.clusters, slot);
    }
  }
  return out;
}

/**
 * Refits the model on the given rows (with the given clusters) and writes each coefficient's
 * estimate and standard error into `out`, or NaN if the resample cannot support the model. Exposed
 * so that a test can feed resamples drawn elsewhere (by R's `boot`).
 */
export function refitResample(task: ResampleTask, rows: Int32Array, clusters: GroupCodes | undefined, out: Float64Array): void {
  const design = selectRows(task.design, rows);
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = task.y[rows[i]];
  const weights = task.weights ? Float64Array.from(rows, (i) => task.weights![i]) : undefined;
  out.fill(NaN);
  let fit;
  try {
    fit = fitLinearModel({ design, names: [], y, weights, clusters, seType: task.seType });
  } catch (e) {
    if (e instanceof TrialstatError) return;
    throw e;
  }
  if (fit.rank < task.rank) return;
  const r = fit.kept.length;
  const ySd = outcomeSpread(y);
  for (const [c, j] of task.coefficients.entries()) {
    const slot = fit.kept.indexOf(j);
    const se = Math.sqrt(fit.variance.matrix.data[slot + slot * r]);
    // a standard error that is zero or rounding error (a resample whose outcome is constant within
    // each arm) would studentise to a t* of 1e15 or more and stretch the studentised interval with it
    if (!(se > NEGLIGIBLE_STANDARD_ERROR * ySd && Number.isFinite(se))) {
      out.fill(NaN);
      return;
    }
    out[2 * c] = fit.coefficients[j];
    out[2 * c + 1] = se;
  }
}

function prepareResample(input: ResampleBootstrapInput) {
  const { type, design, y, weights, clusters, strata, seType, coefficients, draws, seed } = input;
  if (!Number.isSafeInteger(draws) || draws < 2) {
    throw inputError(`the bootstrap needs a whole number of draws, at least 2, not ${draws}`, { hint: "use 999 or 9999 draws" });
  }
  const clusterSe = CLUSTER_SE_TYPES.includes(seType);
  if (type === "cluster" && !clusters) throw inputError("the cluster bootstrap needs clusters", { remedies: [{ setting: "cluster", reason: "give the cluster of each row" }] });
  if (type === "pairs" && clusterSe) {
    throw inputError("the pairs bootstrap resamples rows one by one, which ignores the clusters", {
      remedies: [
        { setting: "bootstrap.type", value: "cluster", reason: "resample whole clusters" },
        { setting: "bootstrap.type", value: "wild", reason: "use the wild cluster bootstrap" },
      ],
    });
  }
  if (type === "cluster" && !clusterSe) {
    throw inputError(`the cluster bootstrap studentises with cluster-robust standard errors, not ${seType}`, {
      remedies: [{ setting: "se", value: "CR2", reason: "use CR0, CR1 (stata) or CR2 standard errors" }],
    });
  }
  const full = fitLinearModel({ design, names: [], y, weights, clusters, seType });
  for (const j of coefficients) {
    if (!full.kept.includes(j)) throw inputError(`coefficient ${j + 1} is not estimable in the full sample (collinear with earlier columns)`, { hint: "drop the collinear term" });
  }
  const task: ResampleTask = { type, design, y, weights, clusters, strata, seType, coefficients, seed, rank: full.rank };
  return { task, blocks: drawBlocks(draws), full, onBlockDone: blockProgress(draws, input.onProgress) };
}

function summariseResample(
  input: ResampleBootstrapInput,
  task: ResampleTask,
  full: ReturnType<typeof fitLinearModel>,
  results: readonly Float64Array[],
  blocks: readonly DrawBlock[],
): ResampleBootstrapResult {
  const m = task.coefficients.length;
  const level = input.level ?? 0.95;
  const replicates = joinBlocks(results, blocks, 2 * m);
  const B = input.draws;
  let failed = 0;
  for (let b = 0; b < B; b++) if (Number.isNaN(replicates[b * 2 * m])) failed++;
  if (B - failed < 2) {
    throw inputError(`${failed} of ${B} bootstrap resamples could not support the model`, {
      hint: "resample within strata (e.g. the trial arms) so that every resample keeps every group, or use fewer terms",
    });
  }
  // the draws that remain are those that happened to keep every group and spread: a distribution
  // conditional on that, degenerate in small samples (4 rows: the one resample that works is the data)
  if (failed > B / 2) {
    throw analysisError(`${failed} of ${B} bootstrap resamples could not support the model, more than half: the rest describe only the resamples that kept every term estimable, not the estimate's sampling distribution`, {
      hint: "resample within strata (e.g. the trial arms) so that every resample keeps every group, use fewer terms, or report the analytic standard errors alone",
    });
  }
  const r = full.kept.length;
  const coefficients = task.coefficients.map((column, c) => {
    const slot = full.kept.indexOf(column);
    const estimate = full.coefficients[column];
    const fullSampleError = Math.sqrt(full.variance.matrix.data[slot + slot * r]);
    const theta = new Float64Array(B);
    const se = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      theta[b] = replicates[b * 2 * m + 2 * c];
      se[b] = replicates[b * 2 * m + 2 * c + 1];
    }
    return { column, estimate, fullSampleError, ...summariseReplicates(estimate, fullSampleError, theta, se, level, input.nullValue ?? 0) };
  });
  return { type: task.type, draws: B, failed, seed: task.seed, level, coefficients, replicates };
}
