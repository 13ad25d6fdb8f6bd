import { inputError, listNames, quoteValue } from "../errors.js";
import { FIXED, NOT_PLAIN, type PlainDecimalKind, plainDecimal, readPlainDecimal } from "./plain-decimal.js";
import type { RecordFields } from "./record-fields.js";

/**
 * A typed, column-oriented table loaded from a CSV extract.
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

/** Parses a strictly formatted decimal number; anything else (NaN, Inf, 1,000, 0x1A) gives undefined. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** The value of an optionally signed run of 1–15 decimal digits (exact in a double), else undefined. */
function plainInteger(text: string): number | undefined {
  const n = text.length;
  if (n === 0 || n > 16) return undefined;
  let i = 0;
  let sign = 1;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) {
    if (n === 1) return undefined;
    sign = first === 45 ? -1 : 1;
    i = 1;
  } else if (n === 16) {
    return undefined;
  }
  let v = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return sign * v;
}

/**
 * A stored copy of a cell's text that does not keep the chunk of file text it was cut from alive:
 * V8 represents substrings of 13 characters or more as views into their parent string, so storing
 * them would hold the whole extract in memory. Shorter substrings are already copies.
 */
export function detachText(s: string): string {
  return s.length >= 13 ? (" " + s).slice(1) : s;
}

/**
 * The decimal places d with which `text` is exactly value.toFixed(d) ("0.00", "1234.50", "-3.10"),
 * or −1. Only plain decimals qualify (no sign "+", exponent or leading zeros).
 */
function fixedDecimals(text: string, value: number): number {
  const dot = text.indexOf(".");
  if (dot < 0) return -1;
  const d = text.length - dot - 1;
  return d > 0 && d <= 20 && value.toFixed(d) === text ? d : -1;
}

function formatted(value: number, decimals: Int8Array | null, row: number): string {
  const d = decimals && row < decimals.length ? decimals[row] : -1;
  return d >= 0 ? value.toFixed(d) : String(value);
}

const MISSING_CELL = 0;
const NUMBER_CELL = 1;
const TEXT_CELL = 2;

/** Distinct values of a text column that are looked up by value (more are stored, not deduplicated). */
const DICTIONARY_INDEX_LIMIT = 1 << 20;

/**
 * The next capacity of a growing column: a quarter more (four times as much below 65,536 rows).
 * Finished columns are views of their buffers (no final copy), so at most a fifth of a long column
 * is spare, and a 10⁷-row extract never needs a column twice over in memory.
 */
function grow(capacity: number): number {
  // four times while small: the copies of a quarter-more growth would dominate reading short files
  return capacity < 1 << 16 ? Math.max(1024, capacity * 4) : Math.ceil(capacity * 1.25);
}

class ColumnBuilder {
  private numbers: Float64Array | null = new Float64Array(1024);
  /**
   * Numeric mode: decimal places of cells written with trailing zeros ("0.00", "1234.50"), so that
   * their exact text is v.toFixed(d) without storing it; −1 (the default) = written as String(v).
   */
  private decimals: Int8Array | null = null;
  /** Source text of numeric cells whose text is not String(value), e.g. "007", "1.50", "NA". */
  private rawText = new Map<number, string>();
  /**
   * Text mode: dictionary codes (−1 = missing). Four bytes a row, and long extracts repeat their
   * keys, dates and codes, so the distinct values are few.
   */
  private codes: Int32Array | null = null;
  private readonly dictionary: string[] = [];
  private readonly codeOf = new Map<string, number>();
  /** The last value coded: long extracts repeat a key on consecutive rows. */
  private lastText: string | undefined;
  private lastCode = -1;
  /** Text mode: what each dictionary entry is (MISSING_CELL, NUMBER_CELL, TEXT_CELL), once seen. */
  private readonly kinds: number[] = [];
  /** Text mode: source text of missing cells other than "", e.g. "NA". */
  private missingText = new Map<number, string>();
  private length = 0;
  numericCount = 0;
  firstNonNumeric: { row: number; value: string } | undefined;

  constructor(
    readonly name: string,
    private readonly missing: ReadonlySet<string>,
    /** Values of the missing-value codes that are plain decimals ("-9"): such cells take the general path. */
    private readonly plainMissing: ReadonlySet<number> = new Set(),
    readonly labels?: ReadonlyMap<string, string>,
  ) {}

