import { csvCell } from "./csv.js";
import { visibleControls } from "./control-characters.js";
import { markdownText } from "./markdown.js";
import { type ReportTable, type TableCell, type TableColumn, flatHeader } from "./table-model.js";

/**
 * The three formats of a report table (table-model.ts), from the same model:
 *
 * - `tableMarkdown`: a GitHub table (stacked headers joined into one line), notes below; every text
 *   through markdownText, so a label never becomes HTML or Markdown;
 * - `tableCsv`: tidy — one header line, one line per body or base row, numbers written as numbers
 *   (p-values too, "<0.001" as the p-value itself), a section row's label moved into a first
 *   column of its own (`sectionColumn`) on every row below it, repeated cells written out, text
 *   cells spreadsheet-safe (csvCell: a leading = + - @ is neutralised, negative numbers are
 *   untouched); the notes go to a separate file (`tableNotesCsv`);
 * - `tableHtml`: a `<table>` with stacked, spanning header cells, row headers, a caption and the
 *   notes in a `<figure>`, for report.html.
 */
export function tableMarkdown(t: ReportTable): string {
  const esc = markdownText;
  // numbers and suppression markers are trialstat's own text: only a pipe, or a significance star, needs escaping
  const cellText = (c: TableCell) => (c.value !== undefined || c.suppressed ? c.text.replace(/[|*]/g, "\\$&") : esc(c.text));
  const show = (c: TableCell | undefined) => (c === undefined || c.text === "" || c.repeated ? "" : c.strong ? `**${cellText(c)}**` : cellText(c));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const out = [
    line(t.columns.map((c) => esc(flatHeader(c)))),
    `|${t.columns.map((c, j) => (alignOf(c, j) === "left" ? ":---" : "---:")).join("|")}|`,
    ...t.rows.map((r) =>
      r.kind === "section" ? line(t.columns.map((_, j) => (j === 0 ? `**${esc(r.cells[0].text)}**` : ""))) : line(t.columns.map((_, j) => show(r.cells[j]))),
    ),
  ];
  if (t.notes.length) out.push("", ...t.notes.map((n, i) => (i < t.notes.length - 1 ? `${esc(n)}  ` : esc(n))));
  return `${out.join("\n")}\n`;
}

export function tableCsv(t: ReportTable): string {
  const sections = t.rows.some((r) => r.kind === "section");
  const lines = [[...(sections ? [t.sectionColumn ?? "Section"] : []), ...t.columns.map((c) => flatHeader(c))].map((h) => csvCell(h)).join(",")];
  let section = "";
  for (const r of t.rows) {
    if (r.kind === "section") {
      section = r.key ?? r.cells[0].text;
      continue;
    }
    const cells = t.columns.map((_, j) => {
      const c = r.cells[j];
      if (c === undefined) return "";
      if (c.value !== undefined) return c.value === null ? (c.suppressed ? csvCell(c.text) : "") : csvCell(c.value);
      return csvCell(c.text);
    });
    lines.push([...(sections ? [csvCell(section)] : []), ...cells].join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Every table's notes as one tidy CSV (`tables/notes.csv`): the table's file id, the note's number, the note. */
export function tableNotesCsv(tables: readonly ReportTable[]): string {
  const lines = ["table,note,text"];
  for (const t of tables) t.notes.forEach((n, k) => lines.push([csvCell(t.id), String(k + 1), csvCell(n)].join(",")));
  return `${lines.join("\n")}\n`;
}

export function tableHtml(t: ReportTable): string {
  const depth = Math.max(...t.columns.map((c) => c.header.length));
  const padded = t.columns.map((c) => [...Array<string>(depth - c.header.length).fill(""), ...c.header]);
  const head: string[] = [];
  for (let level = 0; level < depth; level++) {
    const cells: string[] = [];
    for (let j = 0; j < t.columns.length; ) {
      let span = 1;
      // merge while every label from the top down to this level is the same
      while (j + span < t.columns.length && padded[j + span].slice(0, level + 1).every((l, k) => l === padded[j][k]) && level < depth - 1) span++;
      const align = alignOf(t.columns[j], j);
      const scope = span > 1 ? "colgroup" : "col";
      cells.push(`<th scope="${scope}"${span > 1 ? ` colspan="${span}"` : ""} class="${span > 1 ? "span" : align === "left" ? "l" : "r"}">${escapeHtml(padded[j][level])}</th>`);
      j += span;
    }
    head.push(`<tr>${cells.join("")}</tr>`);
  }
  // a cell repeated in the rows below it spans them (a subgroup's name beside its levels)
  const span = (k: number, j: number) => {
    let n = 1;
    while (k + n < t.rows.length && t.rows[k + n].kind !== "section" && t.rows[k + n].cells[j]?.repeated) n++;
    return n;
  };
  const body = t.rows.map((r, k) => {
    if (r.kind === "section") return `<tr class="section"><th scope="rowgroup" colspan="${t.columns.length}">${escapeHtml(r.cells[0].text)}</th></tr>`;
    const cells = t.columns.flatMap((c, j) => {
      const cell = r.cells[j] ?? { text: "" };
      if (cell.repeated) return [];
      const rows = span(k, j);
      const classes = [alignOf(c, j) === "left" ? "l" : "r", ...(c.wrap ? ["wrap"] : []), ...(cell.suppressed ? ["suppressed"] : []), ...(cell.tone ? [`tone-${cell.tone}`] : [])];
      const content = cell.strong && cell.text ? `<strong>${escapeHtml(cell.text)}</strong>` : escapeHtml(cell.text);
      const attributes = `${rows > 1 ? ` rowspan="${rows}"` : ""} class="${classes.join(" ")}"`;
      return [j === 0 ? `<th scope="${rows > 1 ? "rowgroup" : "row"}"${attributes}>${content}</th>` : `<td${attributes}>${content}</td>`];
    });
    return `<tr${r.kind === "base" ? ' class="base"' : ""}>${cells.join("")}</tr>`;
  });
  const notes = t.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n");
  return [
    `<figure class="table" id="table-${escapeHtml(t.id)}">`,
    `<div class="scroll"><table>`,
    `<caption>${escapeHtml(t.title)}</caption>`,
    `<thead>${head.join("")}</thead>`,
    `<tbody>\n${body.join("\n")}\n</tbody>`,
    `</table></div>`,
    ...(notes ? [`<figcaption>${notes}</figcaption>`] : []),
    `</figure>`,
  ].join("\n");
}

function alignOf(c: TableColumn, j: number): "left" | "right" {
  return c.align ?? (j === 0 ? "left" : "right");
}

/** Escapes text for HTML element content and attribute values (control characters made visible). */
export function escapeHtml(s: string): string {
  return visibleControls(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
