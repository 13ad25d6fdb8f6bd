import { log10 } from "../stats/elementary-functions.js";
import { formatFixed } from "../report/decimals.js";
import { formatSignificant } from "../report/format-number.js";
import { MULTIPLIERS, type PrintedNumber } from "./printed-number.js";

/**
 * A recomputed value shown the way its published cell was printed — the same currency mark, unit
 * and multiplier — with `extra` more decimal places than were printed, so that a reader sees both
 * what it rounds to and how near the rounding boundary it is (printed "3.4ppt", recomputed
 * "3.480ppt"). Numbers get a true minus and thousands separators (decimals.ts); a value compared
 * with a bound ("<0.001") is shown to two significant digits. The decimals never go beyond what a
 * double holds: where they would show more than 17 significant digits (a cell printed to 20
 * places), the value is shown in its shortest form that reads back as the same double.
 *
 * @example
 * formatLikePrinted(parsePrintedNumber("−£233"), -329.18);   // "−£329.18"
 * formatLikePrinted(parsePrintedNumber("0.10 sd"), 0.0822);  // "0.0822 sd"
 * formatLikePrinted(parsePrintedNumber("<0.001"), 0.00043);  // "0.00043"
 */
export function formatLikePrinted(printed: PrintedNumber, x: number, extra = 2): string {
  const { prefix, suffix, multiplier } = printed.style;
  if (printed.bound) return formatSignificant(x, 2);
  const power = MULTIPLIERS[multiplier.toLowerCase()] ?? 0;
  const value = x / 10 ** power;
  const shown = formatFixed(value, withinDouble(value, Math.min(20, Math.max(0, printed.decimals + power + extra))));
  const negative = shown.startsWith("−");
  return `${negative ? "−" : ""}${prefix}${negative ? shown.slice(1) : shown}${multiplier}${suffix}`;
}

/** `decimals`, or fewer where they would show more than 17 significant digits of `x`: then the decimals of x's shortest round-trip form (String(x)). */
function withinDouble(x: number, decimals: number): number {
  if (x === 0 || !Number.isFinite(x)) return decimals;
  if (decimals <= 17 - (Math.floor(log10(Math.abs(x))) + 1)) return decimals;
  const [mantissa, exponent = "0"] = String(Math.abs(x)).split("e");
  const places = (mantissa.split(".")[1] ?? "").length - Number(exponent);
  return Math.max(0, Math.min(decimals, places));
}
