import { inputError, TrialstatError } from "../errors.js";
import { NOT_PLAIN, plainDecimal, scanPlainDecimal } from "./plain-decimal.js";
import { RecordFields } from "./record-fields.js";
import type { DataTable } from "./table.js";
import { TableBuilder } from "./table-builder.js";

export interface CsvOptions {
  /** Name used in messages (usually the file path). */
  source?: string;
  /** Cell values that mean "missing" (compared after trimming white space). Default: "" and "NA". */
  missing?: readonly string[];
  /** Keep only these columns (by name); the rest are read for shape and dropped. Default: all. */
  keep?: (name: string) => boolean;
  /** Called with the header as soon as it is read. */
  onHeader?: (names: readonly string[]) => void;
  /**
   * The length of the whole text, or the size in bytes of the file it is read from (which is no
   * less), when known: once the first piece has shown how long a record is, the columns are given
   * room for about as many rows as the text will hold, instead of growing (and being copied) as they fill.
   */
  sizeHint?: number;
  /** The longest record read, in characters (default MAX_RECORD_CHARS; tests set less, to stay quick). */
  maxRecordChars?: number;
}

/**
 * Parses CSV text (RFC 4180: comma-delimited, double-quoted fields may hold commas, quotes and line
 * breaks; LF, CRLF or CR line ends; a UTF-8 byte-order mark is ignored) into a typed DataTable.
 *
 * Every error names the file and the line, e.g. `trial.csv:14: row has 5 fields but the header has 4`.
 *
 * @example
 * const t = parseCsv("id,y\n1,2.5\n2,NA\n", { source: "a.csv" });
 * t.column("y").values; // Float64Array [2.5, NaN]
 */
export function parseCsv(text: string, options: CsvOptions = {}): DataTable {
  const reader = new CsvReader(options);
  reader.push(text);
  return reader.end();
}

/**
 * Reads CSV text that arrives in pieces (a file streamed from disk) into a typed DataTable, so a
 * gigabyte extract never has to be held as one string: each complete record is typed into its
 * columns as soon as it is read, and the text it came from can be released.
 *
 * One pass over the text, quote-aware (RFC 4180): a field that starts with a double quote runs to
 * the closing quote, holding commas, line breaks and doubled quotes (""); fields are kept as
 * positions in the text (RecordFields) and plain numbers are typed straight from there, so a cell
 * is cut out as a string only when it is text. A record cut by the end of a piece is read again,
 * whole, when the next piece arrives.
 *
 * Malformed quoting is reported as csv-parse reports it (the reader used to hand quoted records to
 * csv-parse, and its messages are part of trialstat's interface): the same message, counting line
 * breaks inside the record as csv-parse does, located at the line where the record starts.
 *
 * @example
 * const r = new CsvReader({ source: "hmrc.csv" });
 * for (const chunk of chunks) r.push(chunk);
 * const table = r.end();
 */
export class CsvReader {
  private builder: TableBuilder | undefined;
  private pending = "";
  /** Line on which `pending` starts. */
  private line = 1;
  private started = false;
  private readonly source: string;
  private readonly fields = new RecordFields();
  private readonly maxRecordChars: number;
  /**
   * Whether the last piece pushed ends in "\r" (so `pending`, when there is one, does too): kept
   * rather than read from `pending`, which is a string of joined pieces that reading would copy.
   */
  private lastPieceEndsInCR = false;
  /** Characters read (header and records) before `pending`. */
  private readChars = 0;
  /** The rows the table has been given room for, from sizeHint (0: none yet). */
  private reservedRows = 0;
  /** Whether the text of the current call of consume() is well-formed UTF-16, once asked. */
  private wellFormed: boolean | undefined;

  constructor(private readonly options: CsvOptions = {}) {
    this.source = options.source ?? "data";
    this.maxRecordChars = options.maxRecordChars ?? MAX_RECORD_CHARS;
  }

  push(chunk: string): void {
    if (chunk.length === 0) return;
    const unfinished = this.pending;
    const afterCR = this.lastPieceEndsInCR;
    this.pending = unfinished.length ? unfinished + chunk : chunk;
    this.lastPieceEndsInCR = chunk.charCodeAt(chunk.length - 1) === 13;
    // A record ends only at a line break, so a piece without one cannot finish the record left
    // over (unless that ends in a "\r" that may have been half of "\r\n"): it is added without
    // reading the record again from its start, which made a very long line quadratic.
    if (unfinished.length && !afterCR && chunk.indexOf("\n") === -1 && chunk.indexOf("\r") === -1) {
      if (this.pending.length > this.maxRecordChars) throw this.recordTooLong();
      return;
    }
    this.consume(false);
  }

