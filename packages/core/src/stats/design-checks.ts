import { type ErrorLocation, analysisError, inputError, showValue } from "../errors.js";
import { type ModelFrame, rowsLeftOut } from "./formula/model-frame.js";
import type { ModelMatrix } from "./formula/model-matrix.js";
import { log10 } from "./elementary-functions.js";

/**
 * Checks that a model's data can support its estimates and their variance, run before fitting by
 * both `trialstat fit` (stats/fit.ts) and the plan's effect models (effects/itt.ts), so that a
 * design that cannot support its variance is an error or a warning, never a table of stars
 * (docs/statistics.md#designs-that-cannot-support-their-variance):
 *
 * - the outcome must vary among the rows used (analysis error);
 * - numbers must be on a scale that double precision can square and sum: a model column reaching
 *   |x| ≥ 1e150 (its square would overflow), a column whose largest |x| is below 1e-150 (its square
 *   would underflow), or any subnormal value (0 < |x| < 2.2250738585072014e-308, already short of
 *   precision) is an input error naming the variable, with a hint to rescale it;
 * - an outcome or variable read from the data with a value beyond 2^53 = 9,007,199,254,740,992, where
 *   doubles no longer hold every whole number (a 20-digit identifier read as a number has lost its
 *   last digits), is an input error;
 * - clusters: one cluster, or two clusters within which a model column (the arm, when clustering on
 *   the arm) is constant, leave nothing to estimate the cluster-robust variance from (analysis
 *   error); a column named as the arm whose clusters hold one of its values in a single cluster
 *   likewise; fewer than 20 clusters is a warning (Cameron & Miller 2015).
 *
 * Returns the warnings; throws on an error.
 *
 * @example
 * const warnings = checkDesign(frame, design, "CR2", { row: (k, column) => ({ location: { file, line: lineOf(k), column } }) });
 */
export interface DesignContext {
  /** Which model of a plan, prefixed to messages ("outcome y, population all"). */
  where?: string;
  /** Where row k of the model frame comes from: a file location (fit) and/or words ("participant P001"). */
  row(k: number, column: string): { location?: ErrorLocation; words?: string };
  /** How a design column is named in messages (a plan calls its treatment column "the trial arm"). */
  columnLabel?(name: string): string;
  /** A design column that must vary within the clusters or have each of its values in two clusters or more (a plan's arm). */
  armColumn?: string;
}

/** |x| at or above this overflows when squared and summed (1e150² = 1e300). */
export const LARGEST_MODEL_VALUE = 1e150;
/** A column whose largest |x| is below this underflows when squared. */
export const SMALLEST_MODEL_SCALE = 1e-150;
/** The smallest normal double: below it (and above 0) a number is subnormal. */
export const SMALLEST_NORMAL = 2.2250738585072014e-308;
/** 2^53: whole numbers beyond it are not all representable as doubles. */
export const LARGEST_EXACT_INTEGER = 2 ** 53;
/** Fewer clusters than this gives a warning. */
export const FEW_CLUSTERS = 20;

export function checkDesign(frame: ModelFrame, design: ModelMatrix, seType: string, ctx: DesignContext): string[] {
  checkOutcome(frame.response, frame.responseLabel, ctx, rowsLeftOut(frame));
  // scale first: a value of 1e300 is too large to square before it is an inexact whole number.
  // One pass per numeric variable and per product column: the intercept and factor indicators are
  // 0/1, and the column of a term with one numeric variable is that variable.
  const { matrix, columnNames, assign } = design;
  const sizes = frame.variables.map((v) => (v.kind === "numeric" ? magnitudes(v.values) : undefined));
  for (let j = 0; j < matrix.cols; j++) {
    if (assign[j] === 0) continue;
    const term = frame.terms.terms[assign[j] - 1];
    const numeric = term.filter((v) => sizes[v] !== undefined);
    if (numeric.length === 0) continue;
    if (term.length === 1) checkScale((frame.variables[term[0]] as { values: Float64Array }).values, sizes[term[0]]!, columnNames[j], ctx);
    else {
      const column = matrix.data.subarray(j * matrix.rows, (j + 1) * matrix.rows);
      checkScale(column, magnitudes(column), columnNames[j], ctx);
    }
  }
  const weights = frame.weights && magnitudes(frame.weights);
  if (weights) checkScale(frame.weights!, weights, "the weights", ctx);
  frame.variables.forEach((v, j) => {
    const expr = frame.terms.variables[j];
    if (v.kind === "numeric") checkValues(v.values, sizes[j]!, v.label, ctx, expr.kind === "column");
    else if (expr.kind === "factor" && v.levels.length > 0) {
      const column = frame.table.column(expr.name);
      if (column.kind !== "number") return;
      const values = Float64Array.from(frame.rows, (i) => column.values[i]);
      checkValues(values, magnitudes(values), v.label, ctx, true);
    }
  });
  if (weights) checkValues(frame.weights!, weights, "the weights", ctx, false);
  return frame.cluster ? checkClusters(frame.cluster, design, seType, ctx) : [];
}

