import { excelNumberFormat } from "./excel-number-format.js";
import { SUPPRESSED } from "./disclosure.js";
import { type ReportTable, type TableCell, flatHeader } from "./table-model.js";
import { type XlsxCell, type XlsxSheet, xlsxWorkbook } from "./xlsx-workbook.js";

/**
 * Report tables (table-model.ts) as one .xlsx laid out as the UK Government Statistical Service's
 * guidance "Releasing statistics in spreadsheets" (Analysis Function, 2021) asks:
 *
 * - a `Cover_sheet` (title, what the workbook holds, the caller's headings and lines, and the
 *   shorthand used), a `Contents` sheet (every table's worksheet, linked, with its title, report
 *   section and table id) and a `Notes` sheet (each distinct note under the tables once, numbered,
 *   with the worksheets it applies to);
 * - one table per worksheet (`Table_1`, …) starting at A1: the title in A1, then one line per cell
 *   in column A (the notes that apply, the shorthand in it), then the table with a single header
 *   row, marked up as an Excel table — no merged cells, blank rows or blank cells;
 * - numbers stored as numbers, each with the number format that shows it as the report does
 *   (excel-number-format.ts); cells suppressed by disclosure control hold `[c]`; a cell with
 *   nothing to report holds `[z]`; a table's own `[x]` (not available) is explained like them;
 * - a report table's section rows (labels over the rows below them) become a first column named by
 *   the table's `sectionColumn` (default "Section", as in tidy CSV): a section holds the rows after it, or — when those
 *   are indented — until the first row that is not (rows outside any section get `[z]`); a blank
 *   cell in the leading label columns (text only, before the first column with numbers) repeats the
 *   label above it in the same section, as the blank meant; stacked headers are joined into one line
 *   and made distinct.
 *
 * Built from the table model alone, so any table a report gains is written the same way.
 *
 * @example
 * const bytes = gssSpreadsheet({ title: "Mini trial", creator: "trialstat 0.1.0", cover: [{ heading: "Registration", lines: ["ISRCTN00000001"] }], tables: [{ table }] });
 */
export interface GssSpreadsheet {
  title: string;
  creator: string;
  /** What the workbook is, the opening line of the cover sheet. */
  about?: string;
  /** Headed groups of lines on the cover sheet, after `about`. */
  cover: { heading: string; lines: string[] }[];
  /** The tables in order; `section` is the report section each belongs to. */
  tables: { table: ReportTable; section?: string }[];
}

/** The shorthand the guidance recommends, and what it means here. */
const SHORTHAND: Record<string, string> = {
  [SUPPRESSED]: "suppressed by statistical disclosure control (a count below the threshold, a figure derived from one, or a count hidden so that totals cannot reveal one)",
  "[x]": "not available: the figure could not be computed",
  "[z]": "not applicable: nothing to report in this cell",
};
const NOT_APPLICABLE = "[z]";

export function gssSpreadsheet(book: GssSpreadsheet): Uint8Array {
  const notes = new NoteNumbers();
  const used = new Set<string>();
  const sheets: XlsxSheet[] = [];
  const contents: XlsxCell[][] = [];
  book.tables.forEach(({ table, section }, k) => {
    const name = `Table_${k + 1}`;
    const grid = tableGrid(table);
    grid.markers.forEach((m) => used.add(m));
    const refs = table.notes.map((n) => notes.number(n, name));
    const intro: string[] = ["This worksheet contains one table."];
    if (refs.length) intro.push(`Notes: ${[...new Set(refs)].map((r) => `[note ${r}]`).join(", ")} (in the Notes worksheet).`);
    for (const m of grid.markers) intro.push(`Cells marked ${m}: ${SHORTHAND[m]}.`);
    const rows: XlsxCell[][] = [[{ value: table.title, title: true }], ...intro.map((line) => [{ value: line }]), grid.header.map((h) => ({ value: h, bold: true })), ...grid.rows];
    sheets.push({ name, rows, widths: grid.widths, table: { name: `table_${k + 1}`, headerRow: intro.length + 1 } });
    contents.push([{ value: name, link: `'${name}'!A1` }, { value: table.title }, { value: section ?? NOT_APPLICABLE }, { value: table.id }]);
  });

  const cover: XlsxCell[][] = [[{ value: book.title, title: true }]];
  if (book.about) cover.push([{ value: book.about, wrap: true }]);
  const coverGroups = [
    ...book.cover,
    { heading: "Contents and notes", lines: ["Each table is on its own worksheet, listed (with links) in the Contents worksheet. Notes on the tables are in the Notes worksheet; each table's worksheet lists the notes that apply to it."] },
    ...(used.size ? [{ heading: "Shorthand", lines: [...used].sort().map((m) => `${m}: ${SHORTHAND[m]}`) }] : []),
  ];
  for (const group of coverGroups) {
    cover.push([{ value: group.heading, bold: true }]);
    for (const line of group.lines) cover.push([{ value: line, wrap: true }]);
  }

  const contentsHeader = ["Worksheet", "Table title", "Report section", "Table id"];
  const notesHeader = ["Note number", "Note text", "Applies to"];
  const noteRows = notes.all().map((n) => [{ value: `note ${n.number}` }, { value: n.text, wrap: true }, { value: n.sheets.join(", ") }]);
  return xlsxWorkbook({
    title: book.title,
    creator: book.creator,
    sheets: [
      { name: "Cover_sheet", rows: cover, widths: [110] },
      {
        name: "Contents",
        rows: [[{ value: "Contents", title: true }], [{ value: "This worksheet contains one table: the worksheets of the tables, each linked." }], contentsHeader.map((h) => ({ value: h, bold: true })), ...contents],
        widths: widths([contentsHeader, ...contents.map((r) => r.map((c) => String(c.value)))]),
        table: { name: "contents", headerRow: 2 },
      },
      {
        name: "Notes",
        rows: [
          [{ value: "Notes", title: true }],
          [{ value: noteRows.length ? "This worksheet contains one table: the notes on the tables, numbered as the tables refer to them." : "This worksheet contains one table: the tables have no notes." }],
          notesHeader.map((h) => ({ value: h, bold: true })),
          ...(noteRows.length ? noteRows : [[{ value: NOT_APPLICABLE }, { value: NOT_APPLICABLE }, { value: NOT_APPLICABLE }]]),
        ],
        widths: [14, 100, 40],
        table: { name: "notes", headerRow: 2 },
      },
      ...sheets,
    ],
  });
}

