import { regularizedGamma } from "./special-functions.js";
import { log } from "../elementary-functions.js";

/**
 * Standard normal tail probabilities and quantiles, accurate to ~1e-15 relative in both tails
 * (R's pnorm/qnorm agree to that level).
 *
 * Φ(−z) = ½ Q(½, z²/2), the regularised upper incomplete gamma, which keeps full relative precision
 * down to 1e-300 where 1 − Φ(z) would round to 0.
 *
 * @example
 * normalUpperTail(1.959963984540054); // 0.025
 * normalUpperTail(8);                 // 6.22096057427178e-16
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const g = regularizedGamma(0.5, 0.5 * z * z);
  return z >= 0 ? 0.5 * g.upper : 0.5 + 0.5 * g.lower;
}

/** Φ(z). */
export function normalCdf(z: number): number {
  return normalUpperTail(-z);
}

/** Two-sided p-value 2·Φ(−|z|). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/**
 * Φ⁻¹(p) by Wichura's algorithm AS 241 (PPND16), as R's qnorm; about 16 digits.
 * Reference: Wichura (1988), Applied Statistics 37(3):477–484.
 *
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}
