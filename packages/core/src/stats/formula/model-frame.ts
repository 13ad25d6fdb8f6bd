import { type DataTable, type TextColumn, outOfRangeNote } from "../../data/table.js";
import { DICTIONARY_INDEX_LIMIT } from "../../data/text-dictionary.js";
import { inputError, listNames, quoteValue, showValue } from "../../errors.js";
import { type VariableExpr, evaluateArithmetic, variableLabel } from "./parse.js";
import type { Terms } from "./terms.js";

/**
 * The rows and variables a model uses, after listwise deletion (R's `model.frame` with `na.omit`).
 *
 * Every dropped row is counted, and by which variable it was missing, so results can say exactly
 * what was excluded. Factor levels are taken from the rows kept (R's `drop.unused.levels = TRUE`),
 * sorted by code point for text (R in the C locale) and numerically for `factor(number)`; the
 * first level is the reference.
 */
/** 1,200 or 12,345.67: a number with thousands separators, which CSV extracts sometimes carry. */
export const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export type FrameVariable =
  | { readonly kind: "numeric"; readonly label: string; readonly values: Float64Array }
  | { readonly kind: "factor"; readonly label: string; readonly codes: Int32Array; readonly levels: readonly string[] };

export interface ModelFrame {
  readonly table: DataTable;
  readonly terms: Terms;
  /** Indices (into the table) of the rows used, ascending. */
  readonly rows: Int32Array;
  readonly nDropped: number;
  /** Of those, rows whose weight is 0 (left out as lm and Stata leave them out: they carry no information). */
  readonly nZeroWeight: number;
  /** For each variable with missing values among the table's rows: how many rows lacked it. */
  readonly missingBy: readonly { variable: string; count: number }[];
  readonly responseLabel: string;
  readonly response: Float64Array;
  readonly variables: readonly FrameVariable[];
  readonly weights: Float64Array | undefined;
  readonly cluster: { readonly label: string; readonly codes: Int32Array; readonly levels: readonly string[] } | undefined;
}

export interface ModelFrameOptions {
  /** Column of (probability) weights: must be positive wherever the model's variables are present. */
  weights?: string;
  /** Column identifying clusters. */
  cluster?: string;
  /** The clusters' name in messages, when the column's own name is not the user's (default: `cluster`). */
  clusterLabel?: string;
  /** `binomial` needs a 0/1 (or two-level) outcome. */
  family?: "gaussian" | "binomial";
  /**
   * The reference level of factors, by column name (R's `relevel`): that level comes first, so the
   * other levels' coefficients are differences from it. Default: the first level in sorted order.
   */
  reference?: ReadonlyMap<string, string>;
}

/** Per-row representation before deletion: numbers (NaN missing) or text (null missing). */
/**
 * A variable as read from the table. Text may come with each row's code into its distinct values
 * (`coded`: a file's column, or a plan's, with few distinct values), so that finding the levels
 * among the rows used takes integers, not strings.
 */
type RawVariable = { kind: "numeric"; values: Float64Array } | { kind: "text"; values: readonly (string | null)[]; numericLevels: boolean; coded?: CodedText };

/** Each row's index into the distinct values (−1 = missing). */
type CodedText = { codes: Int32Array; dictionary: readonly string[] };

/** The codes of a text column, when its dictionary holds each value once (TextDictionary's index limit). */
function codedOf(col: TextColumn): CodedText | undefined {
  return col.codes && col.dictionary && col.dictionary.length < DICTIONARY_INDEX_LIMIT ? { codes: col.codes, dictionary: col.dictionary } : undefined;
}

