import type { EffectRow } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { DEFAULT_DECIMALS, type Decimals, formatFixed } from "./decimals.js";
import { alignColumns } from "./format-number.js";
import { type ReportTable, text } from "./table-model.js";
import { tableMarkdown } from "./table-formats.js";

/**
 * The headline impact table in the layout of HLT Table 2.1: populations as rows, primary outcomes
 * as columns (their SAP labels), each cell the overall effect in its unit with significance stars —
 * e.g. "3.4ppt *", "£442", "0.10sd ***" — in bold where significant at 90% or more, and a legend.
 * Built as a report table (Markdown, CSV, HTML); `headlineText` aligns it for a terminal.
 */
export const STARS_LEGEND = "* significant at 90%, ** at 95%, *** at 99% confidence (two-sided, unadjusted)";

const SYMBOLS: Record<string, string> = { GBP: "£", EUR: "€", USD: "$" };

/** An effect in its reporting unit: ppt to one decimal, currency whole, SD units to two decimals (by default). */
export function formatEffect(value: number, unit: string, decimals: Decimals = DEFAULT_DECIMALS): string {
  if (Number.isNaN(value)) return "";
  if (unit === "ppt") return `${formatFixed(value, decimals.ppt)}ppt`;
  if (unit === "sd") return `${formatFixed(value, decimals.sd)}sd`;
  if (unit === "raw") return formatFixed(value, decimals.raw);
  const shown = formatFixed(value, decimals.currency);
  const symbol = SYMBOLS[unit];
  if (!symbol) return `${shown} ${unit}`;
  return shown.startsWith("−") ? `−${symbol}${shown.slice(1)}` : `${symbol}${shown}`;
}

/** The decimal places of an effect unit (currencies share `currency`). */
export function unitDecimals(unit: string, decimals: Decimals): number {
  return unit === "ppt" ? decimals.ppt : unit === "sd" ? decimals.sd : unit === "raw" ? decimals.raw : decimals.currency;
}

export function headlineTable(results: ResultsDocument, decimals: Decimals = DEFAULT_DECIMALS): ReportTable {
  const overall = results.rows.filter((r) => r.subgroup === null && r.analysis === "itt");
  const outcomes = [...new Set(overall.filter((r) => r.role === "primary").map((r) => r.outcome))];
  const populations = [...new Set(overall.map((r) => r.population))];
  const find = (p: string, o: string): EffectRow | undefined => overall.find((r) => r.population === p && r.outcome === o);
  const label = (kind: "populations" | "outcomes", name: string) => results.labels?.[kind][name] ?? name;
  const units = [...new Set(outcomes.map((o) => overall.find((r) => r.outcome === o)!.effect_unit))];
  return {
    id: "headline",
    title: "Summary of impacts: primary outcomes, overall effects",
    columns: [{ header: [""] }, ...outcomes.map((o) => ({ header: [label("outcomes", o)] }))],
    rows: populations.map((p) => ({
      cells: [
        text(label("populations", p)),
        ...outcomes.map((o) => {
          const r = find(p, o);
          if (!r) return text("");
          return { text: `${formatEffect(r.effect, r.effect_unit, decimals)}${r.stars ? ` ${r.stars}` : ""}`, strong: Boolean(r.stars) };
        }),
      ],
    })),
    notes: [`Bold: ${STARS_LEGEND}.`, ...unitsNote(units)],
  };
}

function unitsNote(units: string[]): string[] {
  const parts = units.map((u) =>
    u === "ppt" ? "ppt: percentage points" : u === "sd" ? "sd: standard deviations of the outcome among controls" : u === "raw" ? "other effects in the outcome's own units" : `${SYMBOLS[u] ?? u}: ${u}`,
  );
  return parts.length ? [`Effects: ${parts.join("; ")}.`] : [];
}

/** The headline table aligned for a terminal, with the legend. */
export function headlineText(t: ReportTable): string {
  const lines = alignColumns([t.columns.map((c) => c.header.join(" ")), ...t.rows.map((r) => r.cells.map((c) => c.text))]);
  return `${lines.join("\n")}\n${STARS_LEGEND}\n`;
}

export function headlineMarkdown(t: ReportTable): string {
  return tableMarkdown(t);
}
