import { inputError, listNames } from "../errors.js";

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
}

/** A cell's text as it was read ("" for a missing cell of a column not read from a file). */
export function cellSourceText(column: Column, row: number): string {
  if (column.sourceText) return column.sourceText(row);
  return (column.kind === "number" ? column.text(row) : column.values[row]) ?? "";
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

class ColumnBuilder {
  private numbers: Float64Array | null = new Float64Array(1024);
  /** Source text of numeric cells whose text is not String(value), e.g. "007", "1.50", "NA". */
  private rawText = new Map<number, string>();
  private strings: (string | null)[] | null = null;
  /** Text mode: source text of missing cells other than "", e.g. "NA". */
  private missingText = new Map<number, string>();
  private length = 0;
  numericCount = 0;
  firstNonNumeric: { row: number; value: string } | undefined;

  constructor(
    readonly name: string,
    private readonly missing: ReadonlySet<string>,
  ) {}

  push(value: string): void {
    const row = this.length++;
    // plain integers (most survey codes) skip the trim and the regular expression
    const integer = plainInteger(value);
    const isMissing = this.missing.has(integer === undefined ? value.trim() : value);
    const parsed = isMissing ? undefined : integer ?? parseNumber(value);
    if (!isMissing) {
      if (parsed !== undefined) this.numericCount++;
      else if (!this.firstNonNumeric) this.firstNonNumeric = { row, value };
    }
    if (this.numbers) {
      if (isMissing || parsed !== undefined) {
        if (row >= this.numbers.length) {
          const grown = new Float64Array(this.numbers.length * 2);
          grown.set(this.numbers);
          this.numbers = grown;
        }
        this.numbers[row] = isMissing ? NaN : (parsed as number);
        if (isMissing ? value !== "" : String(parsed) !== value) this.rawText.set(row, value);
        return;
      }
      this.switchToText(row);
    }
    if (isMissing && value !== "") this.missingText.set(row, value);
    this.strings!.push(isMissing ? null : value);
  }

  private switchToText(upTo: number): void {
    const strings: (string | null)[] = new Array(upTo);
    for (let i = 0; i < upTo; i++) {
      strings[i] = this.numericText(i);
      const raw = this.rawText.get(i);
      if (strings[i] === null && raw !== undefined) this.missingText.set(i, raw);
    }
    this.strings = strings;
    this.numbers = null;
    this.rawText.clear();
  }

  private numericText(i: number): string | null {
    const raw = this.rawText.get(i);
    if (raw !== undefined) return this.missing.has(raw.trim()) ? null : raw;
    const v = this.numbers![i];
    return Number.isNaN(v) ? null : String(v);
  }

  finish(): Column {
    const name = this.name;
    if (this.numbers) {
      const values = this.numbers.slice(0, this.length);
      const rawText = this.rawText;
      const missing = this.missing;
      return {
        kind: "number",
        name,
        values,
        text(row: number) {
          const raw = rawText.get(row);
          if (raw !== undefined) return missing.has(raw.trim()) ? null : raw;
          const v = values[row];
          return Number.isNaN(v) ? null : String(v);
        },
        sourceText(row: number) {
          const v = values[row];
          return rawText.get(row) ?? (Number.isNaN(v) ? "" : String(v));
        },
      };
    }
    const strings = this.strings!;
    const missingText = this.missingText;
    return {
      kind: "text",
      name,
      values: strings,
      numericCount: this.numericCount,
      firstNonNumeric: this.firstNonNumeric,
      sourceText: (row: number) => strings[row] ?? missingText.get(row) ?? "",
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
  private readonly lines: number[] = [];
  private readonly source: string;

  constructor(header: readonly string[], options: { source?: string; missing?: readonly string[] } = {}) {
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
        throw inputError(`duplicate column name "${name}" (columns ${before + 1} and ${j + 1})`, {
          location: { file: this.source, line: 1, column: name },
          hint: "rename one of the columns so that every name is unique",
        });
      }
      seen.set(name, j);
    });
    this.builders = header.map((name) => new ColumnBuilder(name, missing));
  }

  addRecord(fields: readonly string[], line: number): void {
    if (fields.length !== this.builders.length) {
      throw inputError(`row has ${fields.length} fields but the header has ${this.builders.length}`, {
        location: { file: this.source, line },
        hint: "check for a missing or extra delimiter, or an unquoted comma inside a value",
      });
    }
    for (let j = 0; j < fields.length; j++) this.builders[j].push(fields[j]);
    this.lines.push(line);
  }

  finish(): DataTable {
    const columns = new Map<string, Column>();
    for (const b of this.builders) columns.set(b.name, b.finish());
    return makeTable(this.source, columns, Int32Array.from(this.lines));
  }
}

/** Wraps columns as a DataTable; `lines` gives each row's source line. */
export function makeTable(source: string, columns: Map<string, Column>, lines?: Int32Array): DataTable {
  const names = [...columns.keys()];
  const first = names.length ? columns.get(names[0])! : undefined;
  const nRows = first ? first.values.length : 0;
  for (const c of columns.values()) {
    if (c.values.length !== nRows) throw new Error(`makeTable: column ${c.name} has ${c.values.length} rows, expected ${nRows}`);
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
  values.forEach((s, row) => {
    if (s === null) return;
    if (parseNumber(s) !== undefined) numericCount++;
    else if (!firstNonNumeric) firstNonNumeric = { row, value: s };
  });
  return { kind: "text", name, values, numericCount, firstNonNumeric };
}

/** The table with more columns (replacing any of the same name); rows and lines unchanged. */
export function withColumns(table: DataTable, extra: readonly Column[]): DataTable {
  const columns = new Map<string, Column>(table.columnNames.map((n) => [n, table.column(n)]));
  for (const c of extra) columns.set(c.name, c);
  return makeTable(table.source, columns, Int32Array.from({ length: table.nRows }, (_, i) => table.lineOf(i)));
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
  for (const name of table.columnNames) {
    const col = table.column(name);
    const at = (k: number) => rows[k];
    const source = col.sourceText;
    const sourceText = source ? (k: number) => source(at(k)) : undefined;
    if (col.kind === "number") {
      const values = Float64Array.from({ length: rows.length }, (_, k) => col.values[at(k)]);
      columns.set(name, { ...numericColumn(name, values, (k) => col.text(at(k))), ...(sourceText && { sourceText }) });
    } else {
      const values = Array.from({ length: rows.length }, (_, k) => col.values[at(k)]);
      columns.set(name, { ...textColumn(name, values), ...(sourceText && { sourceText }) });
    }
  }
  return makeTable(table.source, columns, Int32Array.from({ length: rows.length }, (_, k) => table.lineOf(rows[k])));
}