export function buildModelFrame(table: DataTable, terms: Terms, options: ModelFrameOptions = {}): ModelFrame {
  if (!terms.response) {
    throw inputError("the formula has no outcome", { hint: 'write the outcome before "~": y ~ treat + x1' });
  }
  const family = options.family ?? "gaussian";
  const responseLabel = variableLabel(terms.response);
  const n = table.nRows;

  const rawResponse = readVariable(table, terms.response, family === "binomial" ? "binary outcome" : "outcome");
  const rawVars = terms.variables.map((v) => readVariable(table, v, "predictor"));
  const rawWeights = options.weights ? readNumericColumn(table, options.weights, "weights") : undefined;
  const rawCluster = options.cluster ? readClusterColumn(table, options.cluster) : undefined;

  // Listwise deletion over the outcome, the predictors that appear in a term, and the cluster.
  const used = new Set(terms.terms.flat());
  const checked: { label: string; raw: RawVariable }[] = [{ label: responseLabel, raw: rawResponse }];
  terms.variables.forEach((v, i) => {
    if (used.has(i)) checked.push({ label: terms.variableLabels[i], raw: rawVars[i] });
  });
  if (rawCluster && options.cluster) checked.push({ label: options.cluster, raw: rawCluster });

  const complete = new Uint8Array(n).fill(1);
  const missingBy: { variable: string; count: number }[] = [];
  for (const { label, raw } of checked) {
    let count = 0;
    // one loop per kind of column (this runs for every variable of every model of a plan)
    if (raw.kind === "numeric") {
      const values = raw.values;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (Number.isNaN(v)) {
          count++;
          complete[i] = 0;
        } else if (!Number.isFinite(v)) {
          throw inputError(`${label} is ${v} in row ${i + 1}`, {
            location: { file: table.source, line: table.lineOf(i), column: label },
            hint: "a transformation produced an infinite value (e.g. log of 0): fix the data or the transformation",
          });
        }
      }
    } else {
      const values = raw.values;
      for (let i = 0; i < n; i++) {
        if (values[i] === null) {
          count++;
          complete[i] = 0;
        }
      }
    }
    if (count > 0) missingBy.push({ variable: label, count });
  }

  // a weight of 0 takes the row out of the model (lm and Stata do the same), counted on its own
  let nZeroWeight = 0;
  if (rawWeights) {
    for (let i = 0; i < n; i++) {
      if (complete[i] && rawWeights[i] === 0) {
        complete[i] = 0;
        nZeroWeight++;
      }
    }
  }
  let nUsed = 0;
  for (let i = 0; i < n; i++) nUsed += complete[i];
  const rows = new Int32Array(nUsed);
  for (let i = 0, k = 0; i < n; i++) if (complete[i]) rows[k++] = i;
  if (nUsed === 0 && nZeroWeight > 0) {
    throw inputError(`no rows left: every row with complete model variables has weight 0 (${nZeroWeight} rows)`, {
      location: { file: table.source, column: options.weights },
      hint: "check the weight column named",
    });
  }
  if (nUsed === 0) {
    const detail = missingBy.map((m) => `${m.variable}: ${m.count}`).join(", ");
    throw inputError(`no rows left: all ${n} rows have a missing value in a model variable (${detail})`, {
      location: { file: table.source },
      hint: "check the missing-value codes and that the columns named are the ones meant",
    });
  }

  let weights: Float64Array | undefined;
  if (rawWeights && options.weights) {
    weights = new Float64Array(nUsed);
    for (let k = 0; k < nUsed; k++) {
      const i = rows[k];
      const w = rawWeights[i];
      if (!(w > 0) || !Number.isFinite(w)) {
        const what = Number.isNaN(w) ? "missing" : w < 0 ? "negative" : "not finite";
        throw inputError(`weight is ${what} (${table.column(options.weights).kind === "number" ? String(w) : "?"}) in a row the model uses`, {
          location: { file: table.source, line: table.lineOf(i), column: options.weights },
          hint: "weights must be positive numbers (or 0, which leaves the row out) for every row with complete model variables; drop such rows or fix the weight",
        });
      }
      weights[k] = w;
    }
  }

  const response = responseValues(table, rawResponse, rows, responseLabel, family);
  const variables: FrameVariable[] = rawVars.map((raw, j) => {
    const v = terms.variables[j];
    const reference = v.kind === "I" || v.kind === "call" || !used.has(j) ? undefined : options.reference?.get(v.name);
    return relevel(table, toFrameVariable(table, raw, rows, terms.variableLabels[j], used.has(j)), reference);
  });
  const unknown = [...(options.reference?.keys() ?? [])].filter((name) => !terms.variables.some((v, j) => used.has(j) && (v.kind === "column" || v.kind === "factor") && v.name === name));
  if (unknown.length) {
    throw inputError(`a reference level is given for ${listNames(unknown)}, which ${unknown.length === 1 ? "is not a factor" : "are not factors"} of the model`, {
      hint: "name a categorical variable of the formula (text, or numeric codes in factor())",
    });
  }

  let cluster: ModelFrame["cluster"];
  if (rawCluster && options.cluster) {
    // one cluster is refused with the other designs that cannot support their variance (design-checks.ts)
    const f = factorize(rawCluster, rows);
    cluster = { label: options.clusterLabel ?? options.cluster, codes: f.codes, levels: f.levels };
  }

  return { table, terms, rows, nDropped: n - nUsed, nZeroWeight, missingBy, responseLabel, response, variables, weights, cluster };
}

