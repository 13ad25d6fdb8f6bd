/**
 * Randomisation p-values: the share of the reference assignments whose estimate is at least as
 * extreme as the observed one, the observed assignment included (ri2's convention):
 *
 *     two-sided  p = #{d : |a_d| ≥ |a₀|} / D,
 *     upper      p = #{d : a_d ≥ a₀} / D,     lower  p = #{d : a_d ≤ a₀} / D,
 *
 * over the D assignments of the reference set — every assignment the design allows (exact), or the
 * observed one and D − 1 random re-randomisations (Monte Carlo; counting the observed one makes the
 * test exact at its level: Phipson & Smyth, Stat. Appl. Genet. Mol. Biol. 9(1), 2010).
 *
 * Ties: estimates that are equal in exact arithmetic (a mirrored assignment in a balanced design
 * gives −a₀ exactly) differ in their last bits, so "at least as extreme" allows a relative tolerance
 * TIE_TOLERANCE of |a₀|: |a_d| ≥ (1 − 1e-9)|a₀|, a_d ≥ a₀ − 1e-9|a₀|, a_d ≤ a₀ + 1e-9|a₀|. (ri2 rounds
 * the estimates to 10 decimal places instead, an absolute tolerance that depends on the outcome's units.)
 *
 * @example
 * randomisationPValues(Float64Array.of(0.5, -0.5, 0.1, 0.7), 0.5);
 * // { twoSided: 0.75, upper: 0.5, lower: 0.75 }
 */
export const TIE_TOLERANCE = 1e-9;

export interface RandomisationPValues {
  readonly twoSided: number;
  readonly upper: number;
  readonly lower: number;
}

export function randomisationPValues(estimates: Float64Array, observed: number): RandomisationPValues {
  const slack = TIE_TOLERANCE * Math.abs(observed);
  const far = Math.abs(observed) - slack;
  let two = 0;
  let up = 0;
  let low = 0;
  for (const a of estimates) {
    if (Math.abs(a) >= far) two++;
    if (a >= observed - slack) up++;
    if (a <= observed + slack) low++;
  }
  const d = estimates.length;
  return { twoSided: two / d, upper: up / d, lower: low / d };
}
