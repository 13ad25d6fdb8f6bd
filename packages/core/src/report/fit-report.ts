import type { FitResult } from "../stats/fit.js";
import { exp } from "../stats/elementary-functions.js";
import type { CoefficientRow } from "../stats/inference.js";
import type { FitRandomisationInference } from "../stats/randomisation-inference/fit-randomisation-inference.js";
import { oneLine } from "../errors.js";
import { csvText } from "./csv.js";
import { estimatorLines, estimatorTitle } from "./fit-estimator-lines.js";
import { alignColumns, formatPValue, formatSignificant } from "./format-number.js";
import { levelLabel } from "../stats/confidence-level.js";

const SE_LABELS: Record<string, string> = {
  classical: "classical",
  HC0: "HC0 robust",
  HC1: "HC1 robust",
  HC2: "HC2 robust",
  HC3: "HC3 robust",
  CR0: "CR0 cluster-robust",
  stata: "CR1 (Stata) cluster-robust",
  CR2: "CR2 cluster-robust, Bell–McCaffrey df",
};

/** What a fit's table, CSV and JSON add on request. */
export interface FitOutputOptions {
  /** Logit: odds ratios exp(b) with their intervals exp(low), exp(high) beside the log-odds. */
  oddsRatios?: boolean;
}

/**
 * A fit as an aligned terminal table, stating first what decides the numbers — the model, the
 * outcome, n and dropped rows, clusters, the variance type, the df rule, the confidence level and
 * the reference level of every factor — then the coefficients, then the model-level figures of
 * `summary(lm_robust)` / `glance` (R², adjusted R², residual SE, the robust Wald test of all slopes;
 * for a logit the log-likelihood, AIC, BIC and deviances) and any Wald tests asked for. Warnings are
 * not part of it: the CLI writes them to stderr.
 */
export function fitTable(result: FitResult, options: FitOutputOptions = {}): string {
  const model = estimatorTitle(result) ?? (result.family === "binomial" ? "Logistic regression (IRLS)" : "Linear regression (least squares)");
  const pct = levelLabel(result.conf_level);
  const lines: string[] = [];
  lines.push(`${model} of ${result.outcome}`);
  const facts = [`n = ${result.n}`];
  if (result.n_dropped > 0) facts.push(`${result.n_dropped} dropped`);
  facts.push(`rank ${result.rank}`, `residual df ${result.df_residual}`);
  if (result.n_clusters !== null) facts.push(`${result.n_clusters} clusters`);
  lines.push(facts.join(", "));
  lines.push(`Standard errors: ${SE_LABELS[result.se_type] ?? result.se_type}; ${result.dist === "t" ? "t" : "normal (z)"} inference, df: ${result.df_rule}; ${pct} confidence intervals`);
  if (result.factors.length) lines.push(`Reference levels: ${result.factors.map((f) => `${f.variable} = ${f.reference}`).join(", ")}`);
  lines.push("");
  const odds = oddsRatiosShown(result, options);
  const header = [
    "term",
    "estimate",
    "std.error",
    result.dist === "t" ? "t" : "z",
    ...(result.dist === "t" ? ["df"] : []),
    "p",
    `${pct} low`,
    `${pct} high`,
    ...(odds ? ["odds ratio", `OR ${pct} low`, `OR ${pct} high`] : []),
  ];
  const rows = result.coefficients.map((c) => [
    c.term,
    formatSignificant(c.estimate),
    formatSignificant(c.std_error),
    c.statistic === null ? "NA" : c.statistic.toFixed(3),
    ...(result.dist === "t" ? [c.df === null ? "NA" : Number.isInteger(c.df) ? String(c.df) : c.df.toFixed(2)] : []),
    formatPValue(c.p_value),
    formatSignificant(c.conf_low),
    formatSignificant(c.conf_high),
    ...(odds ? oddsRatio(c).map((v) => formatSignificant(v)) : []),
  ]);
  lines.push(...alignColumns([header, ...rows]));
  const aliased = result.coefficients.filter((c) => c.estimate === null).map((c) => c.term);
  if (aliased.length) lines.push(`(NA: not defined, collinear with earlier columns: ${aliased.join(", ")})`);
  lines.push("", ...modelLines(result));
  lines.push(...estimatorLines(result));
  for (const t of result.tests ?? []) lines.push(`Wald test of ${t.restrictions.join(", ")}: ${testText(t)}`);
  if (result.marginal_effect) {
    const m = result.marginal_effect;
    lines.push("");
    lines.push(
      `Average marginal effect of ${m.term} (${m.contrast}): ${formatSignificant(m.estimate)} (SE ${formatSignificant(m.std_error)}, z = ${m.statistic.toFixed(3)}, p ${formatPValue(m.p_value)}), ${pct} CI ${formatSignificant(m.conf_low)} to ${formatSignificant(m.conf_high)}`,
    );
  }
  if (result.randomisation_inference) lines.push("", randomisationInferenceLine(result.randomisation_inference));
  // names from the data (the outcome, levels, terms) are in the prose lines too: each stays one line
  return `${lines.map(oneLine).join("\n")}\n`;
}

