import { gunzipSync } from "fflate";
// hyparquet's browser entry: its Node entry adds file-system helpers core must not import
import { parquetMetadata, parquetSchema } from "hyparquet/src/index.js";
import { readColumn } from "hyparquet/src/column.js";
import { getTreePath, isFlatColumn } from "hyparquet/src/schema.js";
import { DEFAULT_PARSERS } from "hyparquet/src/convert.js";
import { type DecodedColumn, type DecodedFile, corruptFile } from "./decoded.js";
import { CalendarDay, cellText } from "./cell-text.js";

/**
 * Reads a Parquet file with hyparquet (pure JavaScript, also in browsers), synchronously: the file
 * is in memory, so each column chunk is decoded with hyparquet's own column reader rather than its
 * asynchronous, range-fetching entry points.
 *
 * - Integers, floats and decimals become numbers (a 64-bit integer keeps its exact digits as text);
 *   booleans 1/0; strings text; DATE and TIMESTAMP columns YYYY-MM-DD days (a time of day is
 *   dropped). A null is an empty (missing) cell.
 * - Snappy (the default of most writers), gzip and uncompressed pages are read; nested columns
 *   (lists, structs, maps) are not, and name themselves in the error.
 *
 * @example
 * const table = tableFromDecoded(decodeParquet(bytes, "hmrc.parquet"), { source: "hmrc.parquet" });
 */
export function decodeParquet(bytes: Uint8Array, source: string): DecodedFile {
  const fail = (what: string, hint?: string) => corruptFile(source, "Parquet", what, hint);
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(bytes, { parsers: DAY_PARSERS });
  } catch (e) {
    throw fail((e as Error).message.replace(/^parquet /, ""));
  }
  const tree = parquetSchema(metadata);
  const names = tree.children.map((c) => c.element.name);
  const data: unknown[][] = names.map(() => []);
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) throw fail("a column chunk has no metadata");
      const top = meta.path_in_schema[0];
      const schemaPath = getTreePath(tree, meta.path_in_schema);
      if (!isFlatColumn(schemaPath) || meta.path_in_schema.length > 1) {
        throw fail(`the column ${top} is nested (a list, struct or map), which trialstat does not read`, "write the extract with one plain column per variable");
      }
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (end > bytes.length) throw fail(`the column ${top} runs past the end of the file (it is truncated)`);
      const columnDecoder = {
        pathInSchema: meta.path_in_schema,
        element: schemaPath[schemaPath.length - 1].element,
        schemaPath,
        ...meta,
        parsers: { ...DEFAULT_PARSERS, ...(DAY_PARSERS as object) },
        compressors: { GZIP: (input: Uint8Array) => gunzipSync(input) },
      };
      let decoded: ReturnType<typeof readColumn>;
      try {
        const view = new DataView(bytes.buffer, bytes.byteOffset + start, end - start);
        decoded = readColumn({ view, offset: 0 }, { groupStart: 0, groupRows, selectStart: 0, selectEnd: groupRows }, columnDecoder as never);
      } catch (e) {
        const message = (e as Error).message;
        if (/compression|codec/i.test(message)) {
          throw fail(`the column ${top} uses a compression trialstat cannot read (${meta.codec})`, "write the Parquet file with snappy, gzip or no compression");
        }
        throw fail(`the column ${top} cannot be decoded (${message})`);
      }
      const values = data[names.indexOf(top)];
      let got = 0;
      for (const piece of decoded.data) {
        for (let i = 0; i < piece.length; i++) values.push(piece[i]);
        got += piece.length;
      }
      if (got < groupRows) throw fail(`the column ${top} holds ${got} values where its row group has ${groupRows}`);
      values.length = values.length - (got - groupRows);
    }
  }
  const nRows = Number(metadata.num_rows);
  const columns: DecodedColumn[] = names.map((name, j) => {
    const values = data[j];
    if (values.length !== nRows) throw fail(`the column ${name} holds ${values.length} values, not ${nRows}`);
    return { name, cell: (row) => cellText(values[row]) };
  });
  return { columns, nRows };
}

const MS_PER_DAY = 86_400_000;
const DAY_PARSERS = {
  dateFromDays: (days: number) => new CalendarDay(days),
  timestampFromMilliseconds: (ms: bigint) => new CalendarDay(Math.floor(Number(ms) / MS_PER_DAY)),
  timestampFromMicroseconds: (us: bigint) => new CalendarDay(Math.floor(Number(us / 1000n) / MS_PER_DAY)),
  timestampFromNanoseconds: (ns: bigint) => new CalendarDay(Math.floor(Number(ns / 1000000n) / MS_PER_DAY)),
} as never;
