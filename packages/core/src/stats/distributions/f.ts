import { regularizedBeta } from "./special-functions.js";
import { log1p } from "../elementary-functions.js";

/**
 * Upper tail of the F distribution, P(F > f) for F on (df1, df2) degrees of freedom:
 * I_{df2/(df2 + df1·f)}(df2/2, df1/2), accurate when small (R: `pf(f, df1, df2, lower.tail = FALSE)`).
 *
 * @example
 * fUpperTail(4.2, 3, 1e6); // 0.005586736136100064
 */
export function fUpperTail(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  const denom = df2 + df1 * f;
  return regularizedBeta(df2 / denom, (df1 * f) / denom, df2 / 2, df1 / 2, -log1p((df1 * f) / df2)).lower;
}
