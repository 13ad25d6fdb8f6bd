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
  let builder: TableBuilder | undefined;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (record: string[], context: { lines: number }) => {
        // context.lines is where the record ends; a quoted field may span several lines.
        let embedded = 0;
        for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) embedded++;
        const line = context.lines - embedded;
        if (!builder) builder = new TableBuilder(record, { source, missing: options.missing });
        else builder.addRecord(record, line);
        return null;
      },
    });
  } catch (e) {
    if (e instanceof TrialstatError) throw e;
    throw csvError(e, source);
  }
  if (!builder) {
    throw inputError(`${source} is empty: expected a header line naming the columns`, {
      location: { file: source },
      hint: "check that the right file was given and that it was fully written",
    });
  }
  return builder.finish();
}

function csvError(e: unknown, source: string): TrialstatError {
  const err = e as { code?: string; message?: string; lines?: number };
  const line = typeof err.lines === "number" ? err.lines : undefined;
  const hints: Record<string, string> = {
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "check for a missing or extra delimiter, or an unquoted comma inside a value",
    CSV_QUOTE_NOT_CLOSED: "a double quote opens a field that never closes: close it, or double any quote inside a value (\"\")",
    CSV_INVALID_CLOSING_QUOTE: "a quote inside a quoted field must be doubled (\"\")",
  };
  const message = (err.message ?? String(e)).replace(/\s+at line \d+$/, "").replace(/ on line \d+$/, "");
  return inputError(`malformed CSV: ${message}`, {
    location: { file: source, line },
    hint: (err.code && hints[err.code]) ?? "check that the file is comma-separated text in UTF-8",
  });
}
