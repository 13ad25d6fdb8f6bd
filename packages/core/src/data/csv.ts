import { parse } from "csv-parse/sync";
import { inputError, TrialstatError } from "../errors.js";
import { type DataTable, TableBuilder } from "./table.js";

export interface CsvOptions {
  /** Name used in messages (usually the file path). */
  source?: string;
  /** Cell values that mean "missing" (compared after trimming white space). Default: "" and "NA". */
  missing?: readonly string[];
  /** Keep only these columns (by name); the rest are read for shape and dropped. Default: all. */
  keep?: (name: string) => boolean;
  /** Called with the header as soon as it is read. */
  onHeader?: (names: readonly string[]) => void;
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
 * Records without a double quote are split on commas directly (most extracts are like this, and it
 * is several times faster); a record with a quote is read up to the line break where its quotes
 * balance and parsed by csv-parse, so quoted commas, quotes ("") and line breaks are handled as
 * RFC 4180 says, wherever the pieces happen to be cut.
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

  constructor(private readonly options: CsvOptions = {}) {
    this.source = options.source ?? "data";
  }

  push(chunk: string): void {
    this.pending = this.pending.length ? this.pending + chunk : chunk;
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

  private emit(fields: string[], line: number): void {
    if (!this.builder) {
      if (fields.length === 1 && fields[0].includes(";")) {
        throw inputError(`the header has one column, "${fields[0].slice(0, 60)}", which looks semicolon-separated`, {
          location: { file: this.source, line },
          hint: "trialstat reads comma-separated files: save the file as CSV with commas (in a spreadsheet: CSV UTF-8, comma-delimited)",
        });
      }
      this.options.onHeader?.(fields);
      this.builder = new TableBuilder(fields, { source: this.source, missing: this.options.missing, keep: this.options.keep });
    } else this.builder.addRecord(fields, line);
  }

  private consume(final: boolean): void {
    let text = this.pending;
    let pos = 0;
    if (!this.started) {
      if (text.length === 0 && !final) return;
      if (text.charCodeAt(0) === 0xfeff) pos = 1;
      this.started = true;
    }
    const n = text.length;
    let nextLf = text.indexOf("\n", pos);
    let nextCr = text.indexOf("\r", pos);
    let nextQuote = text.indexOf('"', pos);
    while (pos < n) {
      if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf("\n", pos);
      if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf("\r", pos);
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      let end = nextLf === -1 ? -1 : nextLf;
      if (nextCr !== -1 && (end === -1 || nextCr < end)) end = nextCr;
      if (nextQuote !== -1 && (end === -1 || nextQuote < end)) {
        // a quoted record: it ends at the first line break outside quotes
        const close = quotedRecordEnd(text, pos);
        if (close === -1 && !final) break;
        const stop = close === -1 ? n : close;
        if (!final && stop === n - 1 && text.charCodeAt(stop) === 13) break; // "\r" may be half of "\r\n"
        const record = text.slice(pos, stop);
        const breaks = lineBreaks(record);
        this.emit(parseQuotedRecord(record, this.source, this.line), this.line);
        this.line += breaks + 1;
        pos = stop === n ? n : stop + (text.charCodeAt(stop) === 13 && text.charCodeAt(stop + 1) === 10 ? 2 : 1);
        continue;
      }
      if (end === -1) {
        if (!final) break;
        end = n;
      } else if (!final && end === n - 1 && text.charCodeAt(end) === 13) {
        break; // "\r" may be half of "\r\n"
      }
      if (end > pos) this.emit(text.slice(pos, end).split(","), this.line);
      this.line++;
      pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    this.pending = pos >= n ? "" : text.slice(pos);
    text = "";
  }
}

/** The index of the line break that ends the record starting at `from` (outside quotes), or −1. */
function quotedRecordEnd(text: string, from: number): number {
  let inQuotes = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes; // "" inside quotes toggles twice
    else if (!inQuotes && (c === 10 || c === 13)) return i;
  }
  return -1;
}

/** Line breaks in a record ("\r\n", "\n" or "\r" each count once). */
function lineBreaks(record: string): number {
  let count = 0;
  for (let i = 0; i < record.length; i++) {
    const c = record.charCodeAt(i);
    if (c === 10 || (c === 13 && record.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** One record with quotes, through csv-parse (RFC 4180). */
function parseQuotedRecord(record: string, source: string, line: number): string[] {
  let fields: string[] | undefined;
  try {
    const rows = parse(record, { relax_column_count: true, skip_empty_lines: false, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
    fields = rows[0];
  } catch (e) {
    throw csvError(e, source, line);
  }
  return fields ?? [""];
}

function csvError(e: unknown, source: string, recordLine: number): TrialstatError {
  const err = e as { code?: string; message?: string; lines?: number };
  const hints: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: "a double quote opens a field that never closes: close it, or double any quote inside a value (\"\")",
    CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field must be doubled (\"\")",
    CSV_INVALID_OPENING_QUOTE: 'a quote in the middle of an unquoted value: quote the whole value ("a ""b"" c") or remove the quote',
  };
  const message =
    err.code === "CSV_QUOTE_NOT_CLOSED"
      ? `a quoted field that opens in the record on line ${recordLine} is never closed`
      : (err.message ?? String(e)).replace(/\s+at line \d+$/, "").replace(/ on line \d+$/, "");
  return inputError(`malformed CSV: ${message}`, {
    location: { file: source, line: recordLine },
    hint: (err.code && hints[err.code]) ?? "check that the file is comma-separated text in UTF-8",
  });
}
