import { TrialstatError } from "../errors.js";
import { log } from "./elementary-functions.js";
import type { ModelFrame } from "./formula/model-frame.js";
import { INTERCEPT } from "./formula/parse.js";
import type { DenseMatrix } from "./linalg/dense.js";
import { type WaldResult, waldTest } from "./wald.js";

/**
 * The model-level figures of a fit — what `summary(lm_robust)`, `broom::glance` and Stata's
 * `regress`/`logit` headers show — computed from the fitted model:
 *
 * - linear models: R² and adjusted R² (estimatr's, weighted when weighted), the residual standard
 *   error σ = √(Σ wᵢeᵢ² / (n − k)) with the weights as given (estimatr's `sqrt(res_var)`), and the
 *   robust Wald F test that every coefficient but the intercept is 0, with the fit's own variance
 *   matrix, on (q, n − k) df — or (q, G − 1) with G clusters — exactly as `summary(lm_robust)`'s
 *   F-statistic line;
 * - logits: the deviance and null deviance (`glm`), and for unweighted fits the log-likelihood
 *   ℓ = −deviance/2 (0/1 outcomes), AIC = deviance + 2k and BIC = deviance + k·log n (`logLik`,
 *   `AIC`, `BIC`); a weighted logit is a pseudo-likelihood fit, for which these are left null; and
 *   the robust Wald χ² test of all slopes on q df (Stata's "Wald chi2").
 *
 * Every field is null where it does not apply. See docs/statistics.md#fit-summary.
 *
 * @example
 * fitSummary({ ... }, warnings).statistic; // 4.838 for test/oracle d1 weighted HC2 (R: 4.838214 on 5 and 54 DF)
 */
export interface FitSummary {
  /** The outcome as the formula names it. */
  outcome: string;
  nobs: number;
  n_dropped: number;
  n_clusters: number | null;
  r_squared: number | null;
  adj_r_squared: number | null;
  /** Residual standard error (linear models). */
  sigma: number | null;
  /** The robust Wald test that every slope is 0: F for linear models, χ² for logits; null with no slopes. */
  test: "F" | "chisq" | null;
  statistic: number | null;
  /** Numerator df of the test: the number of slopes tested. */
  df: number | null;
  /** Denominator df of the F test (n − k, or clusters − 1 when clustered); null for χ². */
  df_denominator: number | null;
  p_value: number | null;
  df_residual: number;
  log_lik: number | null;
  aic: number | null;
  bic: number | null;
  deviance: number | null;
  null_deviance: number | null;
  df_null: number | null;
}

/** A categorical variable of the model and its levels, the reference (R's base level) first. */
export interface FitFactor {
  variable: string;
  reference: string;
  levels: string[];
}

export interface FitSummaryInput {
  frame: ModelFrame;
  family: "gaussian" | "binomial";
  /** Estimated coefficient names and estimates, in the order of `vcov`. */
  names: readonly string[];
  estimates: readonly number[];
  vcov: DenseMatrix;
  rank: number;
  dfResidual: number;
  nClusters: number | null;
  hasIntercept: boolean;
  /** Linear models: R², adjusted R², and the unweighted residuals y − Xb. */
  linear?: { rSquared: number; adjRSquared: number; residuals: Float64Array };
  /** Logits: deviance and null deviance. */
  logit?: { deviance: number; nullDeviance: number };
}

export function fitSummary(input: FitSummaryInput, warnings: string[]): FitSummary {
  const { frame } = input;
  const n = frame.rows.length;
  const overall = slopesTest(input, warnings);
  const out: FitSummary = {
    outcome: frame.responseLabel,
    nobs: n,
    n_dropped: frame.nDropped,
    n_clusters: input.nClusters,
    r_squared: null,
    adj_r_squared: null,
    sigma: null,
    test: overall?.test ?? null,
    statistic: overall?.statistic ?? null,
    df: overall?.df1 ?? null,
    df_denominator: overall?.df2 ?? null,
    p_value: overall?.p_value ?? null,
    df_residual: input.dfResidual,
    log_lik: null,
    aic: null,
    bic: null,
    deviance: null,
    null_deviance: null,
    df_null: null,
  };
  if (input.linear) {
    const e = input.linear.residuals;
    const w = frame.weights;
    let ssr = 0;
    for (let i = 0; i < e.length; i++) ssr += (w ? w[i] : 1) * e[i] * e[i];
    out.r_squared = input.linear.rSquared;
    out.adj_r_squared = input.linear.adjRSquared;
    out.sigma = Math.sqrt(ssr / input.dfResidual);
  }
  if (input.logit) {
    const { deviance, nullDeviance } = input.logit;
    out.deviance = deviance;
    out.null_deviance = nullDeviance;
    out.df_null = n - (input.hasIntercept ? 1 : 0);
    if (!frame.weights) {
      out.log_lik = -deviance / 2;
      out.aic = deviance + 2 * input.rank;
      out.bic = deviance + log(n) * input.rank;
    }
  }
  return out;
}

/**
 * The robust Wald test of every estimated coefficient but the intercept, or null if there are none
 * or the variance cannot support it (e.g. fewer clusters than slopes), which adds a warning saying
 * why it is not shown.
 */
function slopesTest(input: FitSummaryInput, warnings: string[]): WaldResult | null {
  const slopes = input.names.filter((t) => t !== INTERCEPT);
  if (slopes.length === 0) return null;
  const dfResidual = input.family === "binomial" ? undefined : input.nClusters !== null ? input.nClusters - 1 : input.dfResidual;
  try {
    return waldTest({ names: input.names, estimates: input.estimates, vcov: input.vcov, dfResidual, nClusters: input.nClusters ?? undefined }, { terms: slopes });
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    warnings.push(`the Wald test that all slopes are 0 is not shown: ${e.message}`);
    return null;
  }
}

/** The factors of a frame, each with its levels, the reference first. */
export function fitFactors(frame: ModelFrame): FitFactor[] {
  return frame.variables.flatMap((v) => (v.kind === "factor" && v.levels.length ? [{ variable: v.label, reference: v.levels[0], levels: [...v.levels] }] : []));
}