  end(): DataTable {
    this.consume(true);
    if (!this.builder) {
      throw inputError(`${this.source} is empty: expected a header line naming the columns`, {
        location: { file: this.source },
        hint: "check that the right file was given and that it was fully written",
      });
    }
    return this.builder.finish();
  }

  private consume(final: boolean): void {
    const text = this.pending;
    const n = text.length;
    let pos = 0;
    if (!this.started) {
      if (n === 0 && !final) return;
      if (text.charCodeAt(0) === 0xfeff) pos = 1;
      this.started = true;
    }
    this.wellFormed = undefined;
    while (pos < n) {
      const recordLine = this.line;
      const next = this.readRecord(text, pos, final);
      if (next === INCOMPLETE) break;
      if (next - pos > this.maxRecordChars) throw this.recordTooLong(recordLine);
      pos = next;
      // room for every row once enough records show how long one is, in the first piece too (a file
      // of less than a piece comes as one): columns grown from 1,024 rows instead, each copied as it
      // grows and trimmed at the end, took a fifth of the time of reading the example's extracts
      if (this.reservedRows === 0 && this.builder !== undefined && this.builder.rowCount === RESERVE_AFTER_ROWS) this.reserveRows(this.readChars + pos);
    }
    // an unfinished record is read again from its start with every piece, so it must stay bounded
    if (n - pos > this.maxRecordChars) throw this.recordTooLong();
    this.pending = pos >= n ? "" : text.slice(pos);
    const firstRead = this.readChars === 0;
    this.readChars += pos;
    // and again from the whole first piece of a longer text, whose records say more than its first 1,024
    if (!final && firstRead) this.reserveRows(this.readChars);
  }

  /** Gives the table room for the rows the whole text should hold, estimated from the records in its first `charsRead` characters. */
  private reserveRows(charsRead: number): void {
    const hint = this.options.sizeHint;
    const rows = this.builder?.rowCount ?? 0;
    if (hint === undefined || rows < 64) return;
    // a little over the estimate: too few rows means one more copy, too many stay spare only until usedPart trims them
    const expected = Math.min(Math.ceil((hint / charsRead) * rows * 1.02), MAX_RESERVED_ROWS);
    // a second estimate only a little above the first is not worth a copy of every column
    if (expected > rows && expected > this.reservedRows * 1.05) {
      this.builder!.reserve(expected);
      this.reservedRows = expected;
    }
  }

