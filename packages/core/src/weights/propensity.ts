import { type Column, type DataTable, makeTable, numericColumn, textColumn } from "../data/table.js";
import { buildModelFrame } from "../stats/formula/model-frame.js";
import { buildModelMatrix } from "../stats/formula/model-matrix.js";
import { expandFormula } from "../stats/formula/terms.js";
import { logitEstimates } from "../stats/logit.js";
import { type Cell, inCell } from "./cells.js";
import type { PreparedCovariate } from "./missing-covariates.js";

/**
 * Response propensity within one cell: the logistic regression of response (0/1) on the baseline
 * covariates over the cell's eligible people, `glm(response ~ x1 + x2 + …, family = binomial)`,
 * fitted by the same IRLS as `trialstat fit --family binomial`. Respondents' raw weights are 1/p̂.
 *
 * Within a cell, a covariate with a single value (or, for the missing indicator, with no missing
 * value) is left out of that cell's model — it cannot be estimated there; R would give `NA` for a
 * numeric one and stop for a factor — and a warning says so. Collinear columns are aliased as in
 * `glm` (coefficient NA, fitted values unaffected). Separation (p̂ of 0 or 1 for someone) and
 * non-convergence are analysis errors naming the cell. A cell in which everyone responded needs
 * no model: p̂ = 1 for all, every weight 1 (the MLE of a logit does not exist there, but the
 * weight it tends to does).
 *
 * @example
 * // cell "arm=T": 3 of 4 eligible responded, no covariates → p̂ = 0.75, weights 4/3
 */
export interface PropensityModel {
  /** The model's column names (R's `model.matrix` names), empty when no model was needed. */
  readonly terms: readonly string[];
  /** Estimates by term; NaN for an aliased column. */
  readonly coefficients: readonly number[];
  readonly iterations: number;
}

export interface CellPropensity {
  /** p̂ for each of the cell's rows (same order as `cell.rows`). */
  readonly pHat: Float64Array;
  readonly model: PropensityModel;
  readonly warnings: readonly string[];
}

export function cellPropensity(
  table: DataTable,
  cell: Cell,
  response: { name: string; values: Uint8Array },
  covariates: readonly PreparedCovariate[],
): CellPropensity {
  const rows = cell.rows;
  const n = rows.length;
  const y = Float64Array.from(rows, (i) => response.values[i]);
  const respondents = y.reduce((s, v) => s + v, 0);
  if (respondents === n) {
    return {
      pHat: new Float64Array(n).fill(1),
      model: { terms: [], coefficients: [], iterations: 0 },
      warnings: [`cell ${cell.label}: all ${n} eligible people responded, so every weight is 1 (no propensity model is needed)`],
    };
  }

  const warnings: string[] = [];
  const columns = new Map<string, Column>([[response.name, numericColumn(response.name, y)]]);
  for (const c of covariates) {
    if (c.kind === "numeric") {
      const observed = rows.filter((i) => !c.missing[i]);
      const missingCount = n - observed.length;
      if (observed.some((i) => c.values[i] !== c.values[observed[0]])) {
        columns.set(c.name, numericColumn(c.name, Float64Array.from(rows, (i) => c.values[i])));
      } else {
        warnings.push(
          observed.length === 0
            ? `cell ${cell.label}: ${c.name} is missing for all ${n} eligible people, so it is left out of this cell's model`
            : `cell ${cell.label}: ${c.name} has one value (${c.values[observed[0]]}) among the ${observed.length} eligible people with a value, so it is left out of this cell's model`,
        );
      }
      if (c.indicator && missingCount > 0 && missingCount < n) columns.set(c.indicator, numericColumn(c.indicator, Float64Array.from(rows, (i) => c.missing[i])));
    } else {
      const v = Array.from(rows, (i) => c.values[i]);
      // classified as categorical once, over all eligible: no second guess from this cell's values
      if (new Set(v).size > 1) columns.set(c.name, { ...textColumn(c.name, v), numericCount: 0 });
      else warnings.push(`cell ${cell.label}: ${c.name} has one value (${v[0]}) among the ${n} eligible people, so it is left out of this cell's model`);
    }
  }
  const predictors = [...columns.keys()].slice(1);
  const cellTable = makeTable(table.source, columns, Int32Array.from(rows, (i) => table.lineOf(i)));
  const quote = (name: string) => `\`${name}\``;
  const formula = `${quote(response.name)} ~ ${predictors.length ? predictors.map(quote).join(" + ") : "1"}`;

  return inCell(
    cell,
    () => {
      const frame = buildModelFrame(cellTable, expandFormula(formula), { family: "binomial" });
      const design = buildModelMatrix(frame);
      // only p̂ and the coefficients are reported: the IRLS without the variance
      const fit = logitEstimates({ design: design.matrix, names: design.columnNames, y: frame.response, hasIntercept: true });
      if (fit.aliased.length) {
        warnings.push(`cell ${cell.label}: collinear columns left out of this cell's model (as glm's NA coefficients): ${fit.aliased.map((j) => design.columnNames[j]).join(", ")}`);
      }
      return {
        pHat: fit.mu,
        model: { terms: design.columnNames, coefficients: Array.from(fit.coefficients), iterations: fit.iterations },
        warnings,
      };
    },
    (e) =>
      /^separation|did not converge/.test(e.message)
        ? {
            hint: "in this cell some covariate (or combination) predicts response perfectly, so p̂ reaches 0 or 1: merge sparse categories or drop the covariate",
            remedies: [
              { setting: "method", value: "cells", reason: "weight by weighting classes" },
              { setting: "method", value: "rake", reason: "rake to the margins" },
            ],
          }
        : undefined,
  );
}