function readVariable(table: DataTable, v: VariableExpr, role: "outcome" | "binary outcome" | "predictor"): RawVariable {
  if (v.kind === "I" || v.kind === "call") {
    const values = evaluateArithmetic(v.body, (name) => readNumericColumn(table, name, `I() in ${variableLabel(v)}`), table.nRows);
    return { kind: "numeric", values };
  }
  const col = table.column(v.name);
  if (v.kind === "factor") {
    if (col.kind === "number") return { kind: "text", values: numericLevels(col.values), numericLevels: true };
    return { kind: "text", values: col.values, numericLevels: false, coded: codedOf(col) };
  }
  if (col.kind === "number") return { kind: "numeric", values: col.values };
  const coded = codedOf(col);
  // a yes/no outcome of a logit: its two levels are coded 0/1 (responseValues)
  if (role === "binary outcome" && col.numericCount === 0) return { kind: "text", values: col.values, numericLevels: false, coded };
  // A text column: categorical, unless it is mostly numbers with a stray bad value.
  const separated = coded ? firstCodedWithThousands(coded) : firstWithThousands(col.values);
  if (separated >= 0) {
    throw inputError(`${quoteValue(col.values[separated]!)} in ${v.name} looks like a number written with thousands separators`, {
      location: { file: table.source, line: table.lineOf(separated), column: v.name },
      hint: "write numbers without separators (1,200 → 1200); if the column really is categorical, use factor()",
    });
  }
  // (the values are counted only for a column with numbers in it: a categorical one has none)
  if (role !== "predictor" || (col.numericCount > 0 && col.numericCount >= col.values.reduce((s, x) => s + (x === null ? 0 : 1), 0) / 2)) {
    const bad = col.firstNonNumeric!;
    throw inputError(`non-numeric value ${quoteValue(bad.value)}${outOfRangeNote(bad.value)} in ${role !== "predictor" ? "the outcome" : "numeric column"} ${v.name}`, {
      location: { file: table.source, line: table.lineOf(bad.row), column: v.name },
      hint:
        role !== "predictor"
          ? "the outcome must be a number in every row (or a missing-value code such as NA or an empty cell)"
          : `fix the value or mark it missing; if ${v.name} is categorical, write factor(${v.name}) in the formula`,
    });
  }
  return { kind: "text", values: col.values, numericLevels: false, coded };
}

/** firstWithThousands of a coded column: each distinct value is tested, and the rows are looked at only if one matches. */
function firstCodedWithThousands({ codes, dictionary }: CodedText): number {
  const separated = dictionary.map((x) => THOUSANDS.test(x.trim()));
  if (!separated.includes(true)) return -1;
  return codes.findIndex((c) => c >= 0 && separated[c]);
}

/**
 * The first row whose text looks like a number with thousands separators, or −1. Categories
 * repeat, and a plan reads its text columns for every model: each distinct value is tested once.
 */
function firstWithThousands(values: readonly (string | null)[]): number {
  const tested = new Set<string>();
  for (let row = 0; row < values.length; row++) {
    const x = values[row];
    if (x === null || tested.has(x)) continue;
    if (THOUSANDS.test(x.trim())) return row;
    if (tested.size < 4096) tested.add(x);
  }
  return -1;
}

