/**
 * The table model every report table is built in, and rendered from to Markdown, CSV and HTML
 * (table-formats.ts): so the three formats of a table can never disagree.
 *
 * A table has columns (each with a header path: one label per header level, top first, so that
 * "SCR / IW / T" stacks as in HLT Table 6.2), rows of cells, and notes (legend, base, source,
 * disclosure control). A cell carries the text people read and, where it is one number, that
 * number rounded as displayed: CSV writes the number (so a spreadsheet gets −2.5, not text), the
 * other formats the text. A row is a body row, a base row (unweighted base, HLT Tables 1.2–1.11),
 * or a section row that labels the rows below it.
 *
 * @example
 * const t: ReportTable = {
 *   id: "age", title: "Age of recruits, by trial group",
 *   columns: [{ header: ["Age"], align: "left" }, { header: ["SCR IW", "%"] }],
 *   rows: [{ cells: [text("< 30"), num(23, "23")] }, { kind: "base", cells: [text("Base"), num(2519, "2,519")] }],
 *   notes: ["Base: all recruits answering this question"],
 * };
 */
export interface ReportTable {
  /** A file-name-safe identifier (e.g. "headline", "results-scr"); made unique within a run by file-names.ts. */
  id: string;
  title: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Lines printed under the table: legend, base, source, suppression. */
  notes: string[];
  /**
   * The header of the column that tidy CSV gives the section rows' labels (default "Section"):
   * a CSV has no section rows, each row carries its section instead.
   */
  sectionColumn?: string;
}

export interface TableColumn {
  /** Header labels, top level first; adjacent columns with the same upper labels share a spanning cell in HTML. */
  header: string[];
  /** Default: the first column left, the others right. */
  align?: "left" | "right";
  /** Printed labels that may wrap in a narrow column (report.html keeps other row labels on one line). */
  wrap?: boolean;
  /** The column's name where a header cannot be blank (a spreadsheet's header row); default the header. */
  name?: string;
}

export interface TableCell {
  text: string;
  /** The number shown, rounded as displayed; `null` for an empty or suppressed numeric cell. Absent for text. */
  value?: number | null;
  /** Emphasis (bold in HTML and Markdown), e.g. a significant effect. */
  strong?: boolean;
  /** Suppressed by disclosure control. */
  suppressed?: boolean;
  /** The same as the row above, left blank in print (a subgroup's name on its second level) but written in CSV. */
  repeated?: boolean;
  /** A judgement the cell is coloured by in HTML (a published cell reproduced, within rounding, not reproduced, not found). */
  tone?: CellTone;
}

export type CellTone = "good" | "near" | "bad" | "missing";

export interface TableRow {
  kind?: "body" | "base" | "section";
  cells: TableCell[];
  /** A section row's value in the CSV column of sections, when shorter than its label (a unit's code). */
  key?: string;
}

/** A text cell. */
export function text(value: string): TableCell {
  return { text: value };
}

/** A numeric cell: its displayed text and the rounded number behind it. */
export function num(value: number | null, shown: string): TableCell {
  return { text: shown, value: value === null || Number.isNaN(value) ? null : value };
}

/** The header labels of a column joined into one line (for Markdown and CSV). */
export function flatHeader(column: TableColumn): string {
  const parts: string[] = [];
  for (const label of column.header) if (label !== "" && parts[parts.length - 1] !== label) parts.push(label);
  return parts.join(" ");
}

/** A row of one section label spanning the table (`key`: its value in CSV, default the label). */
export function sectionRow(label: string, key?: string): TableRow {
  return key === undefined ? { kind: "section", cells: [text(label)] } : { kind: "section", cells: [text(label)], key };
}

/** Lower-case letters, digits and hyphens only: for ids and file names. */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
