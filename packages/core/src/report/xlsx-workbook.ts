import { zipSync } from "fflate";
import { visibleControls } from "./control-characters.js";

/**
 * Writes an Excel workbook (.xlsx, Office Open XML SpreadsheetML: ECMA-376 Part 1, §18) from
 * sheets of cells — synchronously, without Node built-ins (it runs in a browser too), and byte for
 * byte the same for the same sheets: every zip entry carries one fixed time (2000-01-01 00:00) and
 * the document properties hold no dates. Writers on npm stamp the current time into the archive
 * (exceljs does, even with its `created`/`modified` set), so two runs would never give the same bytes.
 *
 * What it writes, and nothing more: numbers as numbers with a number format, text as shared
 * strings, bold and wrapped cells, column widths, internal hyperlinks (to a place in the workbook,
 * e.g. `'Table_1'!A1`), one Excel table ("Format as Table", §18.5) per sheet at most — so that
 * screen readers and filters see a table with its header row — and the document's title, creator
 * and language (docProps/core.xml). No formulas, merged cells, dates or hidden content.
 *
 * @example
 * const bytes = xlsxWorkbook({
 *   title: "Mini trial", creator: "trialstat 0.1.0",
 *   sheets: [{ name: "Table_1", rows: [[{ value: "Effect" }], [{ value: 16.6, numberFormat: "0.0" }]], table: { name: "table_1", headerRow: 0 } }],
 * }); // a Uint8Array holding the .xlsx file
 */
export interface XlsxWorkbook {
  title: string;
  creator: string;
  /** BCP 47, e.g. "en-GB" (the default). */
  language?: string;
  sheets: XlsxSheet[];
}

export interface XlsxSheet {
  /** 1–31 characters, none of \ / ? * [ ] : (checked). */
  name: string;
  /** Rows from row 1, cells from column A; `null` leaves a cell empty. */
  rows: (XlsxCell | null)[][];
  /** Column widths in characters, from column A (default: Excel's). */
  widths?: number[];
  /**
   * Marks up rows `headerRow` (0-based) to the last row as an Excel table spanning the widest of
   * those rows; the header cells must be distinct non-empty text (Excel's rule, checked).
   */
  table?: { name: string; headerRow: number };
}

