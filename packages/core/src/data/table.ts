import { inputError, listNames } from "../errors.js";

/**
 * A typed, column-oriented table loaded from a CSV extract (built by TableBuilder,
 * table-builder.ts, one column at a time by ColumnBuilder, column-builder.ts).
 *
 * Numeric columns hold a Float64Array (NaN = missing) so that million-row extracts stay compact;
 * the exact source text of a numeric cell is still available (`text(i)`), because "007" and "7"
 * are different participant keys. Text columns hold strings (null = missing).
 */
export type Column = NumericColumn | TextColumn;

export interface NumericColumn {
  readonly kind: "number";
  readonly name: string;
  readonly values: Float64Array;
  /** The cell's text as written in the source (null when missing). */
  text(row: number): string | null;
  /** The cell exactly as read, missing-value codes included (columns read from a file). */
  readonly sourceText?: (row: number) => string;
  /** Value labels stored in the file (Stata, SPSS): a code as written → its label. */
  readonly labels?: ReadonlyMap<string, string>;
}

export interface TextColumn {
  readonly kind: "text";
  readonly name: string;
  readonly values: readonly (string | null)[];
  /** How many non-missing cells parse as numbers: a mostly-numeric text column is probably a typo. */
  readonly numericCount: number;
  /** The first non-missing cell that is not a number, if any. */
  readonly firstNonNumeric: { row: number; value: string } | undefined;
  /** The cell exactly as read, missing-value codes included (columns read from a file). */
  readonly sourceText?: (row: number) => string;
  /**
   * Columns read from a file: each row's index into `dictionary` (−1 = missing). `values` is built
   * from these on first use; code that can work per distinct value (dates, keys, codes) should.
   */
  readonly codes?: Int32Array;
  readonly dictionary?: readonly string[];
  /** Value labels stored in the file (Stata, SPSS): a code as written → its label. */
  readonly labels?: ReadonlyMap<string, string>;
}

/** A cell's text as it was read ("" for a missing cell of a column not read from a file). */
export function cellSourceText(column: Column, row: number): string {
  if (column.sourceText) return column.sourceText(row);
  return (column.kind === "number" ? column.text(row) : column.values[row]) ?? "";
}

/** What a binary file records about one of its columns beyond the cells. */
export interface FileColumnInfo {
  /** Codes that the file itself declares missing (Stata ".a"–".z", SPSS user-missing values). */
  readonly missing?: readonly string[];
  /** Value labels: a code as written → its label. */
  readonly labels?: ReadonlyMap<string, string>;
}

export interface DataTable {
  /** File name (or other label) used in messages. */
  readonly source: string;
  readonly nRows: number;
  readonly columnNames: readonly string[];
  hasColumn(name: string): boolean;
  /** The named column; an input error listing the available columns if there is none. */
  column(name: string): Column;
  /** The 1-based source line on which a row starts. */
  lineOf(row: number): number;
}

export const DEFAULT_MISSING = ["", "NA"] as const;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether text is a plain decimal number as written (`-2`, `+3.5`, `-1e5`; no spaces around it). */
export function isPlainNumber(text: string): boolean {
  return NUMBER.test(text);
}

/**
 * Parses a strictly formatted decimal number; anything else (NaN, Inf, 1,000, 0x1A) gives undefined,
 * and so does a decimal beyond the range of a double: one that overflows (1e400) and one whose
 * digits are not all zero but that underflows to 0 (1e-400), which R reads as Inf and as 0.
 */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) && !(v === 0 && underflows(t)) ? v : undefined;
}

/**
 * Why a cell that parseNumber refuses is not a number when it is written as one (to follow "is not a
 * number" in a message): it is beyond the range of a double. "" for any other cell.
 *
 * @example
 * outOfRangeNote("1e400"); // " (beyond the range of a double, ±1.8e308)"
 * outOfRangeNote("n/a");   // ""
 */
export function outOfRangeNote(text: string): string {
  const t = text.trim();
  if (!NUMBER.test(t)) return "";
  const v = Number(t);
  if (!Number.isFinite(v)) return " (beyond the range of a double, ±1.8e308)";
  return v === 0 && underflows(t) ? " (closer to 0 than a double can hold, 4.9e-324: it would be read as 0)" : "";
}

