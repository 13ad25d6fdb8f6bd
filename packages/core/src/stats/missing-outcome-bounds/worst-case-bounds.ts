import { inputError } from "../../errors.js";
import { type ArmOutcomesInput, armOutcomes } from "./arm-outcomes.js";

/**
 * Worst- and best-case (Manski) bounds on the average effect when outcomes are missing: every
 * missing outcome is set to the end of the outcome's range that is worst, then best, for the effect.
 * For a binary outcome (range [0, 1], the default) — employed or not, in work or not:
 *
 *     lower = [q₁ȳ₁ + (1 − q₁)·0] − [q₀ȳ₀ + (1 − q₀)·1]
 *     upper = [q₁ȳ₁ + (1 − q₁)·1] − [q₀ȳ₀ + (1 − q₀)·0]
 *
 * with qₐ the arm's response rate and ȳₐ its respondents' mean (weighted by design weights known
 * for every randomised unit). No assumption about why outcomes are missing, so the bounds hold
 * whatever the non-response; their width is (1 − q₁) + (1 − q₀) times the range. Any other bounded
 * outcome can pass its range [min, max]; observed outcomes outside it are refused.
 *
 * Source: C. F. Manski, "Nonparametric bounds on treatment effects", American Economic Review 80(2),
 * 1990, 319–323; Horowitz & Manski, JASA 95(449), 2000 (missing outcomes in randomised trials).
 * Tested against test/oracle/bounds.R.
 *
 * @example
 * worstCaseBounds({ y: [1, 0, NaN, 1, NaN, 0], arm: [1, 1, 1, 0, 0, 0] });
 * // each arm: 2 of 3 respond, half of them employed: lower 1/3 − (1/3 + 1/3) = −1/3, upper 1/3
 */
export interface WorstCaseBounds {
  readonly lower: number;
  readonly upper: number;
  readonly responseRateTreated: number;
  readonly responseRateControl: number;
  readonly respondentDifference: number;
}

export function worstCaseBounds(input: ArmOutcomesInput & { range?: readonly [number, number] }): WorstCaseBounds {
  const [min, max] = input.range ?? [0, 1];
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) throw inputError(`the outcome's range must be two finite numbers, lowest first, not [${min}, ${max}]`, { hint: "e.g. [0, 1] for a binary outcome" });
  const { treated, control } = armOutcomes(input);
  for (const s of [treated, control]) {
    for (const v of s.y) {
      if (v < min || v > max) throw inputError(`an outcome of ${v} lies outside the range [${min}, ${max}]`, { hint: "worst-case bounds need every outcome within the range; for a binary outcome code it 0/1" });
    }
  }
  const q1 = treated.responseRate;
  const q0 = control.responseRate;
  const observed1 = q1 * treated.respondentMean;
  const observed0 = q0 * control.respondentMean;
  return {
    lower: observed1 + (1 - q1) * min - (observed0 + (1 - q0) * max),
    upper: observed1 + (1 - q1) * max - (observed0 + (1 - q0) * min),
    responseRateTreated: q1,
    responseRateControl: q0,
    respondentDifference: treated.respondentMean - control.respondentMean,
  };
}