  /**
   * Reads the record (or empty line) that starts at `start`, adds it to the table and returns where
   * the next one starts; INCOMPLETE when the text ends inside it and more may come.
   */
  private readRecord(text: string, start: number, final: boolean): number {
    const n = text.length;
    const first = text.charCodeAt(start);
    if (first === 10 || first === 13) return this.afterBreak(text, start, final, 0);
    const fields = this.fields;
    let count = 0;
    let breaks = 0;
    let quoted = false;
    /** A character at or above U+D800 was seen (a lone surrogate is possible). */
    let mayHaveSurrogates = false;
    let pos = start;
    for (;;) {
      let c = pos < n ? text.charCodeAt(pos) : -1;
      if (c === 34) {
        quoted = true;
        const contentStart = pos + 1;
        // as in an unquoted field, a number is read as the content is scanned
        let p = scanPlainDecimal(text, contentStart, n);
        const numberEnd = p;
        const numberKind = plainDecimal.kind;
        let doubled = false;
        let multiline = false;
        for (;;) {
          for (; p < n; p++) {
            c = text.charCodeAt(p);
            if (c <= 34 || c >= 0xd800) {
              if (c === 34) break;
              if (c >= 0xd800) mayHaveSurrogates = true;
              else if (c === 10 || c === 13) multiline = true;
            }
          }
          if (p >= n) {
            if (!final) return INCOMPLETE;
            throw malformed(`a quoted field that opens in the record on line ${this.line} is never closed`, this.source, this.line, "CSV_QUOTE_NOT_CLOSED");
          }
          // csv-parse: a quote followed by a quote is one escaped quote; anything but a comma, a line
          // break, the end (or, oddly, a NUL byte) after a closing quote is an error
          c = p + 1 < n ? text.charCodeAt(p + 1) : -1;
          if (c === 34) {
            doubled = true;
            p += 2;
            continue;
          }
          if (c === -1 && !final) return INCOMPLETE;
          break;
        }
        if (multiline) breaks += lineBreaks(text, contentStart, p);
        const value = doubled ? text.slice(contentStart, p).replaceAll('""', '"') : undefined;
        pos = p + 1;
        if (c === 0) {
          // csv-parse closes the quote before a NUL and reads on as an unquoted field
          const tail = pos;
          mayHaveSurrogates = true;
          for (; pos < n; pos++) {
            c = text.charCodeAt(pos);
            if (c === 44 || c === 10 || c === 13 || c === 34) break;
          }
          if (pos >= n && !final) return INCOMPLETE;
          const whole = (value ?? text.slice(contentStart, p)) + text.slice(tail, pos);
          if (pos < n && c === 34) return this.openingQuoteError(text, start, pos, count, whole, final);
          fields.setText(count++, whole);
        } else if (c === -1 || c === 44 || c === 10 || c === 13) {
          if (value === undefined) fields.setRange(count++, contentStart, p, p === numberEnd ? numberKind : NOT_PLAIN);
          else fields.setText(count++, value);
        } else {
          return this.closingQuoteError(text, start, p, final);
        }
      } else {
        const fieldStart = pos;
        // a number is read as the field is scanned; the field is one if the scan stops at its end
        pos = scanPlainDecimal(text, pos, n);
        let kind = plainDecimal.kind;
        if (pos < n) {
          c = text.charCodeAt(pos);
          if (c !== 44 && c !== 10 && c !== 13) {
            kind = NOT_PLAIN;
            // every character of a number is above the comma (44)
            for (; pos < n; pos++) {
              c = text.charCodeAt(pos);
              if (c <= 44) {
                if (c === 44 || c === 10 || c === 13 || c === 34) break;
              } else if (c >= 0xd800) mayHaveSurrogates = true;
            }
          }
        }
        if (pos < n && c === 34) return this.openingQuoteError(text, start, pos, count, text.slice(fieldStart, pos), final);
        fields.setRange(count++, fieldStart, pos, kind);
      }
      // pos is at a comma, a line break or the end of the text
      if (pos >= n) {
        if (!final) return INCOMPLETE;
        this.addRecord(text, count, quoted && mayHaveSurrogates && !this.isWellFormed(text));
        return n;
      }
      if (text.charCodeAt(pos) === 44) {
        pos++;
        continue;
      }
      if (text.charCodeAt(pos) === 13 && pos + 1 >= n && !final) return INCOMPLETE; // "\r" may be half of "\r\n"
      this.addRecord(text, count, quoted && mayHaveSurrogates && !this.isWellFormed(text));
      return this.afterBreak(text, pos, final, breaks);
    }
  }

  /**
   * Whether the text being read has no lone surrogate (asked once per piece, and only about records
   * with quotes and characters from U+D800 up: csv-parse read quoted records as UTF-8 bytes, which
   * turns lone surrogates into U+FFFD).
   */
  private isWellFormed(text: string): boolean {
    this.wellFormed ??= (text as unknown as { isWellFormed(): boolean }).isWellFormed();
    return this.wellFormed;
  }

  /** Past the line break at `at` (CRLF, LF or CR), counting the lines of the record it ends. */
  private afterBreak(text: string, at: number, final: boolean, breaks: number): number {
    if (text.charCodeAt(at) === 13) {
      if (at + 1 >= text.length && !final) return INCOMPLETE;
      this.line += breaks + 1;
      return at + (text.charCodeAt(at + 1) === 10 ? 2 : 1);
    }
    this.line += breaks + 1;
    return at + 1;
  }

  private addRecord(text: string, count: number, makeWellFormed: boolean): void {
    const fields = this.fields;
    if (makeWellFormed) for (let j = 0; j < count; j++) fields.setText(j, toWellFormed(fields.text(text, j)));
    if (this.builder) {
      this.builder.addFields(text, fields, count, this.line);
      return;
    }
    const names = Array.from({ length: count }, (_, j) => fields.text(text, j));
    if (names.length === 1 && names[0].includes(";")) {
      throw inputError(`the header has one column, "${names[0].slice(0, 60)}", which looks semicolon-separated`, {
        location: { file: this.source, line: this.line },
        hint: "trialstat reads comma-separated files: save the file as CSV with commas (in a spreadsheet: CSV UTF-8, comma-delimited)",
      });
    }
    this.options.onHeader?.(names);
    this.builder = new TableBuilder(names, { source: this.source, missing: this.options.missing, keep: this.options.keep });
  }

