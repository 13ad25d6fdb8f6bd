import { rowUnitFactor } from "../analysis/units.js";
import type { EffectRow } from "../analysis/effect-row.js";
import { type Decimals, formatFixed, formatP, roundTo } from "./decimals.js";
import { unitDecimals } from "./headline.js";
import { type TableCell, num, text } from "./table-model.js";

/** A number at fixed decimals (its value rounded as shown); empty when there is none. */
export function fixedCell(x: number | null | undefined, decimals: number): TableCell {
  return x === null || x === undefined || Number.isNaN(x) ? num(null, "") : num(roundTo(x, decimals), formatFixed(x, decimals));
}

/**
 * A p-value with the plan's decimals ("<0.001" below them); empty when there is none. Its number
 * (what CSV writes) is the p-value rounded as shown, or below the floor the p-value itself to 3
 * significant digits: a number, never the text "<0.001".
 */
export function pCell(p: unknown, decimals: Decimals): TableCell {
  if (typeof p !== "number" || Number.isNaN(p)) return text("");
  const shown = formatP(p, decimals.p);
  return num(shown.startsWith("<") ? Number(p.toPrecision(3)) : roundTo(p, decimals.p), shown);
}

/**
 * A number a row holds on the outcome's scale (an interval of randomisation inference or the
 * bootstrap, a bound), shown in the row's reporting unit with that unit's decimals; empty when it
 * is null (an unbounded end).
 *
 * @example
 * unitCell(row, 0.034, decimals); // "3.4" for a ppt row
 */
export function unitCell(row: EffectRow, value: number | null, decimals: Decimals): TableCell {
  if (value === null || Number.isNaN(value)) return num(null, "");
  const d = unitDecimals(row.effect_unit, decimals);
  const shown = value * rowUnitFactor(row);
  return num(roundTo(shown, d), formatFixed(shown, d));
}

/** A share (0–1) as a percentage with the decimals of rates. */
export function shareCell(share: number, decimals: Decimals): TableCell {
  return num(roundTo(share * 100, decimals.rate), `${formatFixed(share * 100, decimals.rate)}%`);
}
