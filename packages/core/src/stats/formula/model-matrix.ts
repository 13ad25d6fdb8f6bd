import { type TrialstatError, inputError } from "../../errors.js";
import { type DenseMatrix, zeros } from "../linalg/dense.js";
import { type FrameVariable, type ModelFrame, rowCount, rowsLeftOut } from "./model-frame.js";
import { INTERCEPT } from "./parse.js";
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
  const first = firstCodedLevel(code);
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

/** Contrasts (code 1) leave out the first level, the reference; indicators (code 2) keep every level. */
function firstCodedLevel(code: number): number {
  return code === 1 ? 1 : 0;
}

/** How many design columns a variable gives under its code: one if numeric, else one per coded level. */
function codedColumnCount(v: FrameVariable, code: number): number {
  return v.kind === "numeric" ? 1 : v.levels.length - firstCodedLevel(code);
}

/**
 * The most columns a design may have, whatever the rows. A least-squares fit costs n·p² operations
 * and holds n·p numbers: at 5,000 columns and as many rows that is 10^11 operations (minutes) and
 * 200 MB, far past any trial's model (a few hundred fixed effects at most); beyond it a formula is
 * a mistake, usually interactions with a factor of many levels.
 */
export const MAX_DESIGN_COLUMNS = 5_000;

/**
 * How many columns the design of `terms` has over these variables, worked out from each term's
 * variables and their levels without building it: interactions multiply columns, so a formula of a
 * few terms can ask for millions.
 */
export function designColumnCount(terms: Terms, variables: readonly FrameVariable[], coding = termCoding(terms, (v) => variables[v].kind === "factor")): number {
  const widths = terms.terms.map((term, t) => term.reduce((width, v, k) => width * codedColumnCount(variables[v], coding[t][k]), 1));
  return widths.reduce((sum, w) => sum + w, terms.intercept ? 1 : 0);
}

/**
 * Refuses, before the matrix is built, a model whose design has more columns than the rows it is
 * fitted to: at most n of its coefficients can be estimated, with no residual left for a variance.
 * Not part of building the matrix: R's model.matrix builds such a design, and so does
 * designFromVariables; only fitting it is pointless (and, past a few thousand columns, very slow).
 */
export function refuseMoreColumnsThanRows(frame: ModelFrame): void {
  const n = frame.rows.length;
  const columns = designColumnCount(frame.terms, frame.variables);
  if (columns > n) throw wideDesignError(frame.terms, frame.variables, columns, `more than the ${rowCount(n)} used${rowsLeftOut(frame)}, so its coefficients cannot be estimated`);
}

function wideDesignError(terms: Terms, variables: readonly FrameVariable[], columns: number, why: string): TrialstatError {
  return inputError(`the model's design has ${columns.toLocaleString("en-GB")} columns, ${why}`, { hint: wideDesignHint(terms, variables) });
}

/** What makes a design wide: usually the factor with the most levels, multiplied by interactions. */
function wideDesignHint(terms: Terms, variables: readonly FrameVariable[]): string {
  const termCount = terms.terms.length === 1 ? "1 term" : `${terms.terms.length.toLocaleString("en-GB")} terms`;
  let most = -1;
  variables.forEach((v, i) => {
    const m = variables[most];
    if (v.kind === "factor" && (m?.kind !== "factor" || v.levels.length > m.levels.length)) most = i;
  });
  const factor = variables[most];
  if (factor?.kind !== "factor") return `the formula has ${termCount}${terms.intercept ? " and the intercept" : ""}, one column each: fit fewer terms, or use more rows`;
  const inTerms = terms.terms.filter((term) => term.includes(most)).length;
  return `${factor.label} has ${factor.levels.length.toLocaleString("en-GB")} levels and is in ${inTerms.toLocaleString("en-GB")} of the ${termCount}, and interactions multiply columns: drop interactions with it (write the ones wanted with :) or group its levels`;
}

export function buildModelMatrix(frame: ModelFrame): ModelMatrix {
  return designFromVariables(frame.terms, frame.variables, frame.rows.length);
}

/** Builds the design from evaluated variables (also used for counterfactual predictions). */
export function designFromVariables(terms: Terms, variables: readonly FrameVariable[], n: number): ModelMatrix {
  const coding = termCoding(terms, (v) => variables[v].kind === "factor");
  const width = designColumnCount(terms, variables, coding);
  if (width > MAX_DESIGN_COLUMNS) throw wideDesignError(terms, variables, width, `more than the ${MAX_DESIGN_COLUMNS.toLocaleString("en-GB")} a model may have`);
  const names: string[] = [];
  const assign: number[] = [];
  const columns: CodedColumn[][] = []; // each design column is the product of these
  if (terms.intercept) {
    names.push(INTERCEPT);
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
