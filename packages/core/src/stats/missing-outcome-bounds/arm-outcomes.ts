import { inputError } from "../../errors.js";

/**
 * The outcomes of a two-arm trial with missing values, checked and split by arm: what the bounds
 * for missing outcomes start from. Every randomised unit is a row: arm 0/1, outcome a number or
 * missing (NaN or null), optional design weights (positive for every row, respondents or not —
 * sampling or design weights, not non-response weights, which model what the bounds leave open).
 *
 * @example
 * const arms = armOutcomes({ y: [1, NaN, 0, 1], arm: [1, 1, 0, 0] });
 * arms.treated.responseRate; // 0.5
 */
export interface ArmOutcomesInput {
  y: ArrayLike<number | null>;
  arm: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

export interface ArmSample {
  /** Observed outcomes and their weights. */
  readonly y: Float64Array;
  readonly w: Float64Array;
  /** Units randomised to the arm, and those with an outcome. */
  readonly units: number;
  readonly respondents: number;
  /** Σ weights of respondents / Σ weights of all the arm's units. */
  readonly responseRate: number;
  /** Weighted mean outcome of respondents. */
  readonly respondentMean: number;
}

export function armOutcomes(input: ArmOutcomesInput): { treated: ArmSample; control: ArmSample } {
  const { y, arm, weights } = input;
  const n = y.length;
  if (arm.length !== n || (weights && weights.length !== n)) throw inputError(`the outcome, arm and weights must have one value per unit (${n} outcomes)`, { hint: "pass columns of equal length" });
  const ys: number[][] = [[], []];
  const ws: number[][] = [[], []];
  const total = [0, 0];
  const units = [0, 0];
  for (let i = 0; i < n; i++) {
    const a = arm[i];
    if (a !== 0 && a !== 1) throw inputError(`unit ${i + 1}: the arm is ${String(a)}, not 0 or 1`, { hint: "code the arm 1 (treated) and 0 (control)" });
    const w = weights ? weights[i] : 1;
    if (!(w > 0 && Number.isFinite(w))) throw inputError(`unit ${i + 1}: the weight is ${String(w)}`, { hint: "design weights must be positive and finite for every randomised unit, respondent or not" });
    total[a] += w;
    units[a]++;
    const v = y[i];
    if (v === null || Number.isNaN(v)) continue;
    if (!Number.isFinite(v)) throw inputError(`unit ${i + 1}: the outcome is ${String(v)}`, { hint: "outcomes must be finite numbers, or missing" });
    ys[a].push(v);
    ws[a].push(w);
  }
  const sample = (a: 0 | 1): ArmSample => {
    if (units[a] === 0) throw inputError(`no unit was randomised to ${a === 1 ? "treatment" : "control"}`, { hint: "bounds compare two arms: give units of both" });
    if (ys[a].length === 0) throw inputError(`no ${a === 1 ? "treated" : "control"} unit has an outcome`, { hint: "bounds need respondents in both arms" });
    let sw = 0;
    let swy = 0;
    for (let k = 0; k < ys[a].length; k++) {
      sw += ws[a][k];
      swy += ws[a][k] * ys[a][k];
    }
    return { y: Float64Array.from(ys[a]), w: Float64Array.from(ws[a]), units: units[a], respondents: ys[a].length, responseRate: sw / total[a], respondentMean: swy / sw };
  };
  return { treated: sample(1), control: sample(0) };
}
