import { type DataTable, outOfRangeNote, missingColumnHint } from "../data/table.js";
import { inputError, listNames, quoteValue } from "../errors.js";
import { type Categorical, MISSING_LEVEL, categorical } from "./cells.js";

/**
 * What to do with eligible people whose baseline covariates are missing. Dropping them is never an
 * option: they would silently vanish from the weighted population.
 *
 * - `indicator` (the missing-indicator method): a text (categorical) covariate gets the level
 *   `(missing)`; a numeric covariate x is filled with the mean of its observed values among the
 *   eligible and a 0/1 indicator `x_missing` joins the model. With an intercept in the model the
 *   fitted probabilities do not depend on the fill value (the indicator absorbs it), so the mean is
 *   only a readable choice. For weighting classes and raking, a missing value is the category
 *   `(missing)` of that covariate.
 * - `error`: any missing covariate among the eligible is an input error that counts the missing
 *   cells by covariate and names the first line.
 *
 * @example
 * // age = [30, NA, 50] (all eligible), indicator policy →
 * // { kind: "numeric", name: "age", values: [30, 40, 50], missing: [0, 1, 0], fill: 40, indicator: "age_missing" }
 */
export type MissingCovariatePolicy = "indicator" | "error";

export type PreparedCovariate =
  | {
      readonly kind: "numeric";
      readonly name: string;
      /** Per table row; eligible rows with a missing value hold `fill`. */
      readonly values: Float64Array;
      /** 1 where the value was missing (eligible rows). */
      readonly missing: Uint8Array;
      readonly nMissing: number;
      readonly fill: number;
      /** Name of the 0/1 missing indicator in the model, when any value is missing. */
      readonly indicator: string | undefined;
    }
  | {
      readonly kind: "factor";
      readonly name: string;
      /** Per table row; missing values of eligible rows are `(missing)`. */
      readonly values: readonly (string | null)[];
      readonly missing: Uint8Array;
      readonly nMissing: number;
    };

export function prepareCovariates(
  table: DataTable,
  names: readonly string[],
  eligibleRows: Int32Array,
  policy: MissingCovariatePolicy,
): PreparedCovariate[] {
  const absent = names.filter((n) => !table.hasColumn(n));
  if (absent.length) {
    throw inputError(`${absent.length === 1 ? "covariate" : "covariates"} not in ${table.source}: ${listNames(absent)}`, {
      location: { file: table.source, column: absent[0] },
      hint: missingColumnHint(absent[0], table.columnNames),
    });
  }
  const prepared = names.map((name) => prepareOne(table, name, eligibleRows));
  const withMissing = prepared.filter((c) => c.nMissing > 0);
  if (policy === "error" && withMissing.length) {
    const first = withMissing.map((c) => eligibleRows.find((i) => c.missing[i] === 1)!);
    const detail = withMissing.map((c, j) => `${c.name} (${c.nMissing} row${c.nMissing === 1 ? "" : "s"}, first on line ${table.lineOf(first[j])})`);
    throw inputError(`baseline covariates are missing for eligible people: ${listNames(detail)}`, {
      location: { file: table.source, line: table.lineOf(first[0]), column: withMissing[0].name },
      hint: "fill them in before weighting",
      remedies: [{ setting: "missing_covariates", value: "indicator", reason: "state a policy: indicator gives missing values their own category (or a 0/1 indicator for a numeric covariate)" }],
    });
  }
  const taken = new Set([...table.columnNames, ...names]);
  return prepared.map((c) => {
    if (c.kind !== "numeric" || c.nMissing === 0) return c;
    let indicator = `${c.name}_missing`;
    while (taken.has(indicator)) indicator += "_";
    taken.add(indicator);
    return { ...c, indicator };
  });
}

function prepareOne(table: DataTable, name: string, rows: Int32Array): PreparedCovariate {
  const col = table.column(name);
  const missing = new Uint8Array(table.nRows);
  let nMissing = 0;
  if (col.kind === "number") {
    const values = Float64Array.from(col.values);
    let sum = 0;
    for (let at = 0; at < rows.length; at++) {
      const i = rows[at];
      if (Number.isNaN(values[i])) {
        missing[i] = 1;
        nMissing++;
      } else {
        sum += values[i];
      }
    }
    const fill = nMissing < rows.length ? sum / (rows.length - nMissing) : 0;
    for (let at = 0; at < rows.length; at++) {
      const i = rows[at];
      if (missing[i]) values[i] = fill;
    }
    return { kind: "numeric", name, values, missing, nMissing, fill, indicator: undefined };
  }
  const nonMissing = col.values.reduce((s, v) => s + (v === null ? 0 : 1), 0);
  if (col.numericCount > 0 && col.numericCount >= nonMissing / 2 && col.firstNonNumeric) {
    const bad = col.firstNonNumeric;
    throw inputError(`non-numeric value ${quoteValue(bad.value)}${outOfRangeNote(bad.value)} in numeric covariate ${name}`, {
      location: { file: table.source, line: table.lineOf(bad.row), column: name },
      hint: `fix the value or mark it missing (an empty cell or NA)`,
    });
  }
  const values = col.values.slice();
  for (let at = 0; at < rows.length; at++) {
    const i = rows[at];
    if (values[i] === null) {
      missing[i] = 1;
      nMissing++;
      values[i] = MISSING_LEVEL;
    }
  }
  return { kind: "factor", name, values, missing, nMissing };
}

/** The most distinct values a numeric covariate may have to be used as categories. */
export const MAX_NUMERIC_CATEGORIES = 20;

/**
 * A covariate as categories (weighting classes, raking margins): a text covariate's levels, or a
 * numeric covariate's distinct values; a missing value is the category `(missing)`. A numeric
 * covariate with more than 20 distinct values is an input error: it is a measurement, not a
 * category, and each value would be a class of its own.
 */
export function covariateCategories(table: DataTable, name: string, rows: Int32Array, method: string): Categorical {
  const c = categorical(table, name, rows, { missingLevel: MISSING_LEVEL });
  const nValues = c.levels.filter((l) => l !== MISSING_LEVEL).length;
  if (table.column(name).kind === "number" && nValues > MAX_NUMERIC_CATEGORIES) {
    throw inputError(`${method} needs categorical covariates, but ${name} is numeric with ${nValues} distinct values among the eligible`, {
      location: { file: table.source, column: name },
      hint: `band ${name} into a few categories (e.g. a text column such as ${name}_band)`,
      remedies: [{ setting: "method", value: "logit", reason: "weight with a logit, which takes numeric covariates" }],
    });
  }
  return c;
}
