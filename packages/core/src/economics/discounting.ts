import { inputError } from "../errors.js";

/**
 * The present value of a benefit that recurs over a horizon, per £1 of its first year's value:
 *
 *   A = Σ_{t=0}^{H−1} ρ^t / (1 + r)^t
 *     = (1 − q^H) / (1 − q),  q = ρ / (1 + r)   (H when q = 1),
 *
 * H the horizon in whole years, r the annual discount rate, ρ the persistence (the share of a year's
 * impact still there the next year: 1, it lasts undiminished; 0.5, it halves each year). Year 0 is the
 * year of the trial's follow-up, when the costs fall, so it is not discounted: a one-year horizon
 * gives A = 1 whatever the rate. The discount factor 1/(1 + r)^t is the HM Treasury Green Book's
 * (2022, annex A6: 3.5% a year for the first 30 years), applied at whole years as the Green Book's
 * tables do.
 *
 * The sum is added term by term, not from the closed form: H is at most 100, and the loop has no
 * special case at q = 1.
 *
 * @example
 * presentValueFactor({ discountRate: 0.035, years: 1 });                  // 1
 * presentValueFactor({ discountRate: 0.035, years: 3 });                  // 1 + 1/1.035 + 1/1.035² = 2.8997
 * presentValueFactor({ discountRate: 0.035, years: 3, persistence: 0.5 }); // 1 + 0.5/1.035 + 0.25/1.035² = 1.7165
 */
export interface BenefitHorizon {
  /** r, the annual discount rate: 0.035 is the Green Book's. */
  discountRate: number;
  /** H, whole years over which the benefit recurs (1: the trial's year only). */
  years: number;
  /** ρ, the share of each year's impact that remains the next year (default 1). */
  persistence?: number;
}

/** The longest horizon accepted, in years. */
export const MAX_HORIZON_YEARS = 100;

export function presentValueFactor(horizon: BenefitHorizon): number {
  const { discountRate, years } = horizon;
  const persistence = horizon.persistence ?? 1;
  if (!(Number.isFinite(discountRate) && discountRate >= 0 && discountRate < 1)) {
    throw inputError(`the discount rate must be at least 0 and below 1, got ${discountRate}`, { location: { path: "discount_rate" }, hint: "an annual rate as a proportion: 0.035 is the Green Book's 3.5%" });
  }
  if (!(Number.isInteger(years) && years >= 1 && years <= MAX_HORIZON_YEARS)) {
    throw inputError(`the horizon must be a whole number of years from 1 to ${MAX_HORIZON_YEARS}, got ${years}`, { location: { path: "horizon_years" }, hint: "1 counts the trial's year only" });
  }
  if (!(Number.isFinite(persistence) && persistence >= 0 && persistence <= 1)) {
    throw inputError(`persistence must be between 0 and 1, got ${persistence}`, { location: { path: "persistence" }, hint: "the share of a year's impact that remains the next year: 1 undiminished, 0 gone" });
  }
  const q = persistence / (1 + discountRate);
  let term = 1;
  let sum = 0;
  for (let t = 0; t < years; t++) {
    sum += term;
    term *= q;
  }
  return sum;
}
