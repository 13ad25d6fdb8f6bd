import { type DataTable, missingColumnHint } from "../data/table.js";
import { analysisError, inputError, listNames } from "../errors.js";
import { type Cell, type Categorical, categorical, crossClassify, inCell } from "./cells.js";
import { type BalanceRow, type WeightSummary, balanceRows, summariseWeights } from "./diagnostics.js";
import { readIndicator } from "./indicator.js";
import { type MissingCovariatePolicy, type PreparedCovariate, covariateCategories, prepareCovariates } from "./missing-covariates.js";
import { type PropensityModel, cellPropensity } from "./propensity.js";
import { RAKE_DEFAULTS, type RakeOptions, checkRakeOptions, rake } from "./rake.js";
import { rescaleToMeanOne } from "./rescale.js";
import { percentile, percentileName, trimWeights } from "./trim.js";
import { type WeightingClass, weightingClassWeights } from "./weighting-classes.js";

/**
 * Non-response weights for one survey wave (docs/statistics.md, "Non-response weights").
 *
 * 1. Eligible rows: `eligible` (a 0/1 mask, or the name of a 0/1 / yes-no column), by default every
 *    row. Ineligible rows get no weight and count nowhere.
 * 2. Cells: the cross-classification of the `within` variables (e.g. group × arm) over the eligible.
 *    A cell with no respondent is an analysis error naming it.
 * 3. Raw weights for each cell's respondents, by `method`:
 *    - `logit`: 1/p̂ from a logistic regression of response on the covariates fitted in the cell;
 *    - `cells`: N_k/r_k in weighting classes (the cell × the covariates' categories);
 *    - `rake`: raking the cell's respondents, starting from N_c/r_c, to the covariates' margins
 *      among the cell's eligible (`survey::rake`).
 * 4. Rescaling to mean 1 among the cell's respondents.
 * 5. Trimming (optional) within the cell at `trim.cap` — and/or at the cell's `trim.percentile`-th
 *    percentile of the rescaled weights; the lower of the two — redistributing the excess until no
 *    weight exceeds the cap (`survey::trimWeights(strict = TRUE)`). Trimming keeps the cell's total,
 *    so the final weights still have mean 1 in each cell and none exceeds the cap: no second rescale
 *    is needed, and none is made (it could only push weights back over the cap).
 *
 * The cap is on the rescaled weights (mean 1 in each cell): `cap: 5` means "at most five times the
 * cell's average weight", and must exceed 1.
 *
 * Missing covariates follow `missingCovariates` (see missing-covariates.ts); no row is ever dropped.
 * The same inputs always give the same weights, bit for bit.
 *
 * @example
 * const { weights, diagnostics } = nonResponseWeights(table, {
 *   response: "responded12", covariates: ["age", "female", "health"], within: ["group", "arm"],
 *   method: "logit", missingCovariates: "indicator", trim: { cap: 5 },
 * });
 * weights[i]; // the weight of row i, NaN for non-respondents and ineligible rows
 */
export type WeightMethod = "logit" | "cells" | "rake";
export const WEIGHT_METHODS: readonly WeightMethod[] = ["logit", "cells", "rake"];

export interface NonResponseWeightOptions {
  /** 0/1, yes/no or true/false column: did the person respond to the survey? */
  response: string;
  /** Baseline covariates (may be empty). */
  covariates: readonly string[];
  /** Variables whose cross-classification forms the weighting cells (may be empty: one cell). */
  within: readonly string[];
  method: WeightMethod;
  missingCovariates: MissingCovariatePolicy;
  trim?: { cap?: number; percentile?: number };
  /** Raking control (`method: "rake"`); defaults `RAKE_DEFAULTS`. */
  rake?: Partial<RakeOptions>;
  /** Who was eligible for the survey: a mask (1 = eligible) or a 0/1 / yes-no column. Default: every row. */
  eligible?: Uint8Array | string;
}

