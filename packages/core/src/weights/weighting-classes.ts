import { analysisError } from "../errors.js";
import { type Categorical, type Cell, crossClassify } from "./cells.js";

/**
 * Weighting-class weights: within a cell, classes are the cross-classification of the categorical
 * covariates (just the cell when there are none); a respondent in class k gets N_k / r_k, the
 * inverse of the class's response rate (N_k eligible, r_k responded). This is
 * `survey::postStratify(svydesign(ids = ~1, weights = ~1, data = respondents), ~class, N)` — the
 * respondents post-stratified to the eligible counts of the classes.
 *
 * A class with eligible people but no respondent has no weight to give; that is an analysis error
 * naming the class.
 *
 * @example
 * // a cell with classes sex=F (10 eligible, 5 responded) and sex=M (10, 8): weights 2 and 1.25
 */
export interface WeightingClass {
  readonly label: string;
  readonly eligible: number;
  readonly respondents: number;
}

export function weightingClassWeights(
  cell: Cell,
  respondentRows: Int32Array,
  response: Uint8Array,
  classVariables: readonly Categorical[],
): { weights: Float64Array; classes: WeightingClass[] } {
  const classes = crossClassify(classVariables, cell.rows);
  const weightOf = new Map<number, number>();
  const details = classes.map((k) => {
    const eligible = k.rows.length;
    const respondents = k.rows.reduce((s, i) => s + response[i], 0);
    const label = !classVariables.length ? cell.label : cell.values.length ? `${cell.label}, ${k.label}` : k.label;
    if (respondents === 0) {
      throw analysisError(`weighting class ${label} has ${eligible} eligible ${eligible === 1 ? "person" : "people"} and no respondent, so it has no weight to give`, {
        hint: "merge sparse categories or use fewer covariates",
        remedies: [{ setting: "method", value: "logit", reason: "weight with a logit" }],
      });
    }
    for (const i of k.rows) if (response[i]) weightOf.set(i, eligible / respondents);
    return { label, eligible, respondents };
  });
  return { weights: Float64Array.from(respondentRows, (i) => weightOf.get(i)!), classes: details };
}