/** A report table as one header row and rows of cells without blanks (see gssSpreadsheet). */
export function tableGrid(t: ReportTable): { header: string[]; rows: XlsxCell[][]; widths: number[]; markers: string[] } {
  const body = t.rows.filter((r) => r.kind !== "section");
  const numeric = t.columns.map((_, j) => body.some((r) => r.cells[j]?.value !== undefined));
  const firstNumeric = numeric.indexOf(true);
  const isLabel = t.columns.map((_, j) => !numeric[j] && (firstNumeric < 0 || j < firstNumeric));
  const hasSections = t.rows.some((r) => r.kind === "section");
  const header = distinct([...(hasSections ? [t.sectionColumn ?? "Section"] : []), ...t.columns.map((c, j) => c.name ?? (flatHeader(c) || `Column ${j + 1}`))]);

  const markers = new Set<string>();
  const mark = (m: string): XlsxCell => {
    markers.add(m);
    return { value: m };
  };
  const rows: XlsxCell[][] = [];
  const shown: string[][] = [header];
  let section: string | null = null;
  let indented = false;
  let above: string[] = [];
  for (const [i, r] of t.rows.entries()) {
    if (r.kind === "section") {
      section = r.key ?? r.cells[0]?.text.trim() ?? "";
      indented = /^\s/.test(t.rows[i + 1]?.cells[0]?.text ?? "");
      above = [];
      continue;
    }
    if (section !== null && indented && !/^\s/.test(r.cells[0]?.text ?? "")) {
      section = null;
      above = [];
    }
    const cells: XlsxCell[] = hasSections ? [section ? { value: section } : mark(NOT_APPLICABLE)] : [];
    const texts: string[] = hasSections ? [String(cells[0].value)] : [];
    t.columns.forEach((_, j) => {
      const c: TableCell = r.cells[j] ?? { text: "" };
      const label = c.text.trim();
      let cell: XlsxCell;
      if (c.suppressed) cell = mark(SUPPRESSED);
      else if (typeof c.value === "number" && Number.isFinite(c.value)) cell = { value: c.value, numberFormat: excelNumberFormat(c.value, label), bold: c.strong };
      else if (label !== "") cell = Object.hasOwn(SHORTHAND, label) ? mark(label) : { value: label, bold: c.strong };
      else if (isLabel[j] && above[j]) cell = { value: above[j] };
      else cell = mark(NOT_APPLICABLE);
      if (isLabel[j] && label !== "") above[j] = label;
      cells.push(cell);
      texts.push(typeof cell.value === "number" ? label : cell.value);
    });
    rows.push(cells);
    shown.push(texts);
  }
  // an Excel table has at least one row under its header
  if (rows.length === 0) rows.push(header.map(() => mark(NOT_APPLICABLE)));
  return { header, rows, widths: widths(shown), markers: [...markers].sort() };
}

/** Column widths in characters: the longest text shown in each column, within 8–60. */
function widths(rows: readonly (readonly string[])[]): number[] {
  const out: number[] = [];
  for (const r of rows) r.forEach((text, j) => (out[j] = Math.max(out[j] ?? 8, Math.min(60, [...text].length + 2))));
  return out;
}

/** Header labels made distinct (Excel compares a table's column names without case): a repeat gets " (2)", " (3)", …. */
function distinct(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label) => {
    let name = label;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${label} (${k})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** Each distinct note numbered once, in order of first use, with the worksheets it applies to. */
class NoteNumbers {
  private readonly notes = new Map<string, { number: number; text: string; sheets: string[] }>();

  number(text: string, sheet: string): number {
    let note = this.notes.get(text);
    if (!note) {
      note = { number: this.notes.size + 1, text, sheets: [] };
      this.notes.set(text, note);
    }
    if (!note.sheets.includes(sheet)) note.sheets.push(sheet);
    return note.number;
  }

  all(): { number: number; text: string; sheets: string[] }[] {
    return [...this.notes.values()];
  }
}