function readNumericColumn(table: DataTable, name: string, role: string): Float64Array {
  const col = table.column(name);
  if (col.kind === "number") return col.values;
  const bad = col.firstNonNumeric!;
  throw inputError(`non-numeric value ${quoteValue(bad.value)}${outOfRangeNote(bad.value)} in ${name} (${role})`, {
    location: { file: table.source, line: table.lineOf(bad.row), column: name },
    hint: `${name} must hold numbers (missing cells may be empty or NA)`,
  });
}

function readClusterColumn(table: DataTable, name: string): RawVariable {
  const col = table.column(name);
  if (col.kind === "number") return { kind: "text", values: Array.from({ length: table.nRows }, (_, i) => col.text(i)), numericLevels: false };
  return { kind: "text", values: col.values, numericLevels: false, coded: codedOf(col) };
}

/** R's as.character for a double: 15 significant digits. */
function numericLevel(v: number): string | null {
  return Number.isNaN(v) ? null : String(Number(v.toPrecision(15)));
}

/** numericLevel of each value, each distinct value formatted once (factor codes repeat). */
function numericLevels(values: Float64Array): (string | null)[] {
  const out = new Array<string | null>(values.length);
  const seen = new Map<number, string | null>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let level = seen.get(v);
    if (level === undefined) {
      level = numericLevel(v);
      if (seen.size < 4096) seen.set(v, level);
    }
    out[i] = level;
  }
  return out;
}

function factorize(raw: RawVariable, rows: Int32Array): { codes: Int32Array; levels: string[] } {
  if (raw.kind === "text" && raw.coded) return factorizeCoded(raw.coded, rows, raw.numericLevels);
  const values = raw.kind === "text" ? raw.values : numericLevels(raw.values);
  const distinct = new Set<string>();
  for (const i of rows) distinct.add(values[i] as string);
  const levels = [...distinct];
  levels.sort(levelOrder(raw.kind === "text" && raw.numericLevels));
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) codes[k] = index.get(values[rows[k]] as string)!;
  return { codes, levels };
}

/** The order of a factor's levels: by value for numeric codes, else by UTF-16 code units. */
function levelOrder(numeric: boolean): (a: string, b: string) => number {
  return numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * factorize() of a coded column: the levels are the distinct values among the rows used, in the
 * same order (each value is in the dictionary once, so the sort sees the same strings).
 */
function factorizeCoded(coded: CodedText, rows: Int32Array, numeric: boolean): { codes: Int32Array; levels: string[] } {
  const { codes: rowCodes, dictionary } = coded;
  const seen = new Uint8Array(dictionary.length);
  for (let k = 0; k < rows.length; k++) seen[rowCodes[rows[k]]] = 1;
  const present: number[] = [];
  for (let c = 0; c < dictionary.length; c++) if (seen[c]) present.push(c);
  const order = levelOrder(numeric);
  present.sort((a, b) => order(dictionary[a], dictionary[b]));
  const levelOf = new Int32Array(dictionary.length);
  present.forEach((c, level) => (levelOf[c] = level));
  const codes = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) codes[k] = levelOf[rowCodes[rows[k]]];
  return { codes, levels: present.map((c) => dictionary[c]) };
}

function toFrameVariable(table: DataTable, raw: RawVariable, rows: Int32Array, label: string, used: boolean): FrameVariable {
  if (raw.kind === "numeric") {
    if (rows.length === raw.values.length) return { kind: "numeric", label, values: raw.values }; // nothing dropped
    const values = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) values[k] = raw.values[rows[k]];
    return { kind: "numeric", label, values };
  }
  if (!used) return { kind: "factor", label, codes: new Int32Array(rows.length), levels: [] };
  const { codes, levels } = factorize(raw, rows);
  if (levels.length < 2) {
    throw inputError(`${label} has only one value (${showValue(levels[0])}) among the ${rows.length} rows used, so it has no contrast to estimate`, {
      location: { file: table.source, column: label },
      hint: `remove ${label} from the model (the formula; in a plan, the covariates or the population's strata), or check which rows were dropped for missing values`,
    });
  }
  return { kind: "factor", label, codes, levels };
}

