import type { FitResult } from "../stats/fit.js";
import type { FitSummary } from "../stats/fit-summary.js";
import { type FitOutputOptions, oddsRatio } from "./fit-report.js";

/**
 * `trialstat fit --format json`: the FitResult as JSON, its model-level figures in `model`.
 *
 * With `names: "broom"` the coefficient rows and `model` take broom's field names — `std.error`,
 * `p.value`, `conf.low`, `conf.high` as `tidy()`; `r.squared`, `adj.r.squared`, `sigma`,
 * `statistic`, `p.value`, `df`, `df.residual`, `nobs`, `logLik`, `AIC`, `BIC`, `deviance`,
 * `null.deviance`, `df.null` as `glance()` — so that in R `jsonlite::fromJSON(out)$coefficients` is
 * the data frame `tidy(fit)` gives, and `$model` the one-row `glance(fit)`. Odds ratios (logit,
 * `oddsRatios`) are added to each row as `odds_ratio`, `odds_ratio_low`, `odds_ratio_high`
 * (broom: `odds.ratio`, `odds.ratio.low`, `odds.ratio.high`).
 *
 * @example
 * JSON.parse(fitJson(result, { names: "broom" })).coefficients[1]["std.error"];
 */
export type FitJsonNames = "snake" | "broom";

export function fitJson(result: FitResult, options: FitOutputOptions & { names?: FitJsonNames } = {}): string {
  return `${JSON.stringify(fitJsonObject(result, options), null, 2)}\n`;
}

export function fitJsonObject(result: FitResult, options: FitOutputOptions & { names?: FitJsonNames } = {}): Record<string, unknown> {
  const broom = options.names === "broom";
  const odds = Boolean(options.oddsRatios) && result.family === "binomial";
  const coefficients = result.coefficients.map((c) => {
    const row: Record<string, unknown> = broom
      ? { term: c.term, estimate: c.estimate, "std.error": c.std_error, statistic: c.statistic, df: c.df, "p.value": c.p_value, "conf.low": c.conf_low, "conf.high": c.conf_high }
      : { ...c };
    if (odds) {
      const [or, low, high] = oddsRatio(c);
      Object.assign(row, broom ? { "odds.ratio": or, "odds.ratio.low": low, "odds.ratio.high": high } : { odds_ratio: or, odds_ratio_low: low, odds_ratio_high: high });
    }
    return row;
  });
  return { ...result, coefficients, model: broom ? broomGlance(result) : { ...result.model, se_type: result.se_type, df_rule: result.df_rule, conf_level: result.conf_level } };
}

/** The model figures under glance's names (lm_robust's and glm's, whichever apply). */
function broomGlance(result: FitResult): Record<string, unknown> {
  const m: FitSummary = result.model;
  return {
    outcome: m.outcome,
    "r.squared": m.r_squared,
    "adj.r.squared": m.adj_r_squared,
    sigma: m.sigma,
    statistic: m.statistic,
    "p.value": m.p_value,
    df: m.df,
    "df.denominator": m.df_denominator,
    test: m.test,
    "df.residual": m.df_residual,
    nobs: m.nobs,
    "n.dropped": m.n_dropped,
    nclusters: m.n_clusters,
    logLik: m.log_lik,
    AIC: m.aic,
    BIC: m.bic,
    deviance: m.deviance,
    "null.deviance": m.null_deviance,
    "df.null": m.df_null,
    se_type: result.se_type,
    df_rule: result.df_rule,
    conf_level: result.conf_level,
  };
}
