import { visibleControls } from "./control-characters.js";

/**
 * Text from the data or the SAP (labels, levels, titles, variable names, warnings) made inert for
 * Markdown (CommonMark and GitHub's dialect), so that it shows as typed and never becomes HTML, a
 * link, emphasis, a table column, maths or a block:
 *
 * - line breaks become spaces (a line break would end a table row or start a block), and other
 *   control characters are made visible (control-characters.ts);
 * - `\` `` ` `` `*` `_` `[` `]` `|` `~` `$` are backslash-escaped (code, emphasis, links and images,
 *   table cells, strikethrough, GitHub's maths);
 * - `<` before a letter, `/`, `!` or `?` — the only places where CommonMark starts raw HTML or an
 *   autolink — becomes `&lt;`, and `&` that would start an entity (`&lt;`, `&#60;`) becomes `&amp;`,
 *   so `<script>` shows as text; `<0.001` stays readable;
 * - a line that would start a block (`# `, `>`, `+ `, `- `, `---`, `===`, `1. ` or `1) `) has that marker
 *   escaped (`-2.5` and `12.5` are left alone).
 *
 * @example
 * markdownText("<script>alert(1)</script>"); // "&lt;script>alert(1)&lt;/script>"
 * markdownText("a_b | *c*");                 // "a\\_b \\| \\*c\\*"
 */
export function markdownText(s: string): string {
  return visibleControls(s.replace(/\r\n?|\n/g, " "))
    .replace(/[\\`*_[\]|~$]/g, "\\$&")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
    .replace(/^(\s*)(>|[#+=-](?=[\s#+=-]|$))/, "$1\\$2")
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
}

/**
 * A Markdown (GitHub) table: the first column left-aligned, the others right-aligned; every cell
 * through markdownText.
 *
 * @example
 * markdownTable(["cell", "n"], [["arm=T", "12"]]);
 * // "| cell | n |\n|:---|---:|\n| arm=T | 12 |"
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownText).join(" | ")} |`;
  const rule = `|${header.map((_, j) => (j === 0 ? ":---" : "---:")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
