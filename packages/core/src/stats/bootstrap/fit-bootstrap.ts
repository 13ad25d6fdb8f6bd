import type { DataTable } from "../../data/table.js";
import { inputError, listNames } from "../../errors.js";
import type { GroupCodes } from "../../random/groups.js";
import { RANDOM_GENERATOR } from "../../random/streams.js";
import { type FitOptions, fileRows, referenceLevels, resolveSeType } from "../fit.js";
import { modelDesign } from "../model-design.js";
import { expandFormula } from "../formula/terms.js";
import type { LinearSeType } from "../variance/types.js";
import { usesExtremeOrderStatistics } from "./bootstrap-intervals.js";
import type { BlockMapper } from "./draw-blocks.js";
import { type ResampleBootstrapResult, resampleBootstrapAsync } from "./resample-bootstrap.js";
import { mapBlocksHere } from "./run-block.js";
import { WILD_WEIGHT_TYPES, type WildBootstrapResult, type WildWeightType, wildClusterBootstrapAsync } from "./wild-cluster-bootstrap.js";
import { levelLabel } from "../confidence-level.js";

/**
 * The bootstrap of a `trialstat fit` linear model: the same formula, rows, weights and clusters as
 * `fitFormula`, each coefficient (or those named) bootstrapped by the pairs, cluster or wild cluster
 * bootstrap (docs/statistics.md#bootstrap). Each coefficient is tested against 0.
 *
 * @example
 * const boot = await fitBootstrap(table, { formula: "y ~ treat", cluster: "site" }, { type: "wild", draws: 9999, seed: 1 });
 * boot.coefficients[1].p_value; boot.coefficients[1].inversion_low;
 */
export interface BootstrapOptions {
  type: BootstrapType;
  draws: number;
  seed: number;
  /** Wild bootstrap weights; default rademacher. */
  weights?: WildWeightType;
  /** Wild: impose the null (WCR, default) or not (WCU). */
  imposeNull?: boolean;
  /** Pairs and cluster: the column whose groups keep their sizes in every resample (e.g. the arm). */
  strata?: string;
  /** Terms to bootstrap, as the coefficient table names them; default every estimable one. */
  terms?: readonly string[];
  /** Told the draws done and the draws in all as blocks of draws finish (the wild bootstrap's over every term, one after another). */
  onProgress?: (done: number, total: number) => void;
}

export const BOOTSTRAP_TYPES = ["pairs", "cluster", "wild"] as const;
export type BootstrapType = (typeof BOOTSTRAP_TYPES)[number];

/** One coefficient's bootstrap; intervals a method does not give are null. */
export interface FitBootstrapRow {
  term: string;
  estimate: number;
  /** estimate / standard error (the fit's type; CR1 for the wild bootstrap). */
  statistic: number;
  /** Symmetric bootstrap-t p-value for the coefficient being 0. */
  p_value: number;
  /** Pairs and cluster: the standard deviation of the replicates. */
  std_error: number | null;
  percentile_low: number | null;
  percentile_high: number | null;
  studentised_low: number | null;
  studentised_high: number | null;
  /** Wild: the confidence interval by test inversion (null for an unbounded end). */
  inversion_low: number | null;
  inversion_high: number | null;
}

export interface FitBootstrap {
  type: BootstrapType;
  draws_requested: number;
  /** Draws made: 2^G when every Rademacher sign vector was enumerated. */
  draws: number;
  /** Pairs and cluster: resamples that could not support the model, left out of every summary. */
  draws_failed: number;
  seed: number;
  generator: string;
  conf_level: number;
  /** Standard errors that studentise the statistics. */
  se_type: string;
  weights: WildWeightType | null;
  impose_null: boolean | null;
  enumerated: boolean | null;
  strata: string | null;
  coefficients: FitBootstrapRow[];
  warnings: string[];
}

