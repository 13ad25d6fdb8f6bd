import { normalQuantile } from "../stats/distributions/normal.js";
import { uniformOpen } from "./uniform.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * A standard normal draw by inversion: z = Φ⁻¹(u) with u = `uniformOpen(rng)` = (k + ½) / 2⁵², k a
 * uniform 52-bit integer (two 32-bit outputs). Φ⁻¹ is the library's `normalQuantile`, Wichura's
 * AS 241 (as R's qnorm), accurate to about 1e-16, so the draws are normal to that accuracy. The grid of u is symmetric about ½ and excludes 0 and 1, so z is finite, |z| ≤ 8.3, and
 * the draws are exactly symmetric.
 *
 * Why inversion rather than Box–Muller or Marsaglia's polar method: one draw uses exactly two 32-bit
 * outputs and no rejection, so a stream's k-th normal is always at the same place in it (no cached
 * second value, no variable consumption), and z is monotone in u.
 *
 * Source: M. J. Wichura, "Algorithm AS 241", Applied Statistics 37(3), 1988; inversion:
 * L. Devroye, Non-Uniform Random Variate Generation, 1986, §II.2.
 *
 * @example
 * standardNormal(randomStream(7, "monte-carlo")); // a draw from N(0, 1)
 */
export function standardNormal(rng: RandomStream): number {
  return normalQuantile(uniformOpen(rng));
}
