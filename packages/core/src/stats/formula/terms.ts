import { type FormulaNode, type ParsedFormula, type VariableExpr, formulaError, parseFormula, variableLabel } from "./parse.js";

/**
 * The expanded terms of a formula, as R's `terms()` computes them.
 *
 * - `a*b` is `a + b + a:b`; `a/b` is `a + a:b`; `(a + b + c)^2` is every main effect and two-way
 *   interaction; `- term` removes a term; `- 1` or `+ 0` removes the intercept.
 * - Terms are ordered by their number of variables, keeping formula order within an order
 *   (R's default `keep.order = FALSE`): `y ~ a:b + c` has terms `c`, `a:b`.
 * - Variables are numbered in order of first appearance, and a term's label lists its variables
 *   in that order, so `y ~ b:a` gives the term `b:a`, exactly as R does.
 */
export interface Terms {
  /** The formula as written, or (for a model specified as data, model-spec.ts) as R would print it. */
  readonly text: string;
  readonly response: VariableExpr | undefined;
  /** Distinct right-hand-side variables in order of first appearance. */
  readonly variables: readonly VariableExpr[];
  readonly variableLabels: readonly string[];
  /** Each term as ascending variable indices. */
  readonly terms: readonly (readonly number[])[];
  readonly termLabels: readonly string[];
  readonly intercept: boolean;
}

/**
 * Numbers variables in order of first appearance (by their label, so `x` written twice is one
 * variable), as R's terms() does: `indexOf` gives a variable's number, adding it if new.
 */
export function variableNumbering(): { variables: VariableExpr[]; labels: string[]; indexOf(v: VariableExpr): number } {
  const variables: VariableExpr[] = [];
  const labels: string[] = [];
  const indexOf = (v: VariableExpr): number => {
    const label = variableLabel(v);
    let i = labels.indexOf(label);
    if (i < 0) {
      i = labels.length;
      labels.push(label);
      variables.push(v);
    }
    return i;
  };
  return { variables, labels, indexOf };
}

interface Expansion {
  terms: number[][];
  intercept: boolean | undefined;
}

/** The most terms a formula may expand to (far more than any model that can be fitted here). */
export const MAX_TERMS = 10_000;

