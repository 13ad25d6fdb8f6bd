import { regularizedGamma } from "./special-functions.js";

/**
 * Upper tail of the χ² distribution, P(X > x) = Q(df/2, x/2), accurate when small
 * (R: `pchisq(x, df, lower.tail = FALSE)`).
 *
 * @example
 * chiSquareUpperTail(30, 3); // 1.380057031293255e-6
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGamma(df / 2, x / 2).upper;
}