export interface XlsxCell {
  value: string | number;
  /** An Excel number format code for a number, e.g. `#,##0.00` or `0"%"` (default General). */
  numberFormat?: string;
  bold?: boolean;
  /** A larger bold font, for a sheet's title. */
  title?: boolean;
  wrap?: boolean;
  /** A place in this workbook the cell links to, e.g. `'Table_1'!A1`. */
  link?: string;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Every zip entry's time: a constant, so that the same workbook gives the same bytes (a local-time Date: zip times are local). */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

export function xlsxWorkbook(book: XlsxWorkbook): Uint8Array {
  checkSheets(book.sheets);
  const strings = new SharedStrings();
  const styles = new CellStyles();
  const files: Record<string, string> = {};
  const tableNames = book.sheets.filter((s) => s.table).map((s) => s.table!.name);
  let tables = 0;
  const overrides: string[] = [
    override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
    override("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"),
    override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
  ];
  if (new Set(tableNames.map((n) => n.toLowerCase())).size !== tableNames.length) throw new Error(`xlsxWorkbook: table names must be distinct: ${tableNames.join(", ")}`);

  book.sheets.forEach((sheet, k) => {
    const n = k + 1;
    overrides.push(override(`/xl/worksheets/sheet${n}.xml`, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
    let tablePart: { id: number; xml: string } | undefined;
    if (sheet.table) {
      tables++;
      tablePart = { id: tables, xml: tableXml(sheet, tables) };
      overrides.push(override(`/xl/tables/table${tables}.xml`, "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"));
    }
    files[`xl/worksheets/sheet${n}.xml`] = sheetXml(sheet, k === 0, strings, styles, tablePart !== undefined);
    if (tablePart) {
      files[`xl/worksheets/_rels/sheet${n}.xml.rels`] = relationships([[`rId1`, `${REL}/table`, `../tables/table${tablePart.id}.xml`]]);
      files[`xl/tables/table${tablePart.id}.xml`] = tablePart.xml;
    }
  });

  const sheetRels = book.sheets.map((_, k) => [`rId${k + 1}`, `${REL}/worksheet`, `worksheets/sheet${k + 1}.xml`] as [string, string, string]);
  const n = book.sheets.length;
  const entries: Record<string, string> = {
    "[Content_Types].xml": `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
    "_rels/.rels": relationships([
      ["rId1", `${REL}/officeDocument`, "xl/workbook.xml"],
      ["rId2", `${PACKAGE_REL}/metadata/core-properties`, "docProps/core.xml"],
    ]),
    "docProps/core.xml": coreXml(book),
    "xl/workbook.xml": `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${book.sheets
      .map((s, k) => `<sheet name="${xml(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`)
      .join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": relationships([...sheetRels, [`rId${n + 1}`, `${REL}/styles`, "styles.xml"], [`rId${n + 2}`, `${REL}/sharedStrings`, "sharedStrings.xml"]]),
    ...files,
    "xl/styles.xml": styles.xml(),
    "xl/sharedStrings.xml": strings.xml(),
  };
  const encoder = new TextEncoder();
  const zip: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(entries)) zip[name] = encoder.encode(text);
  return zipSync(zip, { level: 6, mtime: ENTRY_TIME });
}

/** A zero-based column number as Excel's letters: 0 → A, 26 → AA. */
export function columnLetters(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function checkSheets(sheets: readonly XlsxSheet[]): void {
  const seen = new Set<string>();
  for (const s of sheets) {
    if (!/^[^\\/?*[\]:]{1,31}$/.test(s.name) || s.name.startsWith("'") || s.name.endsWith("'")) throw new Error(`xlsxWorkbook: "${s.name}" is not a valid sheet name`);
    if (seen.has(s.name.toLowerCase())) throw new Error(`xlsxWorkbook: two sheets are named "${s.name}"`);
    seen.add(s.name.toLowerCase());
  }
  if (sheets.length === 0) throw new Error("xlsxWorkbook: a workbook needs a sheet");
}

function sheetXml(sheet: XlsxSheet, selected: boolean, strings: SharedStrings, styles: CellStyles, hasTable: boolean): string {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const rows: string[] = [];
  const links: string[] = [];
  sheet.rows.forEach((row, i) => {
    const cells: string[] = [];
    row.forEach((cell, j) => {
      if (cell === null) return;
      const ref = `${columnLetters(j)}${i + 1}`;
      const style = styles.index(cell);
      const s = style ? ` s="${style}"` : "";
      if (typeof cell.value === "number") {
        if (!Number.isFinite(cell.value)) throw new Error(`xlsxWorkbook: ${sheet.name}!${ref} is not a finite number`);
        cells.push(`<c r="${ref}"${s}><v>${cell.value}</v></c>`);
      } else {
        cells.push(`<c r="${ref}"${s} t="s"><v>${strings.index(cell.value)}</v></c>`);
      }
      if (cell.link) links.push(`<hyperlink ref="${ref}" location="${xml(cell.link)}" display="${xml(String(cell.value))}"/>`);
    });
    rows.push(`<row r="${i + 1}">${cells.join("")}</row>`);
  });
  const cols = (sheet.widths ?? []).map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join("");
  const lastRef = `${columnLetters(width - 1)}${Math.max(1, sheet.rows.length)}`;
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<dimension ref="A1:${lastRef}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${rows.join("")}</sheetData>` +
    (links.length ? `<hyperlinks>${links.join("")}</hyperlinks>` : "") +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (hasTable ? `<tableParts count="1"><tablePart r:id="rId1"/></tableParts>` : "") +
    `</worksheet>`
  );
}

function tableXml(sheet: XlsxSheet, id: number): string {
  const { name, headerRow } = sheet.table!;
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rRcC]$/.test(name)) throw new Error(`xlsxWorkbook: "${name}" is not a valid table name`);
  const body = sheet.rows.slice(headerRow);
  const width = Math.max(...body.map((r) => r.length));
  const header = sheet.rows[headerRow] ?? [];
  const names = Array.from({ length: width }, (_, j) => header[j]?.value);
  const folded = names.map((v) => (typeof v === "string" ? v.toLowerCase() : ""));
  if (names.some((v) => typeof v !== "string" || v === "") || new Set(folded).size !== names.length) {
    throw new Error(`xlsxWorkbook: the header row of table ${name} must be distinct non-empty text`);
  }
  const ref = `A${headerRow + 1}:${columnLetters(width - 1)}${sheet.rows.length}`;
  const columns = names.map((v, j) => `<tableColumn id="${j + 1}" name="${xml(tableColumnName(v as string))}"/>`).join("");
  return (
    `${XML_HEAD}<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<tableColumns count="${width}">${columns}</tableColumns>` +
    `<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>`
  );
}

/** A table column's name is its header cell's text; Excel stores line breaks in it as _x000a_. */
function tableColumnName(text: string): string {
  return cellText(text).replace(/\r\n|\r|\n/g, "_x000a_");
}

function coreXml(book: XlsxWorkbook): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xml(book.title)}</dc:title><dc:creator>${xml(book.creator)}</dc:creator><dc:language>${xml(book.language ?? "en-GB")}</dc:language></cp:coreProperties>`
  );
}

function relationships(rels: readonly [string, string, string][]): string {
  return `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL}">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("")}</Relationships>`;
}