/**
 * The outcome's checks alone (it varies; its scale; no subnormal or inexact values), for a new
 * response on a design already checked. `leftOut` says which rows the model left out and why
 * (rowsLeftOut), for the message about the rows used.
 */
export function checkOutcome(y: Float64Array, label: string, ctx: DesignContext, leftOut = ""): void {
  requireVaryingOutcome(y, label, ctx, leftOut);
  const m = magnitudes(y);
  checkScale(y, m, label, ctx);
  checkValues(y, m, label, ctx, true);
}

/** The outcome must take two values or more among the rows used: a constant outcome has no variance to model. */
export function requireVaryingOutcome(y: ArrayLike<number>, label: string, ctx: Pick<DesignContext, "where">, leftOut = ""): void {
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) return;
  throw analysisError(`${prefix(ctx)}the outcome ${label} is ${y[0]} in every row used${leftOut}, so it has no variance and there is no effect to estimate`, {
    hint: "check the outcome's derivation (window, threshold, source), the population and the rows left out (for missing values, or a weight of 0)",
  });
}

/** A file location for a message about a whole column. */
function withoutLine(location: ErrorLocation | undefined): ErrorLocation | undefined {
  return location && { ...location, line: undefined };
}

function prefix(ctx: Pick<DesignContext, "where">): string {
  return ctx.where ? `${ctx.where}: ` : "";
}

/** The largest |x| and the smallest non-zero |x| of a column, and their rows, in one pass (NaN never occurs here). */
interface Magnitudes {
  largest: number;
  atLargest: number;
  smallest: number;
  atSmallest: number;
}

function magnitudes(values: Float64Array): Magnitudes {
  let largest = 0;
  let atLargest = 0;
  let smallest = Infinity;
  let atSmallest = 0;
  for (let k = 0; k < values.length; k++) {
    const a = Math.abs(values[k]);
    if (a > largest) {
      largest = a;
      atLargest = k;
    }
    if (a < smallest && a !== 0) {
      smallest = a;
      atSmallest = k;
    }
  }
  return { largest, atLargest, smallest, atSmallest };
}

/** Subnormal values, and (for data read as numbers) values beyond 2^53, where whole numbers are no longer exact. */
function checkValues(values: Float64Array, m: Magnitudes, label: string, ctx: DesignContext, integers: boolean): void {
  if (m.smallest < SMALLEST_NORMAL) {
    // the first subnormal value in the data, for the message
    let k = 0;
    while (!(Math.abs(values[k]) < SMALLEST_NORMAL && values[k] !== 0)) k++;
    const at = ctx.row(k, label);
    throw inputError(`${prefix(ctx)}${label} is ${values[k]}${at.words ? ` for ${at.words}` : ""}, a subnormal number (below 2.2e-308) that double precision holds with lost digits`, {
      location: at.location,
      hint: `a value this small is zero for any purpose: write 0 if that is what it means; if all of ${label} is on this scale, rescale it (e.g. multiply it by 1e300)`,
    });
  }
  if (integers && m.largest > LARGEST_EXACT_INTEGER) {
    let k = 0;
    while (!(Math.abs(values[k]) > LARGEST_EXACT_INTEGER)) k++;
    const at = ctx.row(k, label);
    throw inputError(
      `${prefix(ctx)}${label} is ${values[k]}${at.words ? ` for ${at.words}` : ""}, beyond 2^53 (9,007,199,254,740,992) where a double no longer holds every whole number: an identifier of 17 digits or more read as a number has lost its last digits`,
      {
        location: at.location,
        hint: `if ${label} is an identifier it does not belong in a model (in a plan, declare it type: string); if it is a measurement, rescale it (e.g. to thousands or millions)`,
      },
    );
  }
}

