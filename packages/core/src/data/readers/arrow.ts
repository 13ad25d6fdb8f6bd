import { type Table, Type, tableFromIPC } from "apache-arrow";
import { type DecodedColumn, type DecodedFile, corruptFile } from "./decoded.js";
import { arrowStructureProblem } from "./arrow-check.js";
import { CalendarDay, cellText } from "./cell-text.js";

/**
 * Reads an Arrow IPC file (.arrow, .feather version 2) or stream with apache-arrow.
 *
 * - Integers and floats become numbers (a 64-bit integer keeps its exact digits), decimals numbers,
 *   booleans 1/0, strings text, dictionary-encoded columns (R factors, pandas categoricals) their
 *   values; Date and Timestamp columns YYYY-MM-DD days (a time of day is dropped). A null is an
 *   empty (missing) cell.
 * - Nested columns (lists, structs, maps, unions) are not read and name themselves in the error.
 *
 * @example
 * const table = tableFromDecoded(decodeArrow(bytes, "extract.arrow"), { source: "extract.arrow" });
 */
export function decodeArrow(bytes: Uint8Array, source: string): DecodedFile {
  const fail = (what: string, hint?: string) => corruptFile(source, "Arrow IPC", what, hint);
  if (bytes.length === 0) throw fail("the file is empty");
  // apache-arrow trusts the file's counts and lengths (a file cut short reads as empty, a damaged
  // count loops): check the structure first
  const problem = arrowStructureProblem(bytes);
  if (problem) throw fail(problem);
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (table.schema.fields.length === 0 && bytes.length > 0) throw fail("it holds no columns (is it an Arrow IPC file?)");
  const columns: DecodedColumn[] = table.schema.fields.map((field, j) => {
    const vector = table.getChildAt(j)!;
    const type = field.type;
    const id = type.typeId;
    if ([Type.List, Type.FixedSizeList, Type.Struct, Type.Map, Type.Union, Type.DenseUnion, Type.SparseUnion].includes(id)) {
      throw fail(`the column ${field.name} is nested (${type}), which trialstat does not read`, "write the extract with one plain column per variable");
    }
    const valueType = id === Type.Dictionary ? (type as { dictionary: { typeId: Type } }).dictionary.typeId : id;
    const isDay = valueType === Type.Date || valueType === Type.DateDay || valueType === Type.DateMillisecond || valueType === Type.Timestamp || valueType === Type.TimestampSecond || valueType === Type.TimestampMillisecond || valueType === Type.TimestampMicrosecond || valueType === Type.TimestampNanosecond;
    const timeUnit = (type as { unit?: number }).unit;
    const msPerUnit = valueType >= Type.Timestamp && valueType <= Type.TimestampNanosecond && timeUnit !== undefined ? [1000, 1, 1e-3, 1e-6][timeUnit] : 1;
    return {
      name: field.name,
      cell(row) {
        const v = vector.get(row);
        if (v === null || v === undefined) return null;
        if (isDay) {
          const ms = (typeof v === "bigint" ? Number(v) : v instanceof Date ? v.getTime() : Number(v)) * msPerUnit;
          return cellText(new CalendarDay(Math.floor(ms / 86_400_000)));
        }
        return cellText(typeof v === "object" && v !== null && "valueOf" in v && !(v instanceof Date) ? decimalValue(v) : v);
      },
    };
  });
  return { columns, nRows: table.numRows };
}

/** A decimal (or other boxed number) as a number: apache-arrow returns decimals as objects. */
function decimalValue(v: object): unknown {
  const prim = (v as { valueOf(): unknown }).valueOf();
  return typeof prim === "object" ? String(v) : prim;
}