/** The variable with its reference level first (R's relevel), unchanged without one. */
function relevel(table: DataTable, v: FrameVariable, reference: string | undefined): FrameVariable {
  if (reference === undefined) return v;
  if (v.kind !== "factor") {
    throw inputError(`a reference level is given for ${v.label}, which is numeric`, {
      location: { file: table.source, column: v.label },
      hint: `a reference level applies to a categorical variable; write factor(${v.label}) in the formula to treat its codes as categories`,
    });
  }
  const at = v.levels.indexOf(reference);
  if (at < 0) {
    throw inputError(`the reference level ${quoteValue(reference)} is not a level of ${v.label} in the rows used (levels: ${listNames(v.levels.map(quoteValue), 8)})`, {
      location: { file: table.source, column: v.label },
      hint: "name one of its levels, spelt as in the data",
    });
  }
  if (at === 0) return v;
  const levels = [v.levels[at], ...v.levels.slice(0, at), ...v.levels.slice(at + 1)];
  const codes = new Int32Array(v.codes.length);
  for (let k = 0; k < codes.length; k++) {
    const c = v.codes[k];
    codes[k] = c === at ? 0 : c < at ? c + 1 : c;
  }
  return { kind: "factor", label: v.label, codes, levels };
}

function responseValues(table: DataTable, raw: RawVariable, rows: Int32Array, label: string, family: "gaussian" | "binomial"): Float64Array {
  const out = new Float64Array(rows.length);
  if (raw.kind === "numeric") {
    for (let k = 0; k < rows.length; k++) {
      const v = raw.values[rows[k]];
      if (family === "binomial" && v !== 0 && v !== 1) {
        throw inputError(`the outcome ${label} is ${v}, but a binomial (logit) model needs 0 or 1`, {
          location: { file: table.source, line: table.lineOf(rows[k]), column: label },
          hint: "code the outcome as 0/1",
          remedies: [{ setting: "family", value: "gaussian", reason: "use a linear probability model" }],
        });
      }
      out[k] = v;
    }
    return out;
  }
  // A text outcome is only meaningful for a binary model: the second level (in sorted order) is 1.
  const { codes, levels } = factorize(raw, rows);
  if (family !== "binomial" || levels.length !== 2) {
    throw inputError(`the outcome ${label} is not numeric (values: ${listNames(levels.map(quoteValue), 6)})`, {
      location: { file: table.source, column: label },
      hint: family === "binomial" ? "a binomial outcome must have exactly two values" : "the outcome must be numeric; for a yes/no outcome use 0/1",
      remedies: family === "binomial" ? [] : [{ setting: "family", value: "binomial", reason: "fit a logit of a yes/no outcome" }],
    });
  }
  for (let k = 0; k < rows.length; k++) out[k] = codes[k];
  return out;
}

/** "1 row", "1,234 rows". */
export const rowCount = (n: number) => (n === 1 ? "1 row" : `${n.toLocaleString("en-GB")} rows`);

/** The rows the model left out and why, for a message about the rows used: " (4 of 5 rows were left out: 4 because their weight is 0)". */
export function rowsLeftOut(frame: ModelFrame): string {
  if (frame.nDropped === 0) return "";
  const missing = frame.nDropped - frame.nZeroWeight;
  const why = [
    ...(missing > 0 ? [`${missing.toLocaleString("en-GB")} for a missing value (${frame.missingBy.map((m) => `${m.variable}: ${m.count.toLocaleString("en-GB")}`).join(", ")})`] : []),
    ...(frame.nZeroWeight > 0 ? [`${frame.nZeroWeight.toLocaleString("en-GB")} because ${frame.nZeroWeight === 1 ? "its" : "their"} weight is 0`] : []),
  ];
  const total = frame.rows.length + frame.nDropped;
  return ` (${frame.nDropped.toLocaleString("en-GB")} of ${rowCount(total)} ${frame.nDropped === 1 ? "was" : "were"} left out: ${why.join(", ")})`;
}