/** A column reaching 1e150, or whose largest |x| is below 1e-150, cannot be squared and summed in double precision. */
function checkScale(values: Float64Array, m: Magnitudes, label: string, ctx: DesignContext): void {
  const { largest, atLargest: at } = m;
  if (largest < LARGEST_MODEL_VALUE && (largest === 0 || largest >= SMALLEST_MODEL_SCALE)) return;
  const where = ctx.row(at, label);
  const big = largest >= LARGEST_MODEL_VALUE;
  // a power of ten that brings the largest value to between 1 and 1000
  const factor = `1e${big ? Math.ceil(log10(largest)) - 3 : -Math.floor(log10(largest))}`;
  throw inputError(
    big
      ? `${prefix(ctx)}${label} reaches ${values[at]}${where.words ? ` for ${where.words}` : ""}: values this far from zero (beyond ±1e150) overflow double precision when squared in the regression`
      : `${prefix(ctx)}${label} is at most ${largest} in absolute value: values this small (all below 1e-150) underflow double precision when squared in the regression`,
    {
      location: big ? where.location : withoutLine(where.location),
      hint: `rescale ${label} (e.g. ${big ? "divide" : "multiply"} it by ${factor}): estimates change by the same factor and tests do not change`,
    },
  );
}

/** One cluster, or a column that only varies between two clusters (clustering on the arm), cannot support a cluster-robust variance. */
function checkClusters(cluster: NonNullable<ModelFrame["cluster"]>, design: ModelMatrix, seType: string, ctx: DesignContext): string[] {
  const G = cluster.levels.length;
  const name = (column: string) => ctx.columnLabel?.(column) ?? column;
  if (G < 2) {
    throw analysisError(`${prefix(ctx)}the cluster variable ${cluster.label} has only one value (${showValue(cluster.levels[0])}) among the rows used, so a cluster-robust variance cannot be estimated`, {
      location: withoutLine(ctx.row(0, cluster.label).location),
      hint: "cluster-robust variance needs at least two clusters (and many more for reliable inference); without clusters use a heteroskedasticity-robust (HC) variance",
    });
  }
  const { matrix, columnNames } = design;
  const n = matrix.rows;
  for (let j = 0; j < matrix.cols; j++) {
    const two = G === 2;
    if (!two && columnNames[j] !== ctx.armColumn) continue;
    const values = clusterValues(matrix.data.subarray(j * n, (j + 1) * n), cluster.codes, G);
    if (!values) continue; // varies within a cluster
    const distinct = new Map<number, number>();
    for (const v of values) distinct.set(v, (distinct.get(v) ?? 0) + 1);
    if (distinct.size < 2) continue; // the intercept, or a column constant overall
    const lonely = [...distinct.values()].some((count) => count === 1);
    if (!two && !lonely) continue;
    const arm = columnNames[j] === ctx.armColumn;
    throw analysisError(
      two
        ? `${prefix(ctx)}${arm ? `the 2 clusters of ${cluster.label} coincide with the trial arms (each is wholly in one arm), so the effect's` : `${name(columnNames[j])} is constant within each of the 2 clusters of ${cluster.label}, so its`} cluster-robust standard error has no replication to be estimated from: it would be no measure of uncertainty (typically far too small)`
        : `${prefix(ctx)}only one cluster of ${cluster.label} is in one of the trial arms, so the cluster-robust standard error of the effect ignores that arm's variation`,
      {
        hint: arm
          ? "cluster on the units that were randomised or sampled (not on the arm itself), and only with several clusters in each arm; else use a heteroskedasticity-robust (HC) variance"
          : `with two clusters a cluster-level comparison has no replication: cluster on finer units, or drop ${name(columnNames[j])}`,
      },
    );
  }
  if (G >= FEW_CLUSTERS) return [];
  const remedy =
    seType === "CR2"
      ? "CR2 with Bell–McCaffrey degrees of freedom (used here) reduces but does not remove this"
      : "CR2 with Bell–McCaffrey degrees of freedom reduces this (se: CR2)";
  return [
    `only ${G} clusters of ${cluster.label}: with fewer than ${FEW_CLUSTERS} clusters cluster-robust standard errors are biased downward and tests over-reject (Cameron & Miller 2015); ${remedy}`,
  ];
}

