import { FIXED, type PlainDecimalKind } from "./plain-decimal.js";
import { type Column, detachText, parseNumber } from "./table.js";
import { TextDictionary } from "./text-dictionary.js";

/**
 * One column of a table being read, a cell at a time: numeric while every cell is a number or a
 * missing-value code (a Float64Array, with the exact text of the cells whose text is not
 * String(value): "007", "1.50", "NA"), else text as dictionary codes (long extracts repeat their
 * keys, dates and codes). `finish()` gives the Column without copying its buffers.
 *
 * @example
 * const b = new ColumnBuilder("y", new Set(["", "NA"]));
 * b.push("1.50"); b.push("NA"); b.push("2");
 * const y = b.finish(); // kind "number", values [1.5, NaN, 2], text(0) "1.50", text(1) null
 */
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

/**
 * The next capacity of a growing column: a quarter more (four times as much below 65,536 rows).
 * A long column grown this way finishes as a view of its buffer (no final copy: see usedPart), at
 * most a fifth of it spare, and a 10⁷-row extract never needs a column twice over in memory.
 */
export function grow(capacity: number): number {
  // four times while small: the copies of a quarter-more growth would dominate reading short files
  return capacity < 1 << 16 ? Math.max(1024, capacity * 4) : Math.ceil(capacity * 1.25);
}

/** A buffer of `capacity` entries beginning with the first `used` entries of `buffer` (a column grown, or given room for its rows). */
export function resized<T extends Float64Array | Int32Array>(buffer: T, used: number, capacity: number): T {
  const out = (buffer instanceof Float64Array ? new Float64Array(capacity) : new Int32Array(capacity)) as T;
  out.set(buffer.subarray(0, used));
  return out;
}

/**
 * The first `length` entries of a column's buffer: a view when little of it is spare, else a copy,
 * so that a column never holds more than a quarter again of its rows in memory (a buffer reserved
 * for an estimate of the rows, or grown fourfold while small, can be mostly spare).
 */
export function usedPart<T extends Float64Array | Int32Array | Int8Array>(buffer: T, length: number): T {
  return (length < buffer.length * 0.75 ? buffer.slice(0, length) : buffer.subarray(0, length)) as T;
}

export class ColumnBuilder {
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
  private readonly dictionary = new TextDictionary();
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

  /**
   * Room for `rows` rows in all (an estimate: more are still taken as they come), so that a column
   * read from a large file is not copied again and again as it grows.
   */
  reserve(rows: number): void {
    if (this.numbers && this.numbers.length < rows) this.numbers = resized(this.numbers, this.length, rows);
    if (this.codes && this.codes.length < rows) this.codes = resized(this.codes, this.length, rows);
  }

  private growNumbers(): Float64Array {
    this.numbers = resized(this.numbers!, this.length, grow(this.numbers!.length));
    return this.numbers;
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
          this.rawText.set(row, this.dictionary.copyOf(value));
          // zero-padded keys ("0001") and the like: every cell needs its text, so store text
          if (this.rawText.size > 4096 && this.rawText.size > this.length / 4) this.switchToText(this.length);
        }
        return;
      }
      this.switchToText(row);
    }
    if (isMissing && value !== "") this.missingText.set(row, this.dictionary.copyOf(value));
    this.setCode(row, isMissing ? -1 : this.dictionary.codeOf(value));
  }

  /**
   * Adds the cell text[start, end), which the reader found not to be a plain decimal — the same as
   * push(text.slice(start, end)), but in a text column a value seen before is coded in place,
   * without cutting out a string (text-dictionary.ts).
   */
  pushRange(text: string, start: number, end: number): void {
    if (this.numbers) {
      this.push(text.slice(start, end));
      return;
    }
    const row = this.length++;
    if (start === end && this.missing.has("")) this.setCode(row, -1);
    else this.pushTextCode(row, this.dictionary.codeOfRange(text, start, end));
  }

  /** push() in text mode. */
  private pushText(value: string): void {
    const row = this.length++;
    if (value === "" && this.missing.has("")) this.setCode(row, -1);
    else this.pushTextCode(row, this.dictionary.codeOf(value));
  }

  /**
   * Row `row` of a text column holds dictionary entry `code`. Whether a value is missing, a number or
   * text depends on the value alone, so it is worked out once per distinct value rather than once per cell.
   */
  private pushTextCode(row: number, code: number): void {
    const value = this.dictionary.values[code];
    let kind = this.kinds[code];
    if (kind === undefined) {
      const integer = plainInteger(value);
      const isMissing = this.missing.has(integer === undefined ? value.trim() : value);
      kind = isMissing ? MISSING_CELL : (integer ?? parseNumber(value)) !== undefined ? NUMBER_CELL : TEXT_CELL;
      this.kinds[code] = kind;
    }
    if (kind === MISSING_CELL) {
      this.missingText.set(row, value);
      this.setCode(row, -1);
      return;
    }
    if (kind === NUMBER_CELL) this.numericCount++;
    else if (!this.firstNonNumeric) this.firstNonNumeric = { row, value };
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
    if (row >= this.codes.length) this.codes = resized(this.codes, row, grow(this.codes.length));
    this.codes[row] = code;
  }

  private switchToText(upTo: number): void {
    const numbers = this.numbers!;
    this.numbers = null;
    this.codes = new Int32Array(Math.max(1024, upTo * 2, numbers.length));
    for (let i = 0; i < upTo; i++) {
      const text = this.numericTextOf(numbers, i);
      const raw = this.rawText.get(i);
      if (text === null && raw !== undefined) this.missingText.set(i, raw);
      this.codes[i] = text === null ? -1 : this.dictionary.codeOf(text);
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
      const values = usedPart(this.numbers, this.length);
      const rawText = this.rawText;
      const missing = this.missing;
      const decimals = this.decimals && usedPart(this.decimals, Math.min(this.length, this.decimals.length));
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
    const codes = usedPart(this.codes ?? new Int32Array(0), this.length);
    const dictionary = this.dictionary.values;
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
