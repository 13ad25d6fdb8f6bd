import { parse } from "csv-parse/sync";
import { inputError, TrialstatError } from "../errors.js";
import { type DataTable, TableBuilder } from "./table.js";

export interface CsvOptions {
  /** Name used in messages (usually the file path). */
  source?: string;
  /** Cell values that mean "missing" (compared after trimming white space). Default: "" and "NA". */
  missing?: readonly string[];
}

/**
 * Parses CSV text (RFC 4180: comma-delimited, double-quoted fields may hold commas, quotes and line
 * breaks; LF or CRLF line ends; a UTF-8 byte-order mark is ignored) into a typed DataTable.
 *
 * Every error names the file and the line, e.g. `trial.csv:14: row has 5 fields but the header has 4`.
 *
 * @example
 * const t = parseCsv("id,y\n1,2.5\n2,NA\n", { source: "a.csv" });
 * t.column("y").values; // Float64Array [2.5, NaN]
 */
export function parseCsv(text: string, options: CsvOptions = {}): DataTable {
  const source = options.source ?? "data";
  // Without a double quote no field can hold a delimiter or a line break, so a plain split reads the
  // file exactly as csv-parse would, several times faster (most extracts are like this).
  const builder = text.includes('"') ? parseQuoted(text, source, options.missing) : parseUnquoted(text, source, options.missing);
  if (!builder) {
    throw inputError(`${source} is empty: expected a header line naming the columns`, {
      location: { file: source },
      hint: "check that the right file was given and that it was fully written",
    });
  }
  return builder.finish();
}

/** Splits text that has no quote character: records end at "\r\n", "\n" or "\r"; empty lines are skipped. */
/** @internal exported for tests: the split used when the text has no quote character. */
export function parseUnquoted(text: string, source: string, missing: readonly string[] | undefined): TableBuilder | undefined {
  let builder: TableBuilder | undefined;
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let nextLf = text.indexOf("\n", pos);
  let nextCr = text.indexOf("\r", pos);
  while (pos < n) {
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf("\n", pos);
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf("\r", pos);
    let end = nextLf === -1 ? n : nextLf;
    if (nextCr !== -1 && nextCr < end) end = nextCr;
    if (end > pos) {
      const fields = text.slice(pos, end).split(",");
      if (!builder) builder = new TableBuilder(fields, { source, missing });
      else builder.addRecord(fields, line);
    }
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return builder;
}

/** RFC 4180 with quoted fields, through csv-parse. */
/** @internal exported for tests: the csv-parse reader. */
export function parseQuoted(text: string, source: string, missing: readonly string[] | undefined): TableBuilder | undefined {
  let builder: TableBuilder | undefined;
  // Line numbers are counted here: csv-parse's own count treats "\r\n" inside a quoted field as two
  // lines and carries that error forward.
  let nextLine = 1;
  let emptyLinesSeen = 0;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true, // the builder reports ragged rows with the line and both counts
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (record: string[], context: { empty_lines: number }) => {
        const line = nextLine + (context.empty_lines - emptyLinesSeen);
        emptyLinesSeen = context.empty_lines;
        nextLine = line + 1 + lineBreaksWithin(record);
        if (!builder) builder = new TableBuilder(record, { source, missing });
        else builder.addRecord(record, line);
        return null;
      },
    });
  } catch (e) {
    if (e instanceof TrialstatError) throw e;
    throw csvError(e, source, nextLine);
  }
  return builder;
}

/** Line breaks inside quoted fields ("\r\n", "\n" or "\r" each count once). */
function lineBreaksWithin(record: readonly string[]): number {
  let count = 0;
  for (const field of record) {
    for (let i = 0; i < field.length; i++) {
      const c = field.charCodeAt(i);
      if (c === 10 || (c === 13 && field.charCodeAt(i + 1) !== 10)) count++;
    }
  }
  return count;
}

function csvError(e: unknown, source: string, recordLine: number): TrialstatError {
  const err = e as { code?: string; message?: string; lines?: number };
  // the record being read when parsing failed starts on recordLine (csv-parse reports where it stopped)
  const line = err.code === "CSV_QUOTE_NOT_CLOSED" ? recordLine : typeof err.lines === "number" ? err.lines : recordLine;
  const hints: Record<string, string> = {
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "check for a missing or extra delimiter, or an unquoted comma inside a value",
    CSV_QUOTE_NOT_CLOSED: "a double quote opens a field that never closes: close it, or double any quote inside a value (\"\")",
    CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field must be doubled (\"\")",
  };
  const message =
    err.code === "CSV_QUOTE_NOT_CLOSED"
      ? `a quoted field that opens in the record on line ${recordLine} is never closed`
      : (err.message ?? String(e)).replace(/\s+at line \d+$/, "").replace(/ on line \d+$/, "");
  return inputError(`malformed CSV: ${message}`, {
    location: { file: source, line },
    hint: (err.code && hints[err.code]) ?? "check that the file is comma-separated text in UTF-8",
  });
}