export interface TrimDiagnostics {
  /** The cap applied in this cell (the lower of `cap` and the percentile cap). */
  readonly cap: number;
  /** Weights above the cap before trimming. */
  readonly nAboveCap: number;
  /** Weights at the cap after trimming (including any the redistribution lifted to it). */
  readonly nAtCap: number;
  readonly maxBefore: number;
}

export interface CellDiagnostics {
  readonly label: string;
  /** The cell's level of each `within` variable. */
  readonly values: readonly string[];
  readonly eligible: number;
  readonly respondents: number;
  /** respondents / eligible. */
  readonly responseRate: number;
  /** The final weights of the cell's respondents. */
  readonly summary: WeightSummary;
  readonly trim: TrimDiagnostics | null;
  /** `logit`: the cell's propensity model. */
  readonly model: PropensityModel | null;
  /** `cells`: the weighting classes. */
  readonly classes: readonly WeightingClass[] | null;
  /** `rake`: sweeps made. */
  readonly rakeIterations: number | null;
}

export interface MissingCovariateNote {
  readonly covariate: string;
  readonly nMissing: number;
  /** How the missing values entered the weights. */
  readonly handling: string;
}

export interface WeightDiagnostics {
  readonly method: WeightMethod;
  readonly response: string;
  readonly covariates: readonly string[];
  readonly within: readonly string[];
  readonly rows: number;
  readonly eligible: number;
  readonly respondents: number;
  readonly responseRate: number;
  readonly trim: { readonly cap: number | null; readonly percentile: number | null } | null;
  readonly rake: RakeOptions | null;
  readonly missingCovariates: readonly MissingCovariateNote[];
  /** One per `within` cell, in the order of HLT Table 6.2 (first variable slowest, levels sorted). */
  readonly cells: readonly CellDiagnostics[];
  /** The final weights of all respondents. */
  readonly summary: WeightSummary;
  /** Balance for everyone eligible (`cell: null`) and then for each cell. */
  readonly balance: readonly BalanceRow[];
  readonly warnings: readonly string[];
}

export interface NonResponseWeights {
  /** One per table row: the final weight, NaN for non-respondents and ineligible rows. */
  readonly weights: Float64Array;
  readonly diagnostics: WeightDiagnostics;
}

