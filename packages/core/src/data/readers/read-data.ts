import { TrialstatError, inputError } from "../../errors.js";
import { CsvReader } from "../csv.js";
import type { DataTable } from "../table.js";
import { decodeArrow } from "./arrow.js";
import { type DecodedFile, corruptFile, tableFromDecoded } from "./decoded.js";
import { gunzipText } from "./gzip.js";
import { utf8Chunks } from "./utf8-text.js";
import { decodeParquet } from "./parquet.js";
import { decodeSpss } from "./spss.js";
import { decodeStata } from "./stata.js";
import { decodeXlsx } from "./xlsx.js";

/** The data file formats trialstat reads, named by their usual file extension. */
export type DataFormat = "csv" | "csv.gz" | "dta" | "sav" | "parquet" | "arrow" | "xlsx";

const EXTENSIONS: readonly [string, DataFormat][] = [
  [".csv.gz", "csv.gz"],
  [".csv", "csv"],
  [".dta", "dta"],
  [".sav", "sav"],
  [".zsav", "sav"],
  [".parquet", "parquet"],
  [".arrow", "arrow"],
  [".feather", "arrow"],
  [".ipc", "arrow"],
  [".xlsx", "xlsx"],
];

/** The format of a data file, by its extension (case-insensitive); undefined if not one trialstat reads. */
export function dataFormatOf(file: string): DataFormat | undefined {
  const lower = file.toLowerCase();
  return EXTENSIONS.find(([ext]) => lower.endsWith(ext))?.[1];
}

/** True for every format read from bytes rather than as streamed UTF-8 text (all but plain CSV). */
export function isBinaryDataFile(file: string): boolean {
  const format = dataFormatOf(file);
  return format !== undefined && format !== "csv";
}

export interface ReadDataOptions {
  /** Name used in messages (usually the file path); its extension picks the format unless `format` is given. */
  source: string;
  format?: DataFormat;
  /** Cell values that mean "missing" (default "" and "NA"); a file's own missing values are always missing. */
  missing?: readonly string[];
  /** Keep only these columns (by name). */
  keep?: (name: string) => boolean;
  /** The sheet of a spreadsheet to read (default: the first). */
  sheet?: string;
  /** Called with every column name (kept or not) as soon as they are known. */
  onHeader?: (names: readonly string[]) => void;
}

/**
 * Reads a data file's bytes into a typed DataTable, picking the reader by the file's extension:
 * .csv, .csv.gz, .dta (Stata 13+), .sav/.zsav (SPSS), .parquet, .arrow/.feather (Arrow IPC) and
 * .xlsx (one sheet). Every format goes through the CSV path's TableBuilder, so the result has the
 * same shape, and a SAP's declared types, missing codes and checks apply to it in the same way.
 * Browser-safe: no file system, no Node built-ins.
 *
 * @example
 * const table = readDataBytes(bytes, { source: "baseline.dta" });
 * table.column("age").values; // Float64Array, NaN where missing (".", ".a"… in Stata)
 */
export function readDataBytes(bytes: Uint8Array, options: ReadDataOptions): DataTable {
  const format = options.format ?? dataFormatOf(options.source);
  const { source } = options;
  if (format === "csv" || format === "csv.gz") {
    const reader = new CsvReader({ source, missing: options.missing, keep: options.keep, onHeader: options.onHeader });
    for (const chunk of format === "csv" ? utf8Chunks(bytes, source) : gunzipText(bytes, source)) reader.push(chunk);
    return reader.end();
  }
  if (format !== "xlsx" && options.sheet !== undefined) {
    throw inputError(`a sheet (${options.sheet}) was given, but this file is not a spreadsheet`, {
      location: { file: source },
      remedies: [{ setting: "sheet", reason: "name a sheet only for an .xlsx file" }],
    });
  }
  return safely(source, format, () => {
    const file = decodeDataFile(bytes, source, format, options.sheet);
    options.onHeader?.(file.columns.map((c) => c.name));
    return tableFromDecoded(file, { source, missing: options.missing, keep: options.keep });
  });
}

const FORMAT_NAMES: Record<string, string> = { dta: "Stata .dta", sav: "SPSS .sav", parquet: "Parquet", arrow: "Arrow IPC", xlsx: "Excel .xlsx" };

/**
 * Runs a reader so that damage it did not foresee (a library's TypeError, an impossible length) is
 * still an input error naming the file, never a crash.
 */
function safely<T>(source: string, format: DataFormat | undefined, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof TrialstatError) throw e;
    throw corruptFile(source, FORMAT_NAMES[format ?? ""] ?? "data", `it is damaged (${(e as Error).message})`);
  }
}

function decodeDataFile(bytes: Uint8Array, source: string, format: DataFormat | undefined, sheet: string | undefined): DecodedFile {
  switch (format) {
    case "dta":
      return decodeStata(bytes, source);
    case "sav":
      return decodeSpss(bytes, source);
    case "parquet":
      return decodeParquet(bytes, source);
    case "arrow":
      return decodeArrow(bytes, source);
    case "xlsx":
      return decodeXlsx(bytes, source, sheet);
    default:
      throw inputError("trialstat cannot tell the format of this file from its name", {
        location: { file: source },
        hint: "name the file by its format: .csv, .csv.gz, .dta (Stata), .sav or .zsav (SPSS), .parquet, .arrow or .feather (Arrow IPC), .xlsx",
      });
  }
}
