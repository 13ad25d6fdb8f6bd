import { type Remedy, inputError } from "../errors.js";
import type { FrameVariable, ModelFrame } from "./formula/model-frame.js";
import { designFromVariables } from "./formula/model-matrix.js";
import { normalQuantile, normalTwoSidedP } from "./distributions/normal.js";
import { type LogitFit, logistic } from "./logit.js";

/**
 * Average marginal effect of a binary variable in a logit: the difference in mean predicted
 * probability with the variable set to 1 and to 0 for every row (weighted by the model's weights
 * when it has them), with a delta-method standard error and normal (z) inference:
 *
 *   AME = Σ wᵢ [Λ(x₁ᵢ'β) − Λ(x₀ᵢ'β)] / Σ wᵢ,
 *   ∇ = Σ wᵢ [Λ₁ᵢ(1 − Λ₁ᵢ) x₁ᵢ − Λ₀ᵢ(1 − Λ₀ᵢ) x₀ᵢ] / Σ wᵢ,   SE = √(∇'V∇)
 *
 * x₁ᵢ and x₀ᵢ are the design rows rebuilt with the variable set, so interactions with it are
 * handled. Agrees with `marginaleffects::avg_comparisons(fit, variables = "treat", vcov = V)`;
 * `include` restricts the average to some rows (`by =` a subgroup).
 * See docs/statistics.md#average-marginal-effect.
 */
export interface MarginalEffect {
  term: string;
  contrast: string;
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
  conf_low: number;
  conf_high: number;
  /** Mean predicted probabilities with the variable at its two values. */
  mean_at_0: number;
  mean_at_1: number;
}

export function averageMarginalEffect(frame: ModelFrame, fit: LogitFit, variable: string, level = 0.95, include?: (row: number) => boolean): MarginalEffect {
  const index = frame.terms.variableLabels.indexOf(variable);
  if (index < 0) {
    throw inputError(`the marginal-effect variable ${variable} is not in the model`, {
      hint: `variables in the model: ${frame.terms.variableLabels.join(", ")}`,
    });
  }
  const v = frame.variables[index];
  const [at0, at1, contrast] = counterfactuals(v);
  const n = frame.rows.length;
  const build = (replacement: FrameVariable) => {
    const vars = frame.variables.map((u, k) => (k === index ? replacement : u));
    return designFromVariables(frame.terms, vars, n).matrix;
  };
  const x0 = build(at0);
  const x1 = build(at1);
  const kept = fit.kept;
  const beta = kept.map((j) => fit.coefficients[j]);
  const w = frame.weights;
  let sw = 0;
  let m0 = 0;
  let m1 = 0;
  const grad = new Float64Array(kept.length);
  for (let i = 0; i < n; i++) {
    if (include && !include(i)) continue;
    let e0 = 0;
    let e1 = 0;
    kept.forEach((j, c) => {
      e0 += x0.data[i + j * n] * beta[c];
      e1 += x1.data[i + j * n] * beta[c];
    });
    const p0 = logistic(e0);
    const p1 = logistic(e1);
    const wi = w ? w[i] : 1;
    sw += wi;
    m0 += wi * p0;
    m1 += wi * p1;
    const d0 = wi * p0 * (1 - p0);
    const d1 = wi * p1 * (1 - p1);
    kept.forEach((j, c) => (grad[c] += d1 * x1.data[i + j * n] - d0 * x0.data[i + j * n]));
  }
  m0 /= sw;
  m1 /= sw;
  for (let c = 0; c < grad.length; c++) grad[c] /= sw;
  const V = fit.variance.matrix;
  const k = kept.length;
  let variance = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) variance += grad[a] * V.data[a + b * k] * grad[b];
  const estimate = m1 - m0;
  const se = Math.sqrt(variance);
  const q = normalQuantile((1 + level) / 2);
  return {
    term: variable,
    contrast,
    estimate,
    std_error: se,
    statistic: estimate / se,
    p_value: normalTwoSidedP(estimate / se),
    conf_low: estimate - q * se,
    conf_high: estimate + q * se,
    mean_at_0: m0,
    mean_at_1: m1,
  };
}

/** The remedy for a marginal effect asked of a variable that is not binary. */
const NAME_ANOTHER: Remedy = { setting: "marginal_effect", reason: "name a 0/1 variable of the model" };

/**
 * The variable set to 0 and to 1 for every row, and the contrast in words. A variable that is not
 * 0/1 (or a two-level category) is the wrong variable to ask about, not data that cannot support
 * the model: an input error, as an arm that is not 0/1 is for randomisation inference.
 */
function counterfactuals(v: FrameVariable): [FrameVariable, FrameVariable, string] {
  const n = v.kind === "numeric" ? v.values.length : v.codes.length;
  if (v.kind === "numeric") {
    for (const x of v.values) {
      if (x !== 0 && x !== 1) {
        throw inputError(`the marginal effect of ${v.label} needs a 0/1 variable, but it takes the value ${x}`, {
          hint: "recode the treatment as 0/1 (or as a two-level category)",
          remedies: [NAME_ANOTHER],
        });
      }
    }
    return [
      { kind: "numeric", label: v.label, values: new Float64Array(n).fill(0) },
      { kind: "numeric", label: v.label, values: new Float64Array(n).fill(1) },
      "1 - 0",
    ];
  }
  if (v.levels.length !== 2) {
    throw inputError(`the marginal effect of ${v.label} needs two categories, but it has ${v.levels.length}`, {
      hint: "use a binary treatment indicator",
      remedies: [NAME_ANOTHER],
    });
  }
  return [
    { kind: "factor", label: v.label, levels: v.levels, codes: new Int32Array(n).fill(0) },
    { kind: "factor", label: v.label, levels: v.levels, codes: new Int32Array(n).fill(1) },
    `${v.levels[1]} - ${v.levels[0]}`,
  ];
}