export function nonResponseWeights(table: DataTable, options: NonResponseWeightOptions): NonResponseWeights {
  const { method, response, covariates, within } = options;
  checkOptions(table, options);
  const rakeOptions = method === "rake" ? { ...RAKE_DEFAULTS, ...options.rake } : null;
  if (rakeOptions) checkRakeOptions(rakeOptions);

  const eligibleMask = eligibility(table, options.eligible);
  const eligibleRows = Int32Array.from(eligibleMask.keys()).filter((i) => eligibleMask[i] === 1);
  if (eligibleRows.length === 0) {
    throw inputError(`no row of ${table.source} is eligible for the survey`, { location: { file: table.source }, hint: "check the eligibility column and its coding (1 or yes = eligible)" });
  }
  const responded = readIndicator(table, response, "response", eligibleRows);
  const cells = crossClassify(
    within.map((name) => categorical(table, name, eligibleRows, { role: "within cell" })),
    eligibleRows,
  );
  const prepared = prepareCovariates(table, covariates, eligibleRows, options.missingCovariates);

  const weights = new Float64Array(table.nRows).fill(NaN);
  const warnings: string[] = [];
  const cellDiagnostics = cells.map((cell): CellDiagnostics => {
    const respondentRows = cell.rows.filter((i) => responded[i] === 1);
    const eligible = cell.rows.length;
    const r = respondentRows.length;
    if (r === 0) {
      throw analysisError(`cell ${cell.label}: none of its ${eligible} eligible ${eligible === 1 ? "person" : "people"} responded, so it has no one to carry weight`, {
        hint: "check the response coding",
        remedies: [{ setting: "within", reason: "weight within fewer variables so that this cell joins a larger one" }],
      });
    }
    let raw: Float64Array;
    let model: PropensityModel | null = null;
    let classes: WeightingClass[] | null = null;
    let rakeIterations: number | null = null;
    if (method === "logit") {
      const fit = cellPropensity(table, cell, { name: response, values: responded }, prepared);
      raw = fit.pHat.filter((_, k) => responded[cell.rows[k]] === 1).map((p) => 1 / p);
      model = fit.model;
      warnings.push(...fit.warnings);
    } else {
      const categories = prepared.map((c) => covariateCategories(table, c.name, cell.rows, method === "rake" ? "raking" : "weighting classes"));
      if (method === "cells") {
        ({ weights: raw, classes } = weightingClassWeights(cell, respondentRows, responded, categories));
      } else {
        const result = rakeCell(cell, respondentRows, categories, rakeOptions!);
        raw = result.weights;
        rakeIterations = result.iterations;
      }
    }
    let final = rescaleToMeanOne(raw);
    let trim: TrimDiagnostics | null = null;
    const cap = cellCap(final, options.trim, cell);
    if (cap !== undefined) {
      const t = trimWeights(final, cap);
      final = t.weights;
      trim = { cap, nAboveCap: t.nAboveCap, nAtCap: t.nAtCap, maxBefore: t.maxBefore };
    }
    respondentRows.forEach((i, k) => (weights[i] = final[k]));
    return {
      label: cell.label,
      values: cell.values,
      eligible,
      respondents: r,
      responseRate: r / eligible,
      summary: summariseWeights(final),
      trim,
      model,
      classes,
      rakeIterations,
    };
  });

  // Balance: for everyone, weights scaled within each cell to its eligible count; then each cell.
  const scaled = new Float64Array(table.nRows).fill(NaN);
  for (const [c, cell] of cells.entries()) {
    const factor = cellDiagnostics[c].eligible / (cellDiagnostics[c].summary.mean * cellDiagnostics[c].respondents);
    for (const i of cell.rows) if (!Number.isNaN(weights[i])) scaled[i] = weights[i] * factor;
  }
  const balance = [
    ...balanceRows(table, prepared, null, eligibleRows, scaled),
    ...(cells.length > 1 ? cells.flatMap((cell) => balanceRows(table, prepared, cell.label, cell.rows, weights)) : []),
  ];

  const respondents = cellDiagnostics.reduce((s, c) => s + c.respondents, 0);
  return {
    weights,
    diagnostics: {
      method,
      response,
      covariates: [...covariates],
      within: [...within],
      rows: table.nRows,
      eligible: eligibleRows.length,
      respondents,
      responseRate: respondents / eligibleRows.length,
      trim: options.trim?.cap !== undefined || options.trim?.percentile !== undefined ? { cap: options.trim.cap ?? null, percentile: options.trim.percentile ?? null } : null,
      rake: rakeOptions,
      missingCovariates: prepared.filter((c) => c.nMissing > 0).map((c) => missingNote(c, method)),
      cells: cellDiagnostics,
      summary: summariseWeights(weights.filter((w) => !Number.isNaN(w))),
      balance,
      warnings,
    },
  };
}

function checkOptions(table: DataTable, o: NonResponseWeightOptions): void {
  if (!WEIGHT_METHODS.includes(o.method)) {
    throw inputError(`unknown weighting method "${o.method}"`, { hint: `choose one of: ${WEIGHT_METHODS.join(", ")}` });
  }
  if (o.missingCovariates !== "indicator" && o.missingCovariates !== "error") {
    throw inputError(`unknown policy for missing covariates "${o.missingCovariates}"`, { hint: "choose indicator or error" });
  }
  const absent = [o.response, ...o.within].filter((n) => !table.hasColumn(n));
  if (absent.length) {
    throw inputError(`not in ${table.source}: ${listNames(absent.map((n) => (n === o.response ? `response column ${n}` : `within variable ${n}`)))}`, {
      location: { file: table.source, column: absent[0] },
      hint: missingColumnHint(absent[0], table.columnNames),
    });
  }
  for (const [list, what] of [
    [o.covariates, "covariate"],
    [o.within, "within variable"],
  ] as const) {
    const dup = list.find((n, j) => list.indexOf(n) !== j);
    if (dup !== undefined) throw inputError(`the ${what} ${dup} is named twice`, { hint: "name each column once" });
    if (list.includes(o.response)) {
      throw inputError(`the response column ${o.response} cannot also be a ${what}`, { hint: "the response is what the weights model; list baseline variables only" });
    }
  }
  const quoted = o.covariates.find((n) => n.includes("`"));
  if (quoted !== undefined) throw inputError(`covariate names cannot contain a back-quote: ${quoted}`, { hint: "rename the column" });
  const cap = o.trim?.cap;
  if (cap !== undefined && !(cap > 1 && Number.isFinite(cap))) {
    throw inputError(`the trimming cap must be a number above 1 (weights have mean 1 in each cell), got ${cap}`, {
      remedies: [{ setting: "trim.cap", value: 5, reason: "e.g. no weight above five times its cell's average" }],
    });
  }
  const p = o.trim?.percentile;
  if (p !== undefined && !(p > 0 && p <= 100)) {
    throw inputError(`the trimming percentile must lie in (0, 100], got ${p}`, { remedies: [{ setting: "trim.percentile", value: 99, reason: "e.g. trim at the 99th percentile" }] });
  }
}

