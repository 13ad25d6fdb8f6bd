import type { FitResult } from "../stats/fit.js";
import { formatPValue, formatSignificant } from "./format-number.js";

/** The model line of a fit's table for the estimators beyond OLS and logit, or undefined. */
export function estimatorTitle(result: FitResult): string | undefined {
  if (result.estimator === "two_stage_least_squares") return "Two-stage least squares (instrumental variables)";
  if (result.estimator === "lin") return "Lin (2013) regression: treatment interacted with mean-centred covariates";
  return undefined;
}

/**
 * What a Lin or 2SLS fit's table states below the coefficients: the centres of the covariates; the
 * first-stage F of each endogenous regressor, Wu–Hausman and overidentification tests.
 *
 * @example
 * // First stage: takeup on treat, F = 61.41 on 1 and 253 df, p <0.0001
 */
export function estimatorLines(result: FitResult): string[] {
  const lines: string[] = [];
  if (result.lin) {
    const centres = result.lin.centres.map((c) => `${c.term} ${formatSignificant(c.centre)}`).join(", ");
    lines.push(`Covariates centred at their ${result.lin.weighted ? "weighted " : ""}means: ${centres}`);
  }
  const iv = result.instrumental;
  if (iv) {
    const f = (s: { statistic: number | null; df1: number; df2: number; p_value: number | null }) =>
      `F = ${formatSignificant(s.statistic)} on ${s.df1} and ${s.df2} df, p ${formatPValue(s.p_value)}`;
    for (const s of iv.first_stage) lines.push(`First stage: ${s.regressor} on ${iv.instruments.join(", ")}, ${f(s)}`);
    if (iv.wu_hausman) lines.push(`Wu–Hausman test of endogeneity: ${f(iv.wu_hausman)}`);
    const o = iv.overidentification;
    if (o) lines.push(`Overidentification (${o.test === "sargan" ? "Sargan" : "Wooldridge score"}): χ² = ${formatSignificant(o.statistic)} on ${o.df} df, p ${formatPValue(o.p_value)}`);
  }
  return lines.length ? ["", ...lines] : [];
}
