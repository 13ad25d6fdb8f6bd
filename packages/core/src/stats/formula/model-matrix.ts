import { type DenseMatrix, zeros } from "../linalg/dense.js";
import type { FrameVariable, ModelFrame } from "./model-frame.js";
import type { Terms } from "./terms.js";

/**
 * The design matrix of a model frame, with R's `model.matrix` column names and coding.
 *
 * Coding (R's rule, src/library/stats/src/model.c, TermCode): in each term a factor is coded by
 * treatment contrasts (levels 2..L, the first level the reference) when the term without that
 * factor is the intercept or is contained in a preceding term; otherwise by one indicator per level.
 * So `y ~ treat * g` and `y ~ treat + treat:g` give `treat:gB`, `treat:gC`, but `y ~ treat:g` (no
 * `treat` main effect) gives `treat:gA`, `treat:gB`, `treat:gC`. Without an intercept the first factor of the first term that has one is
 * coded by indicators (`y ~ g - 1` gives `gA`, `gB`, `gC`).
 *
 * Columns of an interaction vary fastest in its first variable: `a1:b1, a2:b1, a1:b2, a2:b2`.
 *
 * @example
 * // data g = [A, B, C], x numeric; y ~ x * g →
 * // (Intercept), x, gB, gC, x:gB, x:gC
 */
export interface ModelMatrix {
  readonly matrix: DenseMatrix;
  readonly columnNames: readonly string[];
  /** For each column, the index of its term plus one (0 for the intercept), as R's `assign`. */
  readonly assign: Int32Array;
  readonly hasIntercept: boolean;
}

/** How each variable of each term is coded: 1 contrasts, 2 indicators (R's factor-pattern codes). */
export function termCoding(terms: Terms, isFactor: (variable: number) => boolean): number[][] {
  const codes = terms.terms.map((term, t) =>
    term.map((v) => {
      if (!isFactor(v)) return 1;
      const reduced = term.filter((u) => u !== v);
      if (reduced.length === 0) return 1;
      const contained = terms.terms.slice(0, t).some((prev) => reduced.every((u) => prev.includes(u)));
      return contained ? 1 : 2;
    }),
  );
  if (!terms.intercept) {
    outer: for (let t = 0; t < terms.terms.length; t++) {
      for (let k = 0; k < terms.terms[t].length; k++) {
        if (isFactor(terms.terms[t][k])) {
          codes[t][k] = 2;
          break outer;
        }
      }
    }
  }
  return codes;
}

interface CodedColumn {
  name: string;
  /** Writes the column's values over the frame's rows into `out` (zeros on entry). */
  write(out: Float64Array): void;
  /** Multiplies `out` by the column's values, element by element. */
  multiply(out: Float64Array): void;
}

function variableColumns(v: FrameVariable, code: number): CodedColumn[] {
  if (v.kind === "numeric") {
    const x = v.values;
    const multiply = (out: Float64Array) => {
      for (let i = 0; i < out.length; i++) out[i] *= x[i];
    };
    return [{ name: v.label, write: (out) => out.set(x), multiply }];
  }
  const first = code === 1 ? 1 : 0;
  const out: CodedColumn[] = [];
  const codes = v.codes;
  for (let level = first; level < v.levels.length; level++) {
    // an indicator, written straight into the design (no column of its own)
    out.push({
      name: `${v.label}${v.levels[level]}`,
      write: (x) => {
        for (let i = 0; i < x.length; i++) if (codes[i] === level) x[i] = 1;
      },
      multiply: (x) => {
        for (let i = 0; i < x.length; i++) x[i] *= codes[i] === level ? 1 : 0;
      },
    });
  }
  return out;
}

export function buildModelMatrix(frame: ModelFrame): ModelMatrix {
  return designFromVariables(frame.terms, frame.variables, frame.rows.length);
}

/** Builds the design from evaluated variables (also used for counterfactual predictions). */
export function designFromVariables(terms: Terms, variables: readonly FrameVariable[], n: number): ModelMatrix {
  const coding = termCoding(terms, (v) => variables[v].kind === "factor");
  const names: string[] = [];
  const assign: number[] = [];
  const columns: CodedColumn[][] = []; // each design column is the product of these
  if (terms.intercept) {
    names.push("(Intercept)");
    assign.push(0);
    columns.push([]);
  }
  terms.terms.forEach((term, t) => {
    let combos: { name: string; parts: CodedColumn[] }[] = [{ name: "", parts: [] }];
    term.forEach((v, k) => {
      const cols = variableColumns(variables[v], coding[t][k]);
      const next: typeof combos = [];
      // the first variable varies fastest: iterate the new variable's columns in the outer loop
      for (const c of cols) for (const prev of combos) next.push({ name: prev.name ? `${prev.name}:${c.name}` : c.name, parts: [...prev.parts, c] });
      combos = next;
    });
    for (const combo of combos) {
      names.push(combo.name);
      assign.push(t + 1);
      columns.push(combo.parts);
    }
  });
  const matrix = zeros(n, names.length);
  columns.forEach((parts, j) => {
    const out = matrix.data.subarray(j * n, (j + 1) * n);
    if (parts.length === 0) {
      out.fill(1);
      return;
    }
    parts[0].write(out);
    for (let k = 1; k < parts.length; k++) parts[k].multiply(out);
  });
  return { matrix, columnNames: names, assign: Int32Array.from(assign), hasIntercept: terms.intercept };
}

/**
 * The design of `terms` over a frame built for a wider set of terms (every variable of `terms` is
 * in the frame, found by its label): the regressors and the instruments of two-stage least squares
 * share one model frame, as in R's `model.frame` of a two-part formula.
 */
export function designForTerms(frame: ModelFrame, terms: Terms): ModelMatrix {
  const variables = terms.variableLabels.map((label) => {
    const at = frame.terms.variableLabels.indexOf(label);
    if (at < 0) throw new Error(`internal: ${label} is not in the model frame`);
    return frame.variables[at];
  });
  return designFromVariables(terms, variables, frame.rows.length);
}