export function expandFormula(formula: ParsedFormula | string): Terms {
  const f = typeof formula === "string" ? parseFormula(formula) : formula;
  const { variables, labels, indexOf } = variableNumbering();
  if (f.response) indexOf(f.response); // R numbers the response first; it never appears in a term
  const responseLabel = f.response ? variableLabel(f.response) : undefined;

  const key = (t: readonly number[]) => t.join(",");
  const union = (a: number[][], b: number[][]): number[][] => {
    const seen = new Set(a.map(key));
    return [...a, ...b.filter((t) => !seen.has(key(t)) && (seen.add(key(t)), true))];
  };
  // a*b*c*… and (a + b + …)^k multiply out: past MAX_TERMS the expansion would exhaust memory
  const cross = (a: number[][], b: number[][], at: FormulaNode): number[][] => {
    if (a.length * b.length > MAX_TERMS) {
      throw formulaError(f.text, at.pos, `the formula expands to more than ${MAX_TERMS.toLocaleString("en-GB")} terms`, "interactions multiply: a*b*c has 7 terms, and each * doubles them; write the interactions wanted with :");
    }
    const out: number[][] = [];
    for (const s of a) for (const t of b) out.push([...new Set([...s, ...t])].sort((x, y) => x - y));
    return union([], out);
  };
  const noNumbers = (node: FormulaNode, e: Expansion, op: string) => {
    if (e.intercept !== undefined) throw formulaError(f.text, node.pos, `a number cannot be used with "${op}"`);
  };

  const expand = (node: FormulaNode): Expansion => {
    switch (node.type) {
      case "variable": {
        const i = indexOf(node.variable);
        if (variableLabel(node.variable) === responseLabel) {
          throw formulaError(f.text, node.pos, `the outcome ${responseLabel} also appears on the right-hand side`);
        }
        return { terms: [[i]], intercept: undefined };
      }
      case "number":
        if (node.value === 1) return { terms: [], intercept: true };
        if (node.value === 0) return { terms: [], intercept: false };
        throw formulaError(f.text, node.pos, `the number ${node.text} has no meaning here`, "only 1 (add the intercept) and 0 (remove it) may stand alone in a formula");
      case "group":
        return expand(node.inner);
      case "negate": {
        // A leading "- term" removes from nothing; only "- 1" / "- 0" (the intercept) matter.
        const e = expand(node.operand);
        return { terms: [], intercept: e.intercept === undefined ? undefined : !e.intercept };
      }
      case "binary": {
        const l = expand(node.left);
        if (node.op === "+" || node.op === "-") {
          const r = expand(node.right);
          if (node.op === "+") return { terms: union(l.terms, r.terms), intercept: r.intercept ?? l.intercept };
          const drop = new Set(r.terms.map(key));
          return {
            terms: l.terms.filter((t) => !drop.has(key(t))),
            intercept: r.intercept === undefined ? l.intercept : !r.intercept,
          };
        }
        if (node.op === "^") {
          noNumbers(node.left, l, "^");
          const order = (node.right as { value: number }).value;
          let acc = l.terms;
          for (let i = 1; i < order; i++) acc = union(union(acc, l.terms), cross(acc, l.terms, node));
          return { terms: acc, intercept: undefined };
        }
        const r = expand(node.right);
        noNumbers(node.left, l, node.op);
        noNumbers(node.right, r, node.op);
        if (node.op === ":") return { terms: cross(l.terms, r.terms, node), intercept: undefined };
        if (node.op === "*") return { terms: union(union(l.terms, r.terms), cross(l.terms, r.terms, node)), intercept: undefined };
        // a/b = a + (all variables of a):b
        const all = [[...new Set(l.terms.flat())].sort((x, y) => x - y)];
        return { terms: union(l.terms, cross(all, r.terms, node)), intercept: undefined };
      }
    }
  };

  const e = expand(f.rhs);
  // stable sort by order (number of variables)
  const ordered = e.terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length || a.i - b.i).map((x) => x.t);
  // Response-first numbering: shift to right-hand-side-only indices
  const offset = f.response ? 1 : 0;
  const rhsVariables = variables.slice(offset);
  const rhsLabels = labels.slice(offset);
  const terms = ordered.map((t) => t.map((i) => i - offset));
  return {
    text: f.text,
    response: f.response,
    variables: rhsVariables,
    variableLabels: rhsLabels,
    terms,
    termLabels: terms.map((t) => t.map((i) => rhsLabels[i]).join(":")),
    intercept: e.intercept ?? true,
  };
}

/**
 * The terms of `first` followed by those of `second` that `first` lacks, as R's `terms()` gives them
 * for the formula written with both right-hand sides added (`update(f, . ~ . + x1 + x2)`): the
 * variables of `first` keep their numbers, new ones follow in order of appearance, the terms are
 * sorted stably by their number of variables, and the intercept is `first`'s.
 *
 * Used for models whose right-hand side comes in parts: Lin's treatment and covariates, and the
 * regressors and instruments of two-stage least squares (whose model frame holds both).
 *
 * @example
 * combineTerms(expandFormula("y ~ treat"), expandFormula("~ x1 + x1:g")).termLabels;
 * // ["treat", "x1", "x1:g"]
 */
export function combineTerms(first: Terms, second: Terms): Terms {
  const variables = [...first.variables];
  const variableLabels = [...first.variableLabels];
  const renumber = second.variableLabels.map((label, i) => {
    const at = variableLabels.indexOf(label);
    if (at >= 0) return at;
    variables.push(second.variables[i]);
    variableLabels.push(label);
    return variableLabels.length - 1;
  });
  const key = (t: readonly number[]) => t.join(",");
  const seen = new Set(first.terms.map(key));
  const terms: (readonly number[])[] = [...first.terms];
  for (const t of second.terms) {
    // a term lists its variables in ascending number, which names `x:treat` as R does: `treat:x`
    const mapped = t.map((i) => renumber[i]).sort((a, b) => a - b);
    if (seen.has(key(mapped))) continue;
    seen.add(key(mapped));
    terms.push(mapped);
  }
  // stable sort by order, as terms() does for the combined formula
  const ordered = terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length || a.i - b.i).map((x) => x.t);
  return {
    text: first.text,
    response: first.response,
    variables,
    variableLabels,
    terms: ordered,
    termLabels: ordered.map((t) => t.map((i) => variableLabels[i]).join(":")),
    intercept: first.intercept,
  };
}