  /**
   * Adds the cell text[start, end), which the reader found to be a plain decimal of the given kind
   * and value (plain-decimal.ts) — the same as push(text.slice(start, end)), but in a numeric
   * column (most cells of most extracts) without cutting out a string.
   */
  pushPlain(text: string, start: number, end: number, kind: PlainDecimalKind, value: number, decimals: number): void {
    const numbers = this.numbers;
    if (numbers && (this.plainMissing.size === 0 || !this.plainMissing.has(value))) {
      const row = this.length++;
      this.numericCount++;
      if (row < numbers.length) numbers[row] = value;
      else this.growNumbers()[row] = value;
      if (kind === FIXED) this.setDecimals(row, decimals);
      return;
    }
    this.push(text.slice(start, end));
  }

  private growNumbers(): Float64Array {
    const grown = new Float64Array(grow(this.numbers!.length));
    grown.set(this.numbers!);
    this.numbers = grown;
    return grown;
  }

  /** Adds a cell; null is a cell the file itself marks missing (Stata ".", SPSS sysmis, a Parquet null). */
  push(cell: string | null): void {
    if (cell === null) {
      this.pushFileMissing();
      return;
    }
    const value = cell;
    if (!this.numbers) {
      this.pushText(value);
      return;
    }
    const row = this.length++;
    // plain integers (most survey codes) skip the trim and the regular expression
    const integer = plainInteger(value);
    const isMissing = this.missing.has(integer === undefined ? value.trim() : value);
    const parsed = isMissing ? undefined : integer ?? parseNumber(value);
    if (!isMissing) {
      if (parsed !== undefined) this.numericCount++;
      else if (!this.firstNonNumeric) this.firstNonNumeric = { row, value: detachText(value) };
    }
    if (this.numbers) {
      if (isMissing || parsed !== undefined) {
        if (row >= this.numbers.length) this.growNumbers();
        this.numbers[row] = isMissing ? NaN : (parsed as number);
        if (isMissing ? value !== "" : String(parsed) !== value) {
          const d = isMissing ? -1 : fixedDecimals(value, parsed as number);
          if (d >= 0) {
            this.setDecimals(row, d);
            return;
          }
          this.rawText.set(row, this.dictionary[this.textCode(value)]);
          // zero-padded keys ("0001") and the like: every cell needs its text, so store text
          if (this.rawText.size > 4096 && this.rawText.size > this.length / 4) this.switchToText(this.length);
        }
        return;
      }
      this.switchToText(row);
    }
    if (isMissing && value !== "") this.missingText.set(row, this.dictionary[this.textCode(value)]);
    this.setCode(row, isMissing ? -1 : this.textCode(value));
  }

  /**
   * push() in text mode. Whether a value is missing, a number or text depends on the value alone, so
   * it is worked out once per distinct value (by dictionary code) rather than once per cell.
   */
  private pushText(value: string): void {
    const row = this.length++;
    if (value === "" && this.missing.has("")) {
      this.setCode(row, -1);
      return;
    }
    const code = this.textCode(value);
    let kind = this.kinds[code];
    if (kind === undefined) {
      const integer = plainInteger(value);
      const isMissing = this.missing.has(integer === undefined ? value.trim() : value);
      kind = isMissing ? MISSING_CELL : (integer ?? parseNumber(value)) !== undefined ? NUMBER_CELL : TEXT_CELL;
      this.kinds[code] = kind;
    }
    if (kind === MISSING_CELL) {
      this.missingText.set(row, this.dictionary[code]);
      this.setCode(row, -1);
      return;
    }
    if (kind === NUMBER_CELL) this.numericCount++;
    else if (!this.firstNonNumeric) this.firstNonNumeric = { row, value: detachText(value) };
    this.setCode(row, code);
  }

  private setDecimals(row: number, d: number): void {
    if (!this.decimals) this.decimals = new Int8Array(this.numbers!.length).fill(-1);
    if (this.decimals.length < this.numbers!.length) {
      const grown = new Int8Array(this.numbers!.length).fill(-1);
      grown.set(this.decimals);
      this.decimals = grown;
    }
    this.decimals[row] = d;
  }

