import { type VariableExpr, variableLabel } from "./parse.js";
import { type Terms, variableNumbering } from "./terms.js";

/**
 * A model specified as data: the outcome, the terms (each a list of variables; one variable is a
 * main effect, several an interaction) and whether there is an intercept. Programs that build
 * models (the plan runner, randomisation inference, the bootstrap) say what they mean this way
 * instead of writing a formula string that is parsed again; formula strings are the front end for
 * users (`trialstat fit --formula`), and `expandFormula` turns them into the same `Terms`.
 *
 * `modelTerms` orders and labels the terms exactly as R's `terms()` does for the equivalent formula
 * (docs/statistics.md#formulas-and-design-matrices): variables numbered in order of first
 * appearance, terms sorted stably by their number of variables, an interaction's variables in
 * the order of their numbers — so the design's columns and names are those of the formula.
 *
 * @example
 * // y ~ treat * factor(site) + age, as data:
 * modelTerms({
 *   response: column("y"),
 *   terms: [[column("treat")], [factorOf("site")], [column("treat"), factorOf("site")], [column("age")]],
 * });
 * // termLabels: treat, factor(site), age, treat:factor(site)
 */
export interface ModelSpec {
  readonly response: VariableExpr;
  readonly terms: readonly (readonly VariableExpr[])[];
  /** Default true. */
  readonly intercept?: boolean;
}

/** A column used as it is: numeric columns as numbers, text columns as factors. */
export function column(name: string): VariableExpr {
  return { kind: "column", name };
}

/** A column used as a factor even when its codes are numbers (R's `factor(x)`). */
export function factorOf(name: string): VariableExpr {
  return { kind: "factor", name };
}

export function modelTerms(spec: ModelSpec): Terms {
  const { variables, labels, indexOf } = variableNumbering();
  const seen = new Set<string>();
  const numbered: number[][] = [];
  for (const term of spec.terms) {
    const t = [...new Set(term.map(indexOf))].sort((a, b) => a - b);
    const key = t.join(",");
    if (t.length === 0 || seen.has(key)) continue;
    seen.add(key);
    numbered.push(t);
  }
  const terms = numbered.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length || a.i - b.i).map((x) => x.t);
  const termLabels = terms.map((t) => t.map((i) => labels[i]).join(":"));
  const intercept = spec.intercept ?? true;
  const responseLabel = variableLabel(spec.response);
  const text = `${quoted(responseLabel)} ~ ${[...termLabels.map((l) => l.split(":").map(quoted).join(":")), ...(intercept ? [] : ["0"])].join(" + ") || "1"}`;
  return { text, response: spec.response, variables, variableLabels: labels, terms, termLabels, intercept };
}

/** A label as a formula would write it: names that are not syntactic in back-quotes. */
function quoted(label: string): string {
  return /^[A-Za-z.][A-Za-z0-9._]*$/.test(label) || /^(factor|I)\(/.test(label) ? label : `\`${label}\``;
}