/** The glance figures in words, as `summary(lm_robust)` and `summary(glm)` close. */
function modelLines(result: FitResult): string[] {
  const m = result.model;
  const out: string[] = [];
  if (m.r_squared !== null) {
    out.push(`R² = ${formatSignificant(m.r_squared, 4)}, adjusted R² = ${formatSignificant(m.adj_r_squared, 4)}; residual standard error ${formatSignificant(m.sigma)} on ${m.df_residual} df`);
  }
  if (m.deviance !== null) {
    const likelihood = m.log_lik !== null ? `log-likelihood ${formatSignificant(m.log_lik)} (df ${result.rank}), AIC ${formatSignificant(m.aic)}, BIC ${formatSignificant(m.bic)}; ` : "";
    out.push(`${likelihood}residual deviance ${formatSignificant(m.deviance)} on ${m.df_residual} df, null deviance ${formatSignificant(m.null_deviance)} on ${m.df_null} df`);
    if (m.log_lik === null) out.push("(weighted: a pseudo-likelihood fit, so no log-likelihood, AIC or BIC)");
  }
  // with classical standard errors it is the ordinary F (summary.lm) or χ² Wald test, not a robust one
  if (m.test !== null) out.push(`${result.se_type === "classical" ? "Wald" : "Robust Wald"} test that all slopes are 0: ${testText({ test: m.test, statistic: m.statistic!, df1: m.df!, df2: m.df_denominator, p_value: m.p_value! })}`);
  return out;
}

/** "F = 4.838 on 5 and 54 df, p 0.0010" or "χ² = 8.1 on 4 df, p 0.0880". */
function testText(t: { test: "F" | "chisq"; statistic: number; df1: number; df2: number | null; p_value: number }): string {
  return t.test === "F"
    ? `F = ${formatSignificant(t.statistic)} on ${t.df1} and ${t.df2} df, p ${formatPValue(t.p_value)}`
    : `χ² = ${formatSignificant(t.statistic)} on ${t.df1} df, p ${formatPValue(t.p_value)}`;
}

/** Odds ratios are shown for logits when asked for; asking for them of a linear model is an error (fit.ts's CLI checks). */
function oddsRatiosShown(result: FitResult, options: FitOutputOptions): boolean {
  return Boolean(options.oddsRatios) && result.family === "binomial";
}

/** exp(b), exp(low), exp(high): the odds ratio and its interval (an interval of exp is exp of the interval). */
export function oddsRatio(c: CoefficientRow): [number | null, number | null, number | null] {
  const e = (x: number | null) => (x === null ? null : exp(x));
  return [e(c.estimate), e(c.conf_low), e(c.conf_high)];
}

