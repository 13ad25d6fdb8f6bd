import type { Interval } from "../analysis/effect-row.js";
import type { SpreadSummary } from "../analysis/single-arm-rows.js";
import { formatFixed, roundTo } from "./decimals.js";
import { type TableCell, num, text } from "./table-model.js";

/**
 * Cells shared by the tables of a single-arm evaluation: the row label of a site (`null`, every
 * site together, is "Total" as in the IPS-in-IAPT pilot's tables), a mean with its range
 * ("24.0 (13–44)", Table 6) and an interval ("[−4.1, −1.9]"); a number at fixed decimals is
 * result-cells.ts's fixedCell.
 *
 * @example
 * meanRangeCell({ mean: 24.03, sd: 6.1, min: 13, max: 44 }, 1).text; // "24.0 (13–44)"
 */
export function siteLabel(site: string | null): string {
  return site ?? "Total";
}

export function meanRangeCell(s: SpreadSummary | null, decimals: number): TableCell {
  if (!s) return num(null, "");
  const range = (x: number) => (Number.isInteger(x) ? formatFixed(x, 0) : formatFixed(x, decimals));
  return num(roundTo(s.mean, decimals), `${formatFixed(s.mean, decimals)} (${range(s.min)}–${range(s.max)})`);
}

/** An interval at a level, scaled (×100 for a percentage), or empty where there is none. */
export function intervalCell(intervals: readonly Interval[], level: number, decimals: number, scale = 1): TableCell {
  const i = intervals.find((x) => x.level === level);
  if (!i || Number.isNaN(i.low) || Number.isNaN(i.high)) return text("");
  return text(`[${formatFixed(i.low * scale, decimals)}, ${formatFixed(i.high * scale, decimals)}]`);
}
