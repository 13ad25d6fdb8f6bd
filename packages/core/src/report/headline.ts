import type { ResultsDocument, ResultRow } from "../analysis/results.js";
import { alignColumns } from "./format-number.js";

/**
 * The headline impact table in the layout of HLT Table 2.1: populations as rows, primary outcomes
 * as columns, each cell the overall effect in its unit with significance stars — e.g. "3.4ppt *",
 * "£442", "0.10sd ***" — and a legend. As plain text (aligned for a terminal) or Markdown.
 */
export interface HeadlineTable {
  outcomes: string[];
  populations: string[];
  /** cells[p][o]: the formatted effect, or "" where the outcome is not analysed in that population. */
  cells: string[][];
  legend: string;
}

const SYMBOLS: Record<string, string> = { GBP: "£", EUR: "€", USD: "$" };

/** An effect in its reporting unit: ppt to one decimal, currency whole, SD units to two decimals. */
export function formatEffect(value: number, unit: string): string {
  const sign = value < 0 ? "−" : "";
  const a = Math.abs(value);
  if (unit === "ppt") return `${sign}${a.toFixed(1)}ppt`;
  if (unit === "sd") return `${sign}${a.toFixed(2)}sd`;
  if (unit === "raw") return `${sign}${a.toFixed(2)}`;
  const symbol = SYMBOLS[unit];
  const whole = Math.round(a).toLocaleString("en-GB");
  return symbol ? `${sign}${symbol}${whole}` : `${sign}${whole} ${unit}`;
}

export function headlineTable(results: ResultsDocument): HeadlineTable {
  const overall = results.rows.filter((r) => r.subgroup === null);
  const outcomes = [...new Set(overall.filter((r) => r.role === "primary").map((r) => String(r.outcome)))];
  const populations = [...new Set(overall.map((r) => String(r.population)))];
  const find = (p: string, o: string): ResultRow | undefined => overall.find((r) => r.population === p && r.outcome === o);
  const cells = populations.map((p) =>
    outcomes.map((o) => {
      const r = find(p, o);
      if (!r) return "";
      return `${formatEffect(r.effect_size as number, String(r.effect_unit))}${r.stars ? ` ${r.stars}` : ""}`;
    }),
  );
  return { outcomes, populations, cells, legend: "* significant at 90%, ** at 95%, *** at 99% confidence (two-sided, unadjusted)" };
}

export function headlineText(t: HeadlineTable): string {
  const lines = alignColumns([["", ...t.outcomes], ...t.populations.map((p, i) => [p, ...t.cells[i]])]);
  return `${lines.join("\n")}\n${t.legend}\n`;
}

export function headlineMarkdown(t: HeadlineTable): string {
  const head = `| | ${t.outcomes.join(" | ")} |`;
  const rule = `|---|${t.outcomes.map(() => "---:").join("|")}|`;
  const rows = t.populations.map((p, i) => `| ${p} | ${t.cells[i].join(" | ")} |`);
  return `${[head, rule, ...rows].join("\n")}\n\n${t.legend}\n`;
}
