import { type ArmOutcomesInput, type ArmSample, armOutcomes } from "./arm-outcomes.js";

/**
 * Lee (2009) bounds on the effect for the always-responders — the units who would report an
 * outcome whichever arm they were in — when the arm may change who responds.
 *
 * Assume monotonicity: the arm moves response in one direction only. With response rates q₁, q₀
 * (treated, control), the arm with the higher rate, say the treated, has a share
 * p = (q₁ − q₀) / q₁ of its respondents who respond only because they were treated. Removing that
 * share from the top of its outcome distribution gives the lowest possible mean for its
 * always-responders, from the bottom the highest:
 *
 *     lower = E[Y | treated respondent, Y ≤ y_{1−p}] − E[Y | control respondent]
 *     upper = E[Y | treated respondent, Y ≥ y_p]     − E[Y | control respondent]
 *
 * and when q₀ > q₁ the control respondents are trimmed by p = (q₀ − q₁) / q₀ instead (lower uses the
 * control mean trimmed from the bottom, upper from the top). Equal rates: no trimming, both bounds
 * the difference in respondents' means.
 *
 * Trimming removes exactly the share p of the arm's (weighted) respondents: outcomes are sorted and
 * the kept mass (1 − p) taken from one end, the unit at the cut counting with the fraction of its
 * weight that is kept. With no ties at the cut and p·n whole, this is Lee's estimator exactly; with
 * ties (a binary or discrete outcome) it removes exactly p rather than all or none of the tied units,
 * which is what the sharp bounds need. Weights are design weights known for every randomised unit
 * (arm-outcomes.ts): q₁, q₀ and the means are weighted by them.
 *
 * No standard errors here: Lee's asymptotic variances, or a bootstrap over units, are for another
 * step.
 *
 * Source: D. S. Lee, "Training, wages, and sample selection: estimating sharp bounds on treatment
 * effects", Review of Economic Studies 76(3), 2009, 1071–1102, Proposition 1a and §3.2. Tested against
 * test/oracle/bounds.R (the quantile formula of the paper, computed by hand in R).
 *
 * @example
 * leeBounds({ y: [3, 5, 8, NaN, 4, 6, NaN, NaN], arm: [1, 1, 1, 1, 0, 0, 0, 0] });
 * // treated respond 3/4, control 2/4: p = 1/3, trim one of 3, 5, 8 → lower 4 − 5 = −1, upper 6.5 − 5 = 1.5
 */
export interface LeeBounds {
  readonly lower: number;
  readonly upper: number;
  /** The arm whose respondents were trimmed ("none" when the rates are equal). */
  readonly trimmed: "treated" | "control" | "none";
  /** p: the share of that arm's respondents trimmed. */
  readonly trimShare: number;
  readonly responseRateTreated: number;
  readonly responseRateControl: number;
  /** Difference in respondents' means (the untrimmed comparison). */
  readonly respondentDifference: number;
}

export function leeBounds(input: ArmOutcomesInput): LeeBounds {
  const { treated, control } = armOutcomes(input);
  const q1 = treated.responseRate;
  const q0 = control.responseRate;
  const base = { responseRateTreated: q1, responseRateControl: q0, respondentDifference: treated.respondentMean - control.respondentMean };
  if (q1 === q0) return { lower: base.respondentDifference, upper: base.respondentDifference, trimmed: "none", trimShare: 0, ...base };
  if (q1 > q0) {
    const p = (q1 - q0) / q1;
    return {
      lower: trimmedMean(treated, p, "top") - control.respondentMean,
      upper: trimmedMean(treated, p, "bottom") - control.respondentMean,
      trimmed: "treated",
      trimShare: p,
      ...base,
    };
  }
  const p = (q0 - q1) / q0;
  return {
    lower: treated.respondentMean - trimmedMean(control, p, "bottom"),
    upper: treated.respondentMean - trimmedMean(control, p, "top"),
    trimmed: "control",
    trimShare: p,
    ...base,
  };
}

/** The weighted mean after removing exactly the share p of the weight from the top or the bottom. */
export function trimmedMean(sample: Pick<ArmSample, "y" | "w">, p: number, from: "top" | "bottom"): number {
  const order = Array.from(sample.y.keys()).sort((a, b) => sample.y[a] - sample.y[b] || a - b);
  if (from === "bottom") order.reverse();
  let total = 0;
  for (const w of sample.w) total += w;
  const keep = (1 - p) * total;
  let taken = 0;
  let sum = 0;
  for (const k of order) {
    if (taken >= keep) break;
    const part = Math.min(sample.w[k], keep - taken);
    taken += part;
    sum += part * sample.y[k];
  }
  return sum / taken;
}
