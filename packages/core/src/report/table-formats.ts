import { csvCell } from "./csv.js";
import { visibleControls } from "./control-characters.js";
import { markdownText } from "./markdown.js";
import { type ReportTable, type TableCell, type TableColumn, flatHeader } from "./table-model.js";

/**
 * The three formats of a report table (table-model.ts), from the same model:
 *
 * - `tableMarkdown`: a GitHub table (stacked headers joined into one line), notes below; every text
 *   through markdownText, so a label never becomes HTML or Markdown;
 * - `tableCsv`: one header line, numbers written as numbers, text cells spreadsheet-safe
 *   (csvCell: a leading = + - @ is neutralised, negative numbers are untouched), then an empty line
 *   and the notes, one per line;
 * - `tableHtml`: a `<table>` with stacked, spanning header cells, row headers, a caption and the
 *   notes in a `<figure>`, for report.html.
 */
export function tableMarkdown(t: ReportTable): string {
  const esc = markdownText;
  // numbers and suppression markers are trialstat's own text: only a pipe could harm them
  const cellText = (c: TableCell) => (c.value !== undefined || c.suppressed ? c.text.replace(/\|/g, "\\|") : esc(c.text));
  const show = (c: TableCell | undefined) => (c === undefined || c.text === "" ? "" : c.strong ? `**${cellText(c)}**` : cellText(c));
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
  const lines = [t.columns.map((c) => csvCell(flatHeader(c))).join(",")];
  for (const r of t.rows) {
    const cells = t.columns.map((_, j) => {
      const c = r.cells[j];
      if (c === undefined) return "";
      if (c.value !== undefined) return c.value === null ? (c.suppressed ? csvCell(c.text) : "") : csvCell(c.value);
      return csvCell(c.text);
    });
    lines.push(cells.join(","));
  }
  if (t.notes.length) lines.push("", ...t.notes.map((n) => csvCell(n)));
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
  const body = t.rows.map((r) => {
    if (r.kind === "section") return `<tr class="section"><th scope="rowgroup" colspan="${t.columns.length}">${escapeHtml(r.cells[0].text)}</th></tr>`;
    const cells = t.columns.map((c, j) => {
      const cell = r.cells[j] ?? { text: "" };
      const classes = [alignOf(c, j) === "left" ? "l" : "r", ...(cell.suppressed ? ["suppressed"] : []), ...(cell.tone ? [`tone-${cell.tone}`] : [])];
      const content = cell.strong && cell.text ? `<strong>${escapeHtml(cell.text)}</strong>` : escapeHtml(cell.text);
      return j === 0 ? `<th scope="row" class="${classes.join(" ")}">${content}</th>` : `<td class="${classes.join(" ")}">${content}</td>`;
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
