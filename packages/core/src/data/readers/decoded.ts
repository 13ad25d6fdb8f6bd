import { type TrialstatError, inputError } from "../../errors.js";
import type { DataTable, FileColumnInfo } from "../table.js";
import { TableBuilder } from "../table-builder.js";

/**
 * A column decoded from a binary data file (Stata, SPSS, Parquet, Arrow, a spreadsheet), with each
 * cell given as the text a CSV export of it would hold: numbers in their shortest decimal form,
 * dates as YYYY-MM-DD (a monthly date as YYYY-MM), codes as written. Because the cells are text,
 * the file becomes a DataTable through the same TableBuilder as a CSV extract, so a SAP's declared
 * types, missing codes, allowed values and ranges apply to it exactly as they do to a CSV.
 */
export interface DecodedColumn extends FileColumnInfo {
  readonly name: string;
  /** The cell in a row (0-based), or null where the file itself records a missing value. */
  cell(row: number): string | null;
}

export interface DecodedFile {
  readonly columns: readonly DecodedColumn[];
  readonly nRows: number;
  /**
   * The number by which a row is known in the file, used in messages: the observation number
   * (1-based) by default; a spreadsheet's own row number.
   */
  rowNumber?(row: number): number;
}

export interface TableFromFileOptions {
  /** Name used in messages (usually the file path). */
  source: string;
  /** Cell values that mean "missing", as for a CSV (default "" and "NA"); the file's own codes are added per column. */
  missing?: readonly string[];
  /** Keep only these columns (by name). */
  keep?: (name: string) => boolean;
}

/**
 * Builds a DataTable from a decoded file, record by record, through the CSV path's TableBuilder.
 * A row's "line" (DataTable.lineOf, used by every located message) is its observation number, or
 * its row in the sheet for a spreadsheet.
 *
 * @example
 * const t = tableFromDecoded({ nRows: 2, columns: [{ name: "y", cell: (i) => (i ? null : "2.5") }] }, { source: "a.dta" });
 * t.column("y").values; // Float64Array [2.5, NaN]
 */
export function tableFromDecoded(file: DecodedFile, options: TableFromFileOptions): DataTable {
  const byName = new Map(file.columns.map((c) => [c.name, c]));
  const builder = new TableBuilder(
    file.columns.map((c) => c.name),
    { source: options.source, missing: options.missing, keep: options.keep, fileColumns: (name) => byName.get(name) },
  );
  const kept = file.columns.filter((c) => !options.keep || options.keep(c.name));
  const keptAt = new Set(kept);
  const fields: (string | null)[] = new Array(file.columns.length).fill(null);
  const rowNumber = file.rowNumber ?? ((row: number) => row + 1);
  for (let row = 0; row < file.nRows; row++) {
    for (let j = 0; j < file.columns.length; j++) {
      const c = file.columns[j];
      // columns the plan does not read are not decoded (TableBuilder only counts their fields)
      fields[j] = keptAt.has(c) ? c.cell(row) : null;
    }
    builder.addRecord(fields, rowNumber(row));
  }
  return builder.finish();
}

/** The input error for a file that cannot be decoded: it names the file and, where known, the byte offset. */
export function corruptFile(source: string, format: string, what: string, hint?: string): TrialstatError {
  return inputError(`not a readable ${format} file: ${what}`, {
    location: { file: source },
    hint: hint ?? `check that the file was completely written and copied (a truncated or damaged ${format} file cannot be read); re-export it if needed`,
  });
}