  /** The dictionary code of a value, adding it (as a detached copy) if new. */
  private textCode(value: string): number {
    if (value === this.lastText) return this.lastCode;
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      const copy = detachText(value);
      this.dictionary.push(copy);
      if (this.codeOf.size < DICTIONARY_INDEX_LIMIT) this.codeOf.set(copy, code);
    }
    this.lastText = value;
    this.lastCode = code;
    return code;
  }

  /** A cell the file itself marks missing: missing whatever the missing-value codes say, with no text. */
  private pushFileMissing(): void {
    const row = this.length++;
    if (this.numbers) {
      if (row >= this.numbers.length) this.growNumbers();
      this.numbers[row] = NaN;
      return;
    }
    this.setCode(row, -1);
  }

  private setCode(row: number, code: number): void {
    if (!this.codes) this.codes = new Int32Array(Math.max(1024, row * 2));
    if (row >= this.codes.length) {
      const grown = new Int32Array(grow(this.codes.length));
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[row] = code;
  }

  private switchToText(upTo: number): void {
    const numbers = this.numbers!;
    this.numbers = null;
    this.codes = new Int32Array(Math.max(1024, upTo * 2));
    for (let i = 0; i < upTo; i++) {
      const text = this.numericTextOf(numbers, i);
      const raw = this.rawText.get(i);
      if (text === null && raw !== undefined) this.missingText.set(i, raw);
      this.codes[i] = text === null ? -1 : this.textCode(text);
    }
    this.rawText.clear();
    this.decimals = null;
  }

  private numericTextOf(numbers: Float64Array, i: number): string | null {
    const raw = this.rawText.get(i);
    if (raw !== undefined) return this.missing.has(raw.trim()) ? null : raw;
    const v = numbers[i];
    return Number.isNaN(v) ? null : formatted(v, this.decimals, i);
  }

  finish(): Column {
    const name = this.name;
    if (this.numbers) {
      const values = this.numbers.subarray(0, this.length);
      const rawText = this.rawText;
      const missing = this.missing;
      const decimals = this.decimals;
      return {
        kind: "number",
        name,
        values,
        text(row: number) {
          const raw = rawText.get(row);
          if (raw !== undefined) return missing.has(raw.trim()) ? null : raw;
          const v = values[row];
          return Number.isNaN(v) ? null : formatted(v, decimals, row);
        },
        sourceText(row: number) {
          const v = values[row];
          return rawText.get(row) ?? (Number.isNaN(v) ? "" : formatted(v, decimals, row));
        },
        ...(this.labels && { labels: this.labels }),
      };
    }
    const codes = (this.codes ?? new Int32Array(0)).subarray(0, this.length);
    const dictionary = this.dictionary;
    const missingText = this.missingText;
    let values: (string | null)[] | undefined;
    return {
      kind: "text",
      name,
      get values() {
        if (!values) {
          values = new Array<string | null>(codes.length);
          for (let i = 0; i < codes.length; i++) values[i] = codes[i] < 0 ? null : dictionary[codes[i]];
        }
        return values;
      },
      codes,
      dictionary,
      numericCount: this.numericCount,
      firstNonNumeric: this.firstNonNumeric,
      sourceText: (row: number) => (codes[row] >= 0 ? dictionary[codes[row]] : missingText.get(row) ?? ""),
      ...(this.labels && { labels: this.labels }),
    };
  }
}

/**
 * Builds a DataTable one record at a time, so a CSV can be streamed into it.
 *
 * @example
 * const b = new TableBuilder(["id", "y"], { source: "a.csv" });
 * b.addRecord(["1", "2.5"], 2);
 * const t = b.finish(); // t.column("y").values → Float64Array [2.5]
 */
export class TableBuilder {
  private readonly builders: ColumnBuilder[];
  private lines = new Int32Array(1024);
  private rows = 0;
  private readonly source: string;

  private readonly width: number;
  /** Positions (in the header) of the columns kept. */
  private readonly kept: number[];

