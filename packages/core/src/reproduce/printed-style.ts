import { formatFixed } from "../report/decimals.js";
import { formatSignificant } from "../report/format-number.js";
import { MULTIPLIERS, type PrintedNumber } from "./printed-number.js";

/**
 * A recomputed value shown the way its published cell was printed — the same currency mark, unit
 * and multiplier — with `extra` more decimal places than were printed, so that a reader sees both
 * what it rounds to and how near the rounding boundary it is (printed "3.4ppt", recomputed
 * "3.480ppt"). Numbers get a true minus and thousands separators (decimals.ts); a value compared
 * with a bound ("<0.001") is shown to two significant digits.
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
  const shown = formatFixed(x / 10 ** power, Math.min(20, Math.max(0, printed.decimals + power + extra)));
  const negative = shown.startsWith("−");
  return `${negative ? "−" : ""}${prefix}${negative ? shown.slice(1) : shown}${multiplier}${suffix}`;
}
