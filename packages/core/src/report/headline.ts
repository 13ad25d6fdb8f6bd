import { type EffectRow, intervalAt, levelKey } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { ownEntry } from "../own-entry.js";
import { DEFAULT_DECIMALS, type Decimals, formatFixed, roundTo } from "./decimals.js";
import { alignColumns } from "./format-number.js";
import type { ReportLabels } from "./report-labels.js";
import { tableLevel } from "./table-level.js";
import { type Stars, resolveStars } from "./stars.js";
import { type ReportTable, num, text } from "./table-model.js";
import { tableMarkdown } from "./table-formats.js";

/**
 * The headline impact table in the layout of HLT Table 2.1: populations as rows, primary outcomes
 * as columns (their SAP labels), each cell the overall effect in its unit with significance stars —
 * e.g. "3.4ppt *", "£442", "0.10sd ***" — in bold where starred (stars.ts: the SAP's levels, or
 * none), with the legend; with `intervals`, each effect's confidence interval beside it (the
 * report's summary page). Built as a report table (Markdown, CSV, HTML); `headlineText` aligns it
 * for a terminal.
 */
const SYMBOLS: Record<string, string> = { GBP: "£", EUR: "€", USD: "$" };

/** The symbol of a currency unit (GBP: £, EUR: €, USD: $); undefined for any other. */
export function currencySymbol(unit: string): string | undefined {
  return SYMBOLS[unit];
}

/** An effect in its reporting unit: ppt to one decimal, currency whole, SD units to two decimals (by default). */
export function formatEffect(value: number, unit: string, decimals: Decimals = DEFAULT_DECIMALS): string {
  if (Number.isNaN(value)) return "";
  if (unit === "ppt") return `${formatFixed(value, decimals.ppt)}ppt`;
  if (unit === "sd") return `${formatFixed(value, decimals.sd)}sd`;
  if (unit === "raw") return formatFixed(value, decimals.raw);
  const shown = formatFixed(value, decimals.currency);
  const symbol = currencySymbol(unit);
  if (!symbol) return `${shown} ${unit}`;
  return shown.startsWith("−") ? `−${symbol}${shown.slice(1)}` : `${symbol}${shown}`;
}

/** The decimal places of an effect unit (currencies share `currency`). */
export function unitDecimals(unit: string, decimals: Decimals): number {
  return unit === "ppt" ? decimals.ppt : unit === "sd" ? decimals.sd : unit === "raw" ? decimals.raw : decimals.currency;
}

export interface HeadlineOptions {
  /** The SAP's significance stars (default: * 90%, ** 95%, *** 99%). */
  stars?: Stars;
  labels?: ReportLabels;
  /** A column with each effect's confidence interval (95% when the plan has it) beside it. */
  intervals?: boolean;
}

export function headlineTable(results: ResultsDocument, decimals: Decimals = DEFAULT_DECIMALS, options: HeadlineOptions = {}): ReportTable {
  const stars = options.stars ?? resolveStars(undefined);
  const overall = results.rows.filter((r) => r.subgroup === null && r.analysis === "itt");
  const outcomes = [...new Set(overall.filter((r) => r.role === "primary").map((r) => r.outcome))];
  const populations = [...new Set(overall.map((r) => r.population))];
  const find = (p: string, o: string): EffectRow | undefined => overall.find((r) => r.population === p && r.outcome === o);
  const label = (kind: "populations" | "outcomes", name: string) =>
    options.labels ? (kind === "populations" ? options.labels.population(name) : options.labels.outcome(name)) : (ownEntry(results.labels?.[kind], name) ?? name);
  const units = [...new Set(outcomes.map((o) => overall.find((r) => r.outcome === o)!.effect_unit))];
  const level = options.intervals ? tableLevel(results) : NaN;
  const ci = `${levelKey(level)}% CI`;
  const columns = options.intervals
    ? outcomes.flatMap((o) => [{ header: [label("outcomes", o), "Effect"] }, { header: [label("outcomes", o), `${ci} low`] }, { header: [label("outcomes", o), `${ci} high`] }])
    : outcomes.map((o) => ({ header: [label("outcomes", o)] }));
  return {
    id: "headline",
    title: "Summary of impacts: primary outcomes, overall effects",
    columns: [{ header: options.intervals ? ["", "Population"] : [""], name: "Population" }, ...columns],
    rows: populations.map((p) => ({
      cells: [
        text(label("populations", p)),
        ...outcomes.flatMap((o) => {
          const r = find(p, o);
          if (!r) return options.intervals ? [text(""), text(""), text("")] : [text("")];
          const star = stars.of(r.p_value);
          const d = unitDecimals(r.effect_unit, decimals);
          // the effect's number behind its text, so that CSV has numbers; the unit is in the notes
          const effect = { ...num(roundTo(r.effect, d), `${formatEffect(r.effect, r.effect_unit, decimals)}${star ? ` ${star}` : ""}`), strong: Boolean(star) };
          if (!options.intervals) return [effect];
          const i = intervalAt(r.effect_intervals, level);
          const end = (x: number | undefined) => (x === undefined ? num(null, "") : num(roundTo(x, d), formatFixed(x, d)));
          return [effect, end(i?.low), end(i?.high)];
        }),
      ],
    })),
    notes: [...(stars.legend ? [`Bold: ${stars.legend}.`] : []), ...unitsNote(units)],
  };
}

function unitsNote(units: string[]): string[] {
  const parts = units.map((u) =>
    u === "ppt" ? "ppt: percentage points" : u === "sd" ? "sd: standard deviations of the outcome among controls" : u === "raw" ? "other effects in the outcome's own units" : `${SYMBOLS[u] ?? u}: ${u}`,
  );
  return parts.length ? [`Effects: ${parts.join("; ")}.`] : [];
}

/** The headline table aligned for a terminal, with its notes (the stars' legend). */
export function headlineText(t: ReportTable): string {
  const lines = alignColumns([t.columns.map((c) => c.header.join(" ")), ...t.rows.map((r) => r.cells.map((c) => c.text))]);
  return `${lines.join("\n")}\n${t.notes.filter((n) => n.startsWith("Bold: ")).map((n) => n.slice(6)).join("\n")}\n`;
}

export function headlineMarkdown(t: ReportTable): string {
  return tableMarkdown(t);
}
