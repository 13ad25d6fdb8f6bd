import type { AnalysisFrame } from "../analysis/frame.js";
import { type Column, type DataTable, numericColumn, textColumn, withColumns } from "../data/table.js";
import { inputError } from "../errors.js";

/**
 * Baseline covariates for an effect model, with the SAP's missing-covariate policy
 * (docs/statistics.md#missing-covariates):
 *
 * - `indicator` (the default): a numeric covariate with missing values is filled with its mean over
 *   the analysed rows and joined by a 0/1 indicator `<name>_missing`; a categorical covariate gets a
 *   level "(missing)". In a randomised trial this keeps everyone and leaves the treatment estimate
 *   unbiased (White & Thompson 2005, Statistics in Medicine 24:993–1007).
 * - `complete_case`: rows missing any covariate are dropped, and counted.
 * - `error`: any missing covariate value stops the run, naming the covariate and how many rows.
 */
export interface PreparedCovariates {
  /** The rows that stay in the analysis. */
  rows: Int32Array;
  /** Formula terms for the covariates (back-quoted names, factor() for none: text is categorical). */
  terms: string[];
  /** Adds the prepared covariate columns to a table over `rows`. */
  extend(table: DataTable): DataTable;
}

export const MISSING_LEVEL = "(missing)";

export function prepareCovariates(
  frame: AnalysisFrame,
  candidates: Int32Array,
  covariates: readonly string[],
  policy: "indicator" | "error" | "complete_case",
  where: string,
): PreparedCovariates {
  const columns = covariates.map((name) => ({ name, column: frame.get(name, `covariates, ${where}`) }));
  const isMissing = (c: (typeof columns)[number]["column"], i: number) => (c.kind === "number" ? Number.isNaN(c.values[i]) : c.values[i] === null);

  let rows = candidates;
  if (policy === "complete_case") rows = candidates.filter((i) => columns.every(({ column }) => !isMissing(column, i)));
  if (policy === "error") {
    for (const { name, column } of columns) {
      const count = candidates.reduce((s, i) => s + (isMissing(column, i) ? 1 : 0), 0);
      if (count > 0) {
        throw inputError(`the covariate ${name} is missing for ${count} participant${count === 1 ? "" : "s"} (${where})`, {
          location: { path: "covariates.missing" },
          hint: "the SAP's policy is error: fill the data, or choose missing: indicator (or complete_case)",
        });
      }
    }
  }

  const extra: Column[] = [];
  const terms: string[] = [];
  for (const { name, column } of columns) {
    const missingCount = rows.reduce((s, i) => s + (isMissing(column, i) ? 1 : 0), 0);
    if (column.kind === "number") {
      const values = Float64Array.from(rows, (i) => column.values[i]);
      if (missingCount > 0) {
        let sum = 0;
        let m = 0;
        for (const v of values) if (!Number.isNaN(v)) (sum += v), m++;
        const mean = m ? sum / m : 0;
        const indicatorName = `${name}_missing`;
        if (frame.has(indicatorName)) throw inputError(`cannot add the missing-value indicator ${indicatorName}: a variable of that name exists`, { hint: `rename ${indicatorName}` });
        extra.push(numericColumn(indicatorName, Float64Array.from(values, (v) => (Number.isNaN(v) ? 1 : 0))));
        extra.push(numericColumn(name, Float64Array.from(values, (v) => (Number.isNaN(v) ? mean : v))));
        terms.push(`\`${name}\``, `\`${indicatorName}\``);
      } else {
        extra.push(numericColumn(name, values));
        terms.push(`\`${name}\``);
      }
    } else {
      extra.push(textColumn(name, Array.from(rows, (i) => column.values[i] ?? MISSING_LEVEL)));
      terms.push(`\`${name}\``);
    }
  }
  return { rows, terms, extend: (table) => withColumns(table, extra) };
}