  /**
   * @param options.keep which columns to keep (by name); the others are checked for shape but not
   *   stored — a long administrative extract often has many columns a plan never reads.
   */
  /**
   * @param options.fileColumns what a binary file says about a column itself: its own missing-value
   *   codes (Stata .a–.z, SPSS user-missing values), missing whatever `missing` says, and its value labels.
   */
  constructor(
    header: readonly string[],
    options: { source?: string; missing?: readonly string[]; keep?: (name: string) => boolean; fileColumns?: (name: string) => FileColumnInfo | undefined } = {},
  ) {
    this.source = options.source ?? "data";
    const missing = new Set((options.missing ?? DEFAULT_MISSING).map((m) => m.trim()));
    const seen = new Map<string, number>();
    header.forEach((name, j) => {
      if (name.trim() === "") {
        throw inputError(`column ${j + 1} of the header has no name`, {
          location: { file: this.source, line: 1 },
          hint: "give every column a name in the first line of the file",
        });
      }
      const before = seen.get(name);
      if (before !== undefined) {
        throw inputError(`duplicate column name ${quoteValue(name)} (columns ${before + 1} and ${j + 1})`, {
          location: { file: this.source, line: 1, column: name },
          hint: "rename one of the columns so that every name is unique",
        });
      }
      seen.set(name, j);
    });
    this.width = header.length;
    this.kept = header.map((_, j) => j).filter((j) => !options.keep || options.keep(header[j]));
    const plainValues = (codes: Iterable<string>) => {
      const plain = new Set<number>();
      for (const m of codes) if (readPlainDecimal(m, 0, m.length) !== NOT_PLAIN) plain.add(plainDecimal.value);
      return plain;
    };
    const plainMissing = plainValues(missing);
    this.builders = this.kept.map((j) => {
      const info = options.fileColumns?.(header[j]);
      if (!info?.missing?.length) return new ColumnBuilder(header[j], missing, plainMissing, info?.labels);
      const own = new Set([...missing, ...info.missing]);
      return new ColumnBuilder(header[j], own, plainValues(own), info.labels);
    });
  }

  /** Adds one record; a null field is a cell the file itself marks missing. */
  addRecord(fields: readonly (string | null)[], line: number): void {
    this.checkWidth(fields.length, line);
    const kept = this.kept;
    for (let k = 0; k < kept.length; k++) this.builders[k].push(fields[kept[k]]);
    this.addLine(line);
  }

  /** Adds a record read by the CSV reader: its `count` fields as ranges of `text`. */
  addFields(text: string, fields: RecordFields, count: number, line: number): void {
    this.checkWidth(count, line);
    const kept = this.kept;
    const { starts, ends, kinds, values, decimals } = fields;
    for (let k = 0; k < kept.length; k++) {
      const j = kept[k];
      const end = ends[j];
      const kind = kinds[j] as PlainDecimalKind;
      if (kind !== NOT_PLAIN) this.builders[k].pushPlain(text, starts[j], end, kind, values[j], decimals[j]);
      else this.builders[k].push(end >= 0 ? text.slice(starts[j], end) : fields.texts[j]!);
    }
    this.addLine(line);
  }

  private checkWidth(count: number, line: number): void {
    if (count !== this.width) {
      throw inputError(`row has ${count} fields but the header has ${this.width}`, {
        location: { file: this.source, line },
        hint: "check for a missing or extra delimiter, or an unquoted comma inside a value",
      });
    }
  }

  private addLine(line: number): void {
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(grow(this.lines.length));
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = line;
  }

  get columnCount(): number {
    return this.width;
  }

  finish(): DataTable {
    const columns = new Map<string, Column>();
    for (const b of this.builders) columns.set(b.name, b.finish());
    return makeTable(this.source, columns, this.lines.subarray(0, this.rows));
  }
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
        throw inputError(`no column named "${name}" in ${source}`, {
          location: { file: source },
          hint: `available columns: ${listNames(names)}`,
        });
      }
      return c;
    },
    lineOf: (row) => (lines ? lines[row] : row + 2),
  };
}

/** A numeric column (NaN = missing); `text` defaults to the shortest decimal of each value. */
export function numericColumn(name: string, values: Float64Array, text?: (row: number) => string | null): NumericColumn {
  return { kind: "number", name, values, text: text ?? ((i) => (Number.isNaN(values[i]) ? null : String(values[i]))) };
}

/** A text column (null = missing). */
export function textColumn(name: string, values: readonly (string | null)[]): TextColumn {
  let numericCount = 0;
  let firstNonNumeric: TextColumn["firstNonNumeric"];
  // categories repeat: test each distinct value once
  const isNumber = new Map<string, boolean>();
  for (let row = 0; row < values.length; row++) {
    const s = values[row];
    if (s === null) continue;
    let numeric = isNumber.get(s);
    if (numeric === undefined) {
      numeric = parseNumber(s) !== undefined;
      if (isNumber.size < 4096) isNumber.set(s, numeric);
    }
    if (numeric) numericCount++;
    else if (!firstNonNumeric) firstNonNumeric = { row, value: s };
  }
  return { kind: "text", name, values, numericCount, firstNonNumeric };
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
