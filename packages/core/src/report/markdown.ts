/**
 * A Markdown (GitHub) table: the first column left-aligned, the others right-aligned; `|` in a cell
 * is escaped and line breaks become spaces.
 *
 * @example
 * markdownTable(["cell", "n"], [["arm=T", "12"]]);
 * // "| cell | n |\n|:---|---:|\n| arm=T | 12 |"
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${header.map((_, j) => (j === 0 ? ":---" : "---:")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