function eligibility(table: DataTable, eligible: Uint8Array | string | undefined): Uint8Array {
  if (eligible === undefined) return new Uint8Array(table.nRows).fill(1);
  if (typeof eligible === "string") return readIndicator(table, eligible, "eligibility");
  if (eligible.length !== table.nRows) throw new Error(`nonResponseWeights: the eligibility mask has ${eligible.length} entries for ${table.nRows} rows`);
  return eligible;
}

/**
 * The cap for one cell: the lower of the fixed cap and the percentile of the rescaled weights; none
 * when the cell's weights are all equal (all 1: an intercept-only model, everyone responded), since
 * there is then nothing to trim, whatever the cap or percentile.
 */
function cellCap(weights: Float64Array, trim: NonResponseWeightOptions["trim"], cell: Cell): number | undefined {
  if (!trim || (trim.cap === undefined && trim.percentile === undefined)) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const w of weights) {
    if (w < min) min = w;
    if (w > max) max = w;
  }
  if (max - min <= 1e-9) return undefined;
  const fromPercentile = trim.percentile === undefined ? Infinity : percentile(weights, trim.percentile);
  if (fromPercentile <= 1) {
    // the weights differ, so their maximum (the 100th percentile) is above their mean of 1: some whole percentile works
    let lowest = Math.max(1, Math.ceil(trim.percentile!));
    while (lowest < 100 && !(percentile(weights, lowest) > 1)) lowest++;
    throw analysisError(`cell ${cell.label}: ${percentileName(trim.percentile!)} of the weights is ${fromPercentile.toPrecision(6)}, not above their mean of 1, so trimming there cannot keep the cell's total`, {
      remedies: [
        { setting: "trim.percentile", value: lowest, reason: `use a percentile whose weight is above 1 in this cell (${percentileName(lowest)} is ${percentile(weights, lowest).toPrecision(6)})` },
        { setting: "trim.cap", reason: "use a fixed cap" },
      ],
    });
  }
  return Math.min(trim.cap ?? Infinity, fromPercentile);
}

function rakeCell(cell: Cell, respondentRows: Int32Array, categories: readonly Categorical[], options: RakeOptions) {
  const margins = categories.map((c) => {
    const population = new Float64Array(c.levels.length);
    for (const i of cell.rows) population[c.codes[i]]++;
    return { name: c.name, levels: c.levels, codes: Int32Array.from(respondentRows, (i) => c.codes[i]), population };
  });
  const start = new Float64Array(respondentRows.length).fill(cell.rows.length / respondentRows.length);
  return inCell(cell, () => rake(start, margins, options));
}

function missingNote(c: PreparedCovariate, method: WeightMethod): MissingCovariateNote {
  const handling =
    c.kind === "numeric" && method === "logit"
      ? `filled with the eligible mean (${c.fill.toPrecision(6)}), with the 0/1 indicator ${c.indicator} in the model`
      : "a category of its own, (missing)";
  return { covariate: c.name, nMissing: c.nMissing, handling };
}