function override(part: string, type: string): string {
  return `<Override PartName="${part}" ContentType="${type}"/>`;
}

/** Text as a cell holds it: control characters made visible (XML 1.0 forbids most), lone surrogates replaced. */
function cellText(text: string): string {
  return visibleControls(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

function xml(text: string): string {
  return cellText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The workbook's text cells, each distinct string stored once (§18.4). */
class SharedStrings {
  private readonly order: string[] = [];
  private readonly ids = new Map<string, number>();
  private uses = 0;

  index(text: string): number {
    this.uses++;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.order.length;
      this.ids.set(text, id);
      this.order.push(text);
    }
    return id;
  }

  xml(): string {
    const items = this.order.map((t) => `<si><t${/^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : ""}>${xml(t)}</t></si>`);
    return `${XML_HEAD}<sst xmlns="${MAIN}" count="${this.uses}" uniqueCount="${this.order.length}">${items.join("")}</sst>`;
  }
}

/**
 * The cell formats used (§18.8): each distinct combination of number format, font (regular, bold,
 * title, link) and wrapping is one entry of cellXfs; entry 0 is the default. Custom number formats
 * get ids from 164, as Excel numbers them.
 */
class CellStyles {
  private readonly formats: string[] = [];
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly ids = new Map<string, number>([["0|0|0", 0]]);

  index(cell: XlsxCell): number {
    const font = cell.title ? 2 : cell.link ? 3 : cell.bold ? 1 : 0;
    const format = typeof cell.value === "number" && cell.numberFormat && cell.numberFormat !== "General" ? this.format(cell.numberFormat) : 0;
    const wrap = cell.wrap ? 1 : 0;
    const key = `${format}|${font}|${wrap}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      this.ids.set(key, id);
      const attrs = `numFmtId="${format}" fontId="${font}" fillId="0" borderId="0" xfId="0"${format ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""}`;
      this.xfs.push(wrap ? `<xf ${attrs} applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` : `<xf ${attrs}/>`);
    }
    return id;
  }

  private format(code: string): number {
    let k = this.formats.indexOf(code);
    if (k < 0) k = this.formats.push(code) - 1;
    return 164 + k;
  }

  xml(): string {
    const font = (extra: string, size: number, color = "") => `<font>${extra}<sz val="${size}"/>${color}<name val="Arial"/><family val="2"/></font>`;
    const numFmts = this.formats.length ? `<numFmts count="${this.formats.length}">${this.formats.map((f, k) => `<numFmt numFmtId="${164 + k}" formatCode="${xml(f)}"/>`).join("")}</numFmts>` : "";
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN}">${numFmts}` +
      `<fonts count="4">${font("", 11)}${font("<b/>", 11)}${font("<b/>", 14)}${font("<u/>", 11, '<color rgb="FF0563C1"/>')}</fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
    );
  }
}