/** A decimal that reads as 0 although one of its digits before the exponent is not 0. */
function underflows(decimal: string): boolean {
  const e = decimal.search(/[eE]/);
  return /[1-9]/.test(e < 0 ? decimal : decimal.slice(0, e));
}

/**
 * A stored copy of a cell's text that does not keep the chunk of file text it was cut from alive:
 * V8 represents substrings of 13 characters or more as views into their parent string, so storing
 * them would hold the whole extract in memory. Shorter substrings are already copies.
 */
export function detachText(s: string): string {
  return s.length >= 13 ? (" " + s).slice(1) : s;
}

/** Wraps columns as a DataTable; `lines` gives each row's source line. */
export function makeTable(source: string, columns: Map<string, Column>, lines?: Int32Array): DataTable {
  const names = [...columns.keys()];
  const first = names.length ? columns.get(names[0])! : undefined;
  // a column read from a file counts its rows by its codes (its values array is built only on use)
  const rowsOf = (c: Column) => (c.kind === "text" && c.codes ? c.codes.length : c.values.length);
  const nRows = first ? rowsOf(first) : 0;
  for (const c of columns.values()) {
    if (rowsOf(c) !== nRows) throw new Error(`makeTable: column ${c.name} has ${rowsOf(c)} rows, expected ${nRows}`);
  }
  return {
    source,
    nRows,
    columnNames: names,
    hasColumn: (name) => columns.has(name),
    column(name) {
      const c = columns.get(name);
      if (!c) {
        throw inputError(`no column named "${name}" in ${source}`, { location: { file: source }, hint: missingColumnHint(name, names) });
      }
      return c;
    },
    lineOf: (row) => (lines ? lines[row] : row + 2),
  };
}

/** Refuses a table with a header and no rows: there is nothing to analyse (fit) or score, and it is usually a file cut short. */
export function requireDataRows(table: DataTable): void {
  if (table.nRows === 0) {
    throw inputError(`${table.source} has a header but no data rows`, { location: { file: table.source }, hint: "check that the right file was given and that it was fully written" });
  }
}

/**
 * The hint for a column asked for and not found: the name the file has when it differs only by
 * spaces around it (a header written "y, x", or a name given with spaces), else the columns there are.
 *
 * @example
 * missingColumnHint("x", ["y", " x"]); // 'the file has " x", with a space before the name: remove it from the header'
 */
export function missingColumnHint(name: string, names: readonly string[]): string {
  return spacingHint(name, names) ?? `available columns: ${listNames(names)}`;
}

/** The part of missingColumnHint about spaces: undefined when no column differs from `name` only by spaces around it. */
export function spacingHint(name: string, names: readonly string[]): string | undefined {
  const spaced = names.find((n) => n !== name && n.trim() === name.trim() && n.trim() !== "");
  if (spaced === undefined) return undefined;
  const around = (text: string) => (text === "" ? undefined : text === " " ? "a space" : /^ +$/.test(text) ? `${text.length} spaces` : "white space");
  const before = around(spaced.slice(0, spaced.length - spaced.trimStart().length));
  const after = around(spaced.slice(spaced.trimEnd().length));
  const where = [before && `${before} before the name`, after && `${after} after it`].filter(Boolean).join(" and ");
  if (where === "") return `the file has "${spaced}", without the spaces around "${name}": give the name without them`;
  return `the file has "${spaced}", with ${where}: remove ${before && after ? "them" : "it"} from the header`;
}

/** A numeric column (NaN = missing); `text` defaults to the shortest decimal of each value. */
export function numericColumn(name: string, values: Float64Array, text?: (row: number) => string | null): NumericColumn {
  return { kind: "number", name, values, text: text ?? ((i) => (Number.isNaN(values[i]) ? null : String(values[i]))) };
}

/**
 * A text column (null = missing), with each row's code into its distinct values when they are few
 * (categories: the model builders then work with integers, not strings). The coding of an array is
 * kept for as long as the array lives, as a plan builds a table per model from the same columns: a
 * column's array is never changed once it is a column (TextColumn.values is read-only).
 */
export function textColumn(name: string, values: readonly (string | null)[]): TextColumn {
  let coded = codedTexts.get(values);
  if (!coded) {
    coded = codeTexts(values);
    codedTexts.set(values, coded);
  }
  return { kind: "text", name, values, ...coded };
}

/** Distinct values past which a text column is not coded (identifiers, free text). */
const MAX_CODED_VALUES = 1 << 16;

