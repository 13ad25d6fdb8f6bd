import type { OutputSpec } from "../sap/types.js";
import { pow } from "../stats/elementary-functions.js";

/**
 * Rounding for report tables, set in the SAP (`output.decimals`, docs/sap.md#output): decimal
 * places for effects (and their SEs and intervals) in each reporting unit, for arm means, column
 * percentages, response rates, p-values and standardised differences. A single number in the SAP
 * sets every effect unit at once (the other keys keep their defaults).
 *
 * Numbers are shown with a true minus sign (−), thousands separated by commas as in the HLT report
 * (not locale-dependent), and never as −0.
 *
 * @example
 * resolveDecimals({ ppt: 0 }).ppt;  // 0
 * formatFixed(-1234.5, 1);          // "−1,234.5"
 * formatP(0.0004, 3);               // "<0.001"
 */
export interface Decimals {
  ppt: number;
  currency: number;
  sd: number;
  raw: number;
  mean: number;
  percent: number;
  rate: number;
  p: number;
  smd: number;
}

export const DEFAULT_DECIMALS: Readonly<Decimals> = { ppt: 1, currency: 0, sd: 2, raw: 2, mean: 2, percent: 0, rate: 1, p: 3, smd: 2 };

export function resolveDecimals(spec: OutputSpec["decimals"]): Decimals {
  if (spec === undefined) return { ...DEFAULT_DECIMALS };
  if (typeof spec === "number") return { ...DEFAULT_DECIMALS, ppt: spec, currency: spec, sd: spec, raw: spec };
  return { ...DEFAULT_DECIMALS, ...spec };
}

/** Rounds half away from zero at `decimals` places (as displayed; toFixed's binary rounding aside). */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Number(x.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
}

/**
 * Fixed decimals, a true minus, thousands separated; "" for a missing value. From 10²¹, where
 * toFixed writes exponents ("9.342982307818567e+30", a first-stage F under perfect compliance),
 * three significant digits times a power of ten: "9.34 × 10³⁰".
 */
export function formatFixed(x: number | null | undefined, decimals: number): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Math.abs(x) >= 1e21) {
    const [mantissa, exponent] = Math.abs(x).toExponential(2).split("e+");
    return `${x < 0 ? "−" : ""}${mantissa} × 10${[...exponent].map((d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]).join("")}`;
  }
  const s = Math.abs(x).toFixed(decimals);
  const negative = x < 0 && /[1-9]/.test(s);
  const [whole, fraction] = s.split(".");
  return `${negative ? "−" : ""}${groupThousands(whole)}${fraction !== undefined ? `.${fraction}` : ""}`;
}

/** A count with thousands separators: 9785 → "9,785". */
export function formatCount(n: number | null | undefined): string {
  return formatFixed(n, 0);
}

/** A p-value at `decimals` places, or "<0.001" below the smallest it can show. */
export function formatP(p: number | null | undefined, decimals: number): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "";
  const floor = pow(10, -decimals);
  if (p < floor) return `<${floor.toFixed(decimals)}`;
  return p.toFixed(decimals);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