export async function fitBootstrap(table: DataTable, options: FitOptions, boot: BootstrapOptions, mapBlocks: BlockMapper = mapBlocksHere): Promise<FitBootstrap> {
  if ((options.family ?? "gaussian") !== "gaussian") {
    throw inputError("the bootstrap is available for linear models only", {
      remedies: [
        { setting: "family", value: "gaussian", reason: "fit a linear model" },
        { setting: "bootstrap", reason: "drop the bootstrap" },
      ],
    });
  }
  // the bootstrap refits the formula's own least-squares model: Lin's adjustment and 2SLS are other estimators
  if (options.linCovariates !== undefined) throw inputError("the bootstrap is not available with --lin-covariates", {
      remedies: [
        { setting: "bootstrap", reason: "drop the bootstrap (Lin's estimator has HC2/CR2 standard errors)" },
        { setting: "lin_covariates", reason: "drop Lin's adjustment" },
      ],
    });
  if (options.formula.includes("|")) throw inputError("the bootstrap is not available for an instrumental-variables (|) formula", {
      hint: "fit the intention-to-treat model without instruments",
      remedies: [{ setting: "bootstrap", reason: "drop the bootstrap" }],
    });
  if (!BOOTSTRAP_TYPES.includes(boot.type)) throw inputError(`unknown bootstrap type "${boot.type}"`, { hint: `choose ${BOOTSTRAP_TYPES.join(", ")}` });
  if (boot.type !== "pairs" && options.cluster === undefined) {
    throw inputError(`the ${boot.type === "wild" ? "wild cluster" : "cluster"} bootstrap needs --cluster`, {
      remedies: [
        { setting: "cluster", reason: "name the cluster column" },
        { setting: "bootstrap.type", value: "pairs", reason: "use the pairs bootstrap" },
      ],
    });
  }
  if (boot.type === "wild" && boot.strata !== undefined) throw inputError("--bootstrap-strata applies to the pairs and cluster bootstrap", { hint: "drop it for the wild bootstrap" });
  if (boot.type !== "wild" && boot.weights !== undefined) throw inputError("--bootstrap-weights applies to the wild bootstrap", {
      hint: "drop them",
      remedies: [{ setting: "bootstrap.type", value: "wild", reason: "use the wild bootstrap" }],
    });
  if (boot.weights !== undefined && !WILD_WEIGHT_TYPES.includes(boot.weights)) {
    throw inputError(`unknown wild bootstrap weights "${boot.weights}"`, { hint: `choose ${WILD_WEIGHT_TYPES.join(" or ")}` });
  }
  const level = options.level ?? 0.95;
  const seType = resolveSeType(options.se, "gaussian", options.cluster !== undefined) as LinearSeType;
  // the model the fit reports (same rows, coding and checks): its design warnings are the fit's
  const { frame, matrix: design, clusters } = modelDesign(table, expandFormula(options.formula), {
    weights: options.weights,
    cluster: options.cluster,
    reference: referenceLevels(options.reference),
    seType,
    checks: fileRows(table),
  });
  const names = design.columnNames;
  const columns = (boot.terms ?? names).map((term) => {
    const j = names.indexOf(term);
    if (j < 0) throw inputError(`no coefficient "${term}" to bootstrap`, { hint: `the model's coefficients: ${listNames(names)}` });
    return j;
  });
  const strata = boot.strata === undefined ? undefined : strataCodes(table, frame.rows, boot.strata);
  const warnings: string[] = [];
  const common = {
    type: boot.type,
    draws_requested: boot.draws,
    seed: boot.seed,
    generator: RANDOM_GENERATOR,
    conf_level: level,
    strata: boot.strata ?? null,
    warnings,
  };

  if (boot.type === "wild") {
    const rows: FitBootstrapRow[] = [];
    let draws = boot.draws;
    let enumerated = false;
    for (const [t, j] of columns.entries()) {
      const onProgress = boot.onProgress && ((done: number, total: number) => boot.onProgress!(t * total + done, columns.length * total));
      const w = await wildClusterBootstrapAsync(
        { design: design.matrix, y: frame.response, weights: frame.weights, clusters: clusters!, coefficient: j, draws: boot.draws, seed: boot.seed, weightType: boot.weights, imposeNull: boot.imposeNull, level, onProgress },
        mapBlocks,
      );
      draws = w.draws;
      enumerated = w.enumerated;
      const [low, high] = w.confidenceInterval;
      warnings.push(...wildIntervalWarnings(names[j], w));
      rows.push({
        term: names[j],
        estimate: w.estimate,
        statistic: w.statistic,
        p_value: w.pValue,
        std_error: null,
        percentile_low: null,
        percentile_high: null,
        studentised_low: null,
        studentised_high: null,
        inversion_low: Number.isFinite(low) ? low : null,
        inversion_high: Number.isFinite(high) ? high : null,
      });
    }
    if (enumerated) warnings.push(`with ${clusters!.count} clusters there are only ${draws} Rademacher sign vectors: each was used once, so the result is exact and the seed plays no part`);
    const weights = boot.weights ?? "rademacher";
    return { ...common, draws, draws_failed: 0, se_type: "stata", weights, impose_null: boot.imposeNull ?? true, enumerated, coefficients: rows };
  }

  const result = await resampleBootstrapAsync(
    { type: boot.type, design: design.matrix, y: frame.response, weights: frame.weights, clusters, strata, seType, coefficients: columns, draws: boot.draws, seed: boot.seed, level, onProgress: boot.onProgress },
    mapBlocks,
  );
  warnings.push(...resampleWarnings(result));
  const rows = result.coefficients.map((c) => ({
    term: names[c.column],
    estimate: c.estimate,
    statistic: c.estimate / c.fullSampleError,
    p_value: c.pValue,
    std_error: c.standardError,
    percentile_low: c.percentile[0],
    percentile_high: c.percentile[1],
    studentised_low: c.studentised[0],
    studentised_high: c.studentised[1],
    inversion_low: null,
    inversion_high: null,
  }));
  return { ...common, draws: result.draws, draws_failed: result.failed, se_type: seType, weights: null, impose_null: null, enumerated: null, coefficients: rows };
}

