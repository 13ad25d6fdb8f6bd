import { unzipSync } from "fflate";
import { inputError, listNames } from "../../errors.js";
import { formatDay } from "../dates.js";
import { type DecodedColumn, type DecodedFile, corruptFile } from "./decoded.js";

/**
 * Reads one sheet of an Excel workbook (.xlsx, Office Open XML) — the first, or the one named —
 * synchronously and without Node built-ins: the zip is opened with fflate and the sheet's XML read
 * directly (ECMA-376 Part 1, §18.3 worksheets, §18.4 shared strings, §18.8 styles). The readers on
 * npm are asynchronous (exceljs) or no longer maintained there (SheetJS).
 *
 * - The first non-empty row is the header; the rows below it, up to the last non-empty one, are
 *   the data (a blank row in between is a row of missing cells). A row's number in messages is its
 *   row number in the sheet.
 * - Numbers become numbers; text (shared, inline or a formula's cached text) text; booleans 1/0;
 *   an error cell (#N/A, #DIV/0!) its text, so a declared number column reports it; an empty cell
 *   is missing. A number formatted as a date (a built-in date format, or a custom one such as
 *   yyyy-mm-dd) becomes a YYYY-MM-DD day (a time of day is dropped), in the 1900 or 1904 date system.
 *
 * @example
 * const table = tableFromDecoded(decodeXlsx(bytes, "survey.xlsx", "Wave 1"), { source: "survey.xlsx" });
 */
export function decodeXlsx(bytes: Uint8Array, source: string, sheet?: string): DecodedFile {
  const fail = (what: string) => corruptFile(source, "Excel .xlsx", what);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.endsWith(".xml") || f.name.endsWith(".rels") });
  } catch (e) {
    throw fail(`it is not a complete zip archive (${(e as Error).message})`);
  }
  const text = (path: string) => (files[path] ? new TextDecoder().decode(files[path]) : undefined);
  const workbook = text("xl/workbook.xml");
  if (!workbook) throw fail("it has no xl/workbook.xml (is it an .xlsx workbook? .xls and .ods files are not read)");
  const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)].map((m) => ({ name: xmlText(attr(m[1], "name") ?? ""), id: attr(m[1], "r:id") ?? attr(m[1], "id") ?? "" }));
  if (sheets.length === 0) throw fail("the workbook lists no sheets");
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!chosen) {
    throw inputError(`no sheet named "${sheet}"`, {
      location: { file: source },
      hint: `its sheets: ${listNames(sheets.map((s) => s.name))}`,
    });
  }
  const rels = text("xl/_rels/workbook.xml.rels") ?? "";
  const rel = [...rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)].find((m) => attr(m[1], "Id") === chosen.id);
  const target = rel ? attr(rel[1], "Target") ?? "" : "";
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const sheetXml = text(sheetPath.replace(/\/\.\//g, "/"));
  if (!sheetXml) throw fail(`the sheet "${chosen.name}" (${sheetPath}) is missing from the archive`);

  const shared = sharedStrings(text("xl/sharedStrings.xml"));
  const dateStyles = dateStyleIndexes(text("xl/styles.xml"));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*date1904="(?:1|true)"/.test(workbook);
  const epoch = date1904 ? 24107 : 25569; // serial number of 1970-01-01

  const rows: { number: number; cells: Map<number, string | null> }[] = [];
  let rowNumber = 0;
  for (const row of sheetXml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    rowNumber = Number(attr(row[1], "r") ?? rowNumber + 1);
    const cells = new Map<number, string | null>();
    let column = -1;
    for (const c of (row[2] ?? "").matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attr(c[1], "r");
      column = ref ? columnIndex(ref) : column + 1;
      const type = attr(c[1], "t") ?? "n";
      const body = c[2] ?? "";
      const value = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let cell: string | null = null;
      if (type === "inlineStr") cell = richText(body);
      else if (value === undefined) cell = null;
      else if (type === "s") {
        cell = shared[Number(value)] ?? null;
        if (cell === null) throw fail(`cell ${ref} refers to shared string ${value}, which the workbook does not hold`);
      } else if (type === "b") cell = value === "1" ? "1" : "0";
      else if (type === "str" || type === "e") cell = xmlText(value);
      else if (type === "d") cell = xmlText(value).slice(0, 10);
      else {
        const x = Number(value);
        if (!Number.isFinite(x)) throw fail(`cell ${ref} holds "${value}", which is not a number`);
        cell = dateStyles.has(Number(attr(c[1], "s") ?? "0")) ? formatDay(Math.floor(x) - epoch) : String(x);
      }
      if (cell !== null) cells.set(column, cell);
    }
    if (cells.size) rows.push({ number: rowNumber, cells });
  }
  if (rows.length === 0) {
    throw inputError(`the sheet "${chosen.name}" is empty`, { location: { file: source }, hint: "the first non-empty row of the sheet must name the columns" });
  }
  const header = rows[0];
  const width = Math.max(...rows.map((r) => Math.max(...r.cells.keys()))) + 1;
  const first = Math.min(...rows.map((r) => Math.min(...r.cells.keys())));
  // data rows by sheet row number, blank rows in between included
  const lastRow = rows[rows.length - 1].number;
  const byNumber = new Map(rows.map((r) => [r.number, r.cells]));
  const nRows = lastRow - header.number;
  const columns: DecodedColumn[] = [];
  for (let j = first; j < width; j++) {
    const name = header.cells.get(j) ?? "";
    columns.push({ name, cell: (row) => byNumber.get(header.number + 1 + row)?.get(j) ?? null });
  }
  return { columns, nRows, rowNumber: (row) => header.number + 1 + row };
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}="([^"]*)"`).exec(attrs);
  return m?.[1];
}

/** 0-based column of a cell reference ("A1" → 0, "AB7" → 27). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n - 1;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? all),
    )
    .replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of a string item: its <t> runs joined (phonetic runs left out). */
function richText(xml: string): string {
  const withoutPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  return [...withoutPhonetic.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)].map((m) => xmlText(m[1] ?? "")).join("");
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) => richText(m[1] ?? ""));
}

/** Built-in number formats that show dates (ECMA-376 §18.8.30, plus the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Indexes of cell styles (the s attribute) whose number format shows a date or time. */
function dateStyleIndexes(xml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) custom.set(Number(attr(m[1], "numFmtId")), xmlText(attr(m[1], "formatCode") ?? ""));
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? "";
  let i = 0;
  for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1], "numFmtId") ?? "0");
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id)) out.add(i);
    i++;
  }
  return out;
}

/**
 * Whether a custom number format shows a date: d or y, or m without h or s (mm:ss is a time),
 * outside quotes, brackets and escapes.
 */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "").split(";")[0];
  if (/^general$/i.test(bare.trim())) return false;
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}