  /** The record that starts on `line` (by default the one being read) has run past the longest allowed. */
  private recordTooLong(line = this.line): TrialstatError {
    return inputError(`the record on line ${line} is longer than ${this.maxRecordChars.toLocaleString("en-GB")} characters`, {
      location: { file: this.source, line },
      hint: "no data record is this long: check that the file is comma-separated text, and that no double quote is left open (a quoted field runs on until its closing quote)",
    });
  }

  /** csv-parse's INVALID_OPENING_QUOTE: a quote inside an unquoted field (`value` is the field so far). */
  private openingQuoteError(text: string, start: number, quote: number, field: number, value: string, final: boolean): number {
    if (!final && recordIncomplete(text, start)) return INCOMPLETE;
    const bom = value === "\uFEFF" ? " (utf8 bom)" : "";
    const message = `Invalid Opening Quote: a quote is found on field ${field} at line ${csvParseLine(text, start, quote)}, value is ${JSON.stringify(toWellFormed(value))}${bom}`;
    throw malformed(message, this.source, this.line, "INVALID_OPENING_QUOTE");
  }

  /** csv-parse's CSV_INVALID_CLOSING_QUOTE: a closing quote followed by something other than a delimiter. */
  private closingQuoteError(text: string, start: number, quote: number, final: boolean): number {
    if (!final && recordIncomplete(text, start)) return INCOMPLETE;
    const got = String.fromCharCode(firstUtf8Byte(text, quote + 1));
    const message = `Invalid Closing Quote: got "${got}" at line ${csvParseLine(text, start, quote)} instead of delimiter, record delimiter, trimable character (if activated) or comment`;
    throw malformed(message, this.source, this.line, "CSV_INVALID_CLOSING_QUOTE");
  }
}

const INCOMPLETE = -1;

/** The most rows reserved from a size hint (a column of 2^27 doubles is 1 GiB); past it columns grow as they fill. */
const MAX_RESERVED_ROWS = 2 ** 27;
/** Records read before the rows of the whole text are estimated from their length (a long first piece ends sooner). */
const RESERVE_AFTER_ROWS = 1024;

/**
 * The longest record (line, or lines joined by a quoted field) read, in UTF-16 characters: 32 Mi.
 * Real records are at most kilobytes (Python's csv module stops at 128 KiB a field), and a 20 MB
 * cell is still read so that its error can say which value is bad; past this a file is not CSV,
 * or a quote was left open, and the text would otherwise grow until it passes V8's longest string
 * (2^29 characters), re-read in full with every piece that arrives.
 */
export const MAX_RECORD_CHARS = 32 * 2 ** 20;

/** Line breaks in text[from, to) ("\r\n", "\n" or "\r" each count once). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** The line csv-parse names for position `at` of a record: 1 + every "\r" and "\n" before it. */
function csvParseLine(text: string, start: number, at: number): number {
  let line = 1;
  for (let i = start; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) line++;
  }
  return line;
}

/**
 * Whether the record starting at `from` may go on past the end of the text: its quotes do not yet
 * balance before a line break. A malformed record is reported only once it is whole, so that the
 * error is the one the record would give whatever the size of the pieces.
 */
function recordIncomplete(text: string, from: number): boolean {
  let inQuotes = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes; // "" inside quotes toggles twice
    else if (!inQuotes && (c === 10 || c === 13)) return c === 13 && i === text.length - 1;
  }
  return true;
}

/** The first byte of the UTF-8 encoding of the character at `at` (csv-parse names bytes). */
function firstUtf8Byte(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 0x80) return c;
  if (c < 0x800) return 0xc0 | (c >> 6);
  const cp = text.codePointAt(at)!;
  if (cp > 0xffff) return 0xf0 | (cp >> 18);
  return cp >= 0xd800 && cp <= 0xdfff ? 0xef : 0xe0 | (cp >> 12); // a lone surrogate is written as U+FFFD
}

const toWellFormed = (s: string): string => (s as unknown as { toWellFormed(): string }).toWellFormed();

const QUOTE_HINTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a double quote opens a field that never closes: close it, or double any quote inside a value (\"\")",
  CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field must be doubled (\"\")",
};

function malformed(message: string, source: string, recordLine: number, code: string): TrialstatError {
  return inputError(`malformed CSV: ${message}`, {
    location: { file: source, line: recordLine },
    hint: QUOTE_HINTS[code] ?? "check that the file is comma-separated text in UTF-8",
  });
}