/** Each cluster's value of a column, or undefined as soon as the column varies within a cluster. */
function clusterValues(column: Float64Array, codes: Int32Array, G: number): Float64Array | undefined {
  const values = new Float64Array(G).fill(NaN);
  for (let i = 0; i < column.length; i++) {
    const c = codes[i];
    const seen = values[c];
    if (Number.isNaN(seen)) values[c] = column[i];
    else if (seen !== column[i]) return undefined;
  }
  return values;
}

/**
 * An effect's standard error must be positive and finite, and not vanishingly small beside the
 * outcome's spread — below 1e-6 of its SD it is rounding error (e.g. in a subgroup level whose
 * outcome is constant within each arm, where the level's variance is a difference of larger terms
 * and comes out near √ε ≈ 1e-8 of them; a genuine standard error that small would need some 10¹²
 * participants) — else its t statistic and stars would be artefacts. Throws an analysis error
 * naming the effect.
 */
export const NEGLIGIBLE_STANDARD_ERROR = 1e-6;

/** The outcome's (unweighted) SD over every row: the scale against which a standard error is judged negligible. */
export function outcomeSpread(y: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i];
  mean /= y.length;
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i] - mean) ** 2;
  return Math.sqrt(ss / (y.length - 1));
}

export function requireStandardError(se: number, outcomeSd: number, what: string): void {
  if (se > NEGLIGIBLE_STANDARD_ERROR * outcomeSd && Number.isFinite(se)) return;
  const kind = !Number.isFinite(se) ? "not finite" : se === 0 ? "zero" : "rounding error";
  throw analysisError(`${what}: the standard error of the effect is ${kind} (${se}), so the data cannot support its variance and no test or interval is reported`, {
    hint: "the outcome does not vary (within each arm) among the participants behind this estimate: merge small subgroup levels (recode), or drop this subgroup or outcome from the plan",
  });
}

/**
 * The warning for an essentially perfect least-squares fit, else undefined: every standard error is
 * then rounding error, and its t statistics and p-values artefacts. R's criterion and, as in R, a
 * warning (summary.lm: "essentially perfect fit: summary may be unreliable"), so that an exact fit's
 * coefficients (NIST's Wampler1–2) are still reported: the residual variance Σwe²/df below 1e-30 of
 * mean(f)² + var(f), f the fitted values, w the weights scaled to mean 1 (estimatr's; 1 without).
 */
export function perfectFitWarning(y: Float64Array, residuals: Float64Array, weights: Float64Array | undefined, dfResidual: number): string | undefined {
  const n = y.length;
  if (dfResidual <= 0 || n < 2) return undefined;
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += weights ? weights[i] : 1;
  let rss = 0;
  let fSum = 0;
  for (let i = 0; i < n; i++) {
    rss += (weights ? (weights[i] * n) / wSum : 1) * residuals[i] ** 2;
    fSum += y[i] - residuals[i];
  }
  const fMean = fSum / n;
  let fSs = 0;
  for (let i = 0; i < n; i++) fSs += (y[i] - residuals[i] - fMean) ** 2;
  const resvar = rss / dfResidual;
  if (!(resvar < (fMean ** 2 + fSs / (n - 1)) * 1e-30)) return undefined;
  return `the model fits the outcome exactly (residual variance ${resvar.toPrecision(3)}, rounding error): the standard errors, tests and intervals are rounding error and mean nothing; the outcome is a function of the predictors (constant within each arm, say, or copied by a covariate)`;
}
