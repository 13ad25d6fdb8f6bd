import type { PrintedNumber } from "./printed-number.js";

/**
 * Whether a recomputed value rounds to a printed number (docs/reproduce.md#verdicts). With `ulp`
 * one unit in the printed number's last place:
 *
 * - **reproduced**: the recomputed value lies within half an ulp of the printed one (ends
 *   included: a value exactly halfway rounds either way, half-up or half-even), so rounding it as
 *   printed gives the printed text;
 * - **rounding**: it lies within one and a half ulps — it rounds to a neighbour of the printed
 *   number, one off in the last digit (a value rounded twice, 0.1246 → 0.125 → 0.13; half-up
 *   against half-even; truncation);
 * - **not_reproduced**: farther away.
 *
 * A bound ("<0.001") is reproduced by any value beyond it, and within rounding by one that would
 * print as the bound itself (0.0012 prints "0.001"). A count (`exact`) is reproduced only by
 * itself. A tiny allowance (1e-9 of an ulp, and a few units of double precision) keeps a value
 * that trialstat printed from failing to reproduce through the decimal-to-binary conversion.
 *
 * @example
 * roundingVerdict(parsePrintedNumber("3.5"), 3.4797).verdict; // "reproduced"
 * roundingVerdict(parsePrintedNumber("3.4"), 3.4797).verdict; // "rounding"
 * roundingVerdict(parsePrintedNumber("3.9"), 3.4797).verdict; // "not_reproduced"
 */
export type NumberVerdict = "reproduced" | "rounding" | "not_reproduced";

export function roundingVerdict(printed: PrintedNumber, x: number, exact = false): { verdict: NumberVerdict; difference: number } {
  const difference = x - printed.value;
  if (!Number.isFinite(x)) return { verdict: "not_reproduced", difference };
  if (exact) return { verdict: difference === 0 ? "reproduced" : "not_reproduced", difference };
  const slack = printed.ulp * 1e-9 + 8 * Number.EPSILON * Math.max(Math.abs(x), Math.abs(printed.value));
  const half = printed.ulp / 2;
  if (printed.bound) {
    // how far the value is on the wrong side of the bound (0 or less: on the right side)
    const wrong = printed.bound === "<" ? difference : -difference;
    const verdict = wrong < 0 || (wrong <= slack && wrong < half) ? "reproduced" : wrong <= half + slack ? "rounding" : "not_reproduced";
    return { verdict, difference };
  }
  const distance = Math.abs(difference);
  return { verdict: distance <= half + slack ? "reproduced" : distance <= 3 * half + slack ? "rounding" : "not_reproduced", difference };
}