type CodedTexts = Pick<TextColumn, "numericCount" | "firstNonNumeric" | "codes" | "dictionary">;
const codedTexts = new WeakMap<readonly (string | null)[], CodedTexts>();

function codeTexts(values: readonly (string | null)[]): CodedTexts {
  let numericCount = 0;
  let firstNonNumeric: TextColumn["firstNonNumeric"];
  let codes: Int32Array | undefined = new Int32Array(values.length);
  const dictionary: string[] = [];
  // categories repeat: each distinct value is looked at once
  const index = new Map<string, number>();
  const isNumber: boolean[] = [];
  for (let row = 0; row < values.length; row++) {
    const s = values[row];
    if (s === null) {
      if (codes) codes[row] = -1;
      continue;
    }
    let code = index.get(s);
    let numeric: boolean;
    if (code !== undefined) numeric = isNumber[code];
    else if (dictionary.length < MAX_CODED_VALUES) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
      isNumber.push((numeric = parseNumber(s) !== undefined));
    } else {
      // too many values to code: the rest are tested one by one
      codes = undefined;
      numeric = parseNumber(s) !== undefined;
    }
    if (codes) codes[row] = code!;
    if (numeric) numericCount++;
    else if (!firstNonNumeric) firstNonNumeric = { row, value: s };
  }
  return codes ? { numericCount, firstNonNumeric, codes, dictionary } : { numericCount, firstNonNumeric };
}

/** The table with more columns (replacing any of the same name); rows and lines unchanged. */
export function withColumns(table: DataTable, extra: readonly Column[]): DataTable {
  const columns = new Map<string, Column>(table.columnNames.map((n) => [n, table.column(n)]));
  for (const c of extra) columns.set(c.name, c);
  // a plain loop: typed-array from() with a callback is slow, and the SAP runner extends a table per model
  const lines = new Int32Array(table.nRows);
  for (let i = 0; i < lines.length; i++) lines[i] = table.lineOf(i);
  return makeTable(table.source, columns, lines);
}

/** Builds a table from plain arrays (numbers → numeric column, strings → text column). */
export function tableFromColumns(
  data: Record<string, readonly (number | string | null)[] | Float64Array>,
  source = "data",
): DataTable {
  const columns = new Map<string, Column>();
  for (const name of Object.keys(data)) {
    const values = data[name];
    const isNumeric = values instanceof Float64Array || values.every((v) => v === null || typeof v === "number");
    if (isNumeric) {
      const arr = values instanceof Float64Array ? values : Float64Array.from(values as (number | null)[], (v) => (v === null ? NaN : v));
      columns.set(name, numericColumn(name, arr));
    } else {
      columns.set(name, textColumn(name, (values as (number | string | null)[]).map((v) => (v === null ? null : String(v)))));
    }
  }
  return makeTable(source, columns);
}

/**
 * The given rows of a table, in the order given, keeping each row's source line and every cell's
 * exact text (so messages about the subset still point into the original file).
 *
 * @example
 * const sub = selectRows(table, [0, 2]); // sub.lineOf(1) === table.lineOf(2)
 */
export function selectRows(table: DataTable, rows: ArrayLike<number>): DataTable {
  const columns = new Map<string, Column>();
  const m = rows.length;
  // plain loops: the SAP runner subsets model tables hundreds of times per run
  for (const name of table.columnNames) {
    const col = table.column(name);
    const at = (k: number) => rows[k];
    const source = col.sourceText;
    const sourceText = source ? (k: number) => source(at(k)) : undefined;
    if (col.kind === "number") {
      const values = new Float64Array(m);
      for (let k = 0; k < m; k++) values[k] = col.values[rows[k]];
      columns.set(name, { ...numericColumn(name, values, (k) => col.text(at(k))), ...(sourceText && { sourceText }), ...(col.labels && { labels: col.labels }) });
    } else {
      const values: (string | null)[] = new Array(m);
      for (let k = 0; k < m; k++) values[k] = col.values[rows[k]];
      columns.set(name, { ...textColumn(name, values), ...(sourceText && { sourceText }), ...(col.labels && { labels: col.labels }) });
    }
  }
  const lines = new Int32Array(m);
  for (let k = 0; k < m; k++) lines[k] = table.lineOf(rows[k]);
  return makeTable(table.source, columns, lines);
}
