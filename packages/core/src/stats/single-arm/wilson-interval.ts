import { inputError } from "../../errors.js";
import { normalQuantile } from "../distributions/normal.js";

/**
 * The Wilson score interval for a proportion x/n: the p with |p̂ − p| ≤ z·√(p(1 − p)/n), i.e.
 *
 *   ( p̂ + z²/2n ± z·√( p̂(1 − p̂)/n + z²/4n² ) ) / (1 + z²/n),   z = z_{(1+level)/2},
 *
 * exactly as R's `prop.test(x, n, correct = FALSE)$conf.int` (the lower end is 0 when x = 0 and the
 * upper 1 when x = n). One-sided: `alternative: "greater"` gives (lower, 1] with z = z_level,
 * "less" [0, upper). Unlike the Wald interval p̂ ± z·√(p̂(1 − p̂)/n) it stays inside [0, 1] and keeps
 * close to its nominal coverage for small n or extreme p (Brown, Cai & DasGupta 2001), which is
 * why it reports rates such as Talking Therapies' recovery.
 *
 * Reference: Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
 * inference. JASA 22(158), 209–212. Newcombe, R. G. (1998). Two-sided confidence intervals for the
 * single proportion: comparison of seven methods. Statistics in Medicine 17, 857–872.
 *
 * @example
 * wilsonInterval(13, 40); // { estimate: 0.325, lower: 0.2008450223, upper: 0.4798225381, level: 0.95 } (R: prop.test(13, 40, correct = FALSE))
 */
export type ProportionAlternative = "two.sided" | "less" | "greater";

export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
  level: number;
}

export function wilsonInterval(
  successes: number,
  n: number,
  options: { level?: number; alternative?: ProportionAlternative } = {},
): ProportionInterval {
  const level = options.level ?? 0.95;
  const alternative = options.alternative ?? "two.sided";
  if (!(Number.isInteger(n) && n > 0)) throw inputError(`the number of trials must be a positive whole number, got ${n}`, { location: { path: "n" } });
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw inputError(`the count must be a whole number from 0 to ${n}, got ${successes}`, { location: { path: "x" } });
  }
  if (!(level > 0 && level < 1)) throw inputError(`the confidence level must be between 0 and 1, got ${level}`, { location: { path: "level" }, hint: "e.g. 0.95" });
  const estimate = successes / n;
  const z = normalQuantile(alternative === "two.sided" ? (1 + level) / 2 : level);
  const z22n = (z * z) / (2 * n);
  const halfWidth = z * Math.sqrt((estimate * (1 - estimate)) / n + z22n / (2 * n));
  const upper = estimate >= 1 ? 1 : (estimate + z22n + halfWidth) / (1 + 2 * z22n);
  const lower = estimate <= 0 ? 0 : (estimate + z22n - halfWidth) / (1 + 2 * z22n);
  return {
    estimate,
    lower: alternative === "less" ? 0 : Math.max(lower, 0),
    upper: alternative === "greater" ? 1 : Math.min(upper, 1),
    level,
  };
}