/** What a reader of a wild bootstrap's interval should know: it is unbounded, or the draws cannot resolve it. */
export function wildIntervalWarnings(term: string, w: WildBootstrapResult): string[] {
  const [low, high] = w.confidenceInterval;
  if (Number.isFinite(low) && Number.isFinite(high)) return [];
  return [
    Number.isNaN(low)
      ? `${term}: ${w.draws} draws cannot resolve a ${levelLabel(w.level)} confidence interval`
      : `${term}: the ${levelLabel(w.level)} confidence set is unbounded ${low === -Infinity ? (high === Infinity ? "on both sides" : "below") : "above"}`,
  ];
}

/** What a reader of a pairs or cluster bootstrap should know: resamples left out, intervals at the extreme replicates. */
export function resampleWarnings(result: ResampleBootstrapResult): string[] {
  const warnings: string[] = [];
  if (result.failed > 0) warnings.push(`${result.failed} of ${result.draws} resamples could not support the model (a term or group not drawn) and were left out`);
  if (usesExtremeOrderStatistics(result.draws - result.failed, result.level)) {
    warnings.push(`${result.draws - result.failed} draws are too few for ${levelLabel(result.level)} intervals: their ends are the extreme replicates`);
  }
  return warnings;
}

/** Codes of the strata column over the model's rows (in order of first appearance); a missing value is an error. */
function strataCodes(table: DataTable, rows: Int32Array, name: string): GroupCodes {
  const column = table.column(name);
  const index = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  rows.forEach((row, k) => {
    const value = column.kind === "number" ? (Number.isNaN(column.values[row]) ? null : String(column.values[row])) : column.values[row];
    if (value === null) {
      throw inputError(`the bootstrap strata column "${name}" is missing in a row the model uses`, {
        location: { file: table.source, line: table.lineOf(row), column: name },
        hint: "give every row a stratum (for a trial, its arm or randomisation block)",
      });
    }
    let code = index.get(value);
    if (code === undefined) index.set(value, (code = index.size));
    codes[k] = code;
  });
  return { codes, count: index.size };
}