/** One sentence: the randomisation p-values, the reference set and the inverted interval. */
function randomisationInferenceLine(ri: FitRandomisationInference): string {
  const within = ri.ri_within === "none" ? "" : ` within ${ri.ri_within}`;
  const unit = ri.ri_unit === "cluster" ? " by cluster" : "";
  const set = ri.ri_exact
    ? `all ${ri.ri_draws.toLocaleString("en-GB")} assignments${unit}${within}`
    : `the observed and ${(ri.ri_draws - 1).toLocaleString("en-GB")} random re-randomisations${unit}${within}, seed ${ri.ri_seed}`;
  const end = (v: number | null, side: number) => (v === null ? (side < 0 ? "-Inf" : "Inf") : formatSignificant(v));
  const pct = levelLabel(ri.ri_conf_level);
  return (
    `Randomisation inference for ${ri.term} (${set}): p ${formatPValue(ri.ri_p_value)} two-sided (upper ${formatPValue(ri.ri_p_value_upper)}, lower ${formatPValue(ri.ri_p_value_lower)}); ` +
    `${pct} interval by test inversion ${end(ri.ri_conf_low, -1)} to ${end(ri.ri_conf_high, 1)}`
  );
}

/** With --ri, on the arm's row: the randomisation p-values, the inverted interval and the reference set. */
const RI_CSV_COLUMNS = ["ri_p_value", "ri_p_value_upper", "ri_p_value_lower", "ri_conf_low", "ri_conf_high", "ri_draws", "ri_seed", "ri_exact"] as const;

/**
 * The fit as one tidy CSV table (full precision): a row per coefficient (`test` t or z), then a row
 * per Wald test asked for (`term` the hypothesis, `test` F or chisq, `df_numerator` and `df`), with
 * how they were computed and the model-level figures repeated on every row so that each row stands
 * alone. An aliased (collinear) coefficient has `aliased` TRUE and empty numbers.
 */
export function fitCsv(result: FitResult, options: FitOutputOptions = {}): string {
  const ri = result.randomisation_inference;
  const riColumns = ri ? RI_CSV_COLUMNS : [];
  const odds = oddsRatiosShown(result, options);
  const m = result.model;
  const header = [
    "term", "estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high",
    ...(odds ? ["odds_ratio", "odds_ratio_low", "odds_ratio_high"] : []),
    "se_type", "dist", "n", "n_clusters", ...riColumns,
    "test", "df_numerator", "aliased", "outcome", "n_dropped", "conf_level", "df_rule", "reference_levels",
    "r_squared", "adj_r_squared", "sigma", "model_test", "model_statistic", "model_df", "model_df_denominator", "model_p_value",
    "log_lik", "aic", "bic", "deviance", "null_deviance",
  ];
  const model = [
    result.outcome, result.n_dropped, result.conf_level, result.df_rule, result.factors.map((f) => `${f.variable}=${f.reference}`).join("; ") || null,
    m.r_squared, m.adj_r_squared, m.sigma, m.test, m.statistic, m.df, m.df_denominator, m.p_value, m.log_lik, m.aic, m.bic, m.deviance, m.null_deviance,
  ];
  const rows = result.coefficients.map((c) => [
    c.term, c.estimate, c.std_error, c.statistic, c.df, c.p_value, c.conf_low, c.conf_high,
    ...(odds ? oddsRatio(c) : []),
    result.se_type, result.dist, result.n, result.n_clusters,
    ...riColumns.map((k) => (ri && c.term === ri.term ? ri[k] : null)),
    result.dist, null, c.estimate === null, ...model,
  ]);
  for (const t of result.tests ?? []) {
    rows.push([
      t.restrictions.join(", "), null, null, t.statistic, t.df2, t.p_value, null, null,
      ...(odds ? [null, null, null] : []),
      result.se_type, result.dist, result.n, result.n_clusters,
      ...riColumns.map(() => null),
      t.test, t.df1, false, ...model,
    ]);
  }
  return csvText(header, rows);
}
