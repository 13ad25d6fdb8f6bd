import { inputError, quoteValue } from "../errors.js";
import { ColumnBuilder, grow, resized, usedPart } from "./column-builder.js";
import { NOT_PLAIN, type PlainDecimalKind, plainDecimal, readPlainDecimal } from "./plain-decimal.js";
import type { RecordFields } from "./record-fields.js";
import { type Column, DEFAULT_MISSING, type DataTable, type FileColumnInfo, makeTable } from "./table.js";

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
      else if (end >= 0) this.builders[k].pushRange(text, starts[j], end);
      else this.builders[k].push(fields.texts[j]!);
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

  /** Records added so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Room for `rows` records in all (an estimate, e.g. from the file's size): see ColumnBuilder.reserve. */
  reserve(rows: number): void {
    for (const b of this.builders) b.reserve(rows);
    if (this.lines.length < rows) this.lines = resized(this.lines, this.rows, rows);
  }

  private addLine(line: number): void {
    if (this.rows === this.lines.length) {
      this.lines = resized(this.lines, this.rows, grow(this.lines.length));
    }
    this.lines[this.rows++] = line;
  }

  get columnCount(): number {
    return this.width;
  }

  finish(): DataTable {
    const columns = new Map<string, Column>();
    for (const b of this.builders) columns.set(b.name, b.finish());
    return makeTable(this.source, columns, usedPart(this.lines, this.rows));
  }
}
