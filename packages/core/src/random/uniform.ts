import type { RandomStream } from "./xoshiro128.js";

/**
 * A uniform double in [0, 1) with 53 random bits: k / 2⁵³, where k joins the top 27 bits of one
 * 32-bit output (first) and the top 26 bits of the next. Every multiple of 2⁻⁵³ in [0, 1) is equally
 * likely; 1 is never returned. This is the classic `genrand_res53` construction (Matsumoto &
 * Nishimura's MT19937 reference code), the standard way to make a double from a 32-bit generator;
 * it uses the high bits, which are the strongest of any generator.
 *
 * Also a source for libraries that take randomness as a function (simple-statistics' `shuffle`,
 * `sample`): `uniformSource(rng)`.
 *
 * @example
 * uniform(randomStream(1, "monte-carlo")); // a number in [0, 1)
 */
export function uniform(rng: RandomStream): number {
  return uniform53Bits(rng) * TWO_TO_MINUS_53;
}

/** The integer k in [0, 2⁵³) behind `uniform` (two outputs: high 27 bits, then low 26). */
export function uniform53Bits(rng: RandomStream): number {
  const high = rng.nextUint32() >>> 5;
  const low = rng.nextUint32() >>> 6;
  return high * 67108864 + low;
}

/**
 * A uniform double in the open interval (0, 1): (k + ½) / 2⁵², k a uniform 52-bit integer (the top 20
 * bits of one output, then all 32 of the next). k + ½ is exact in a double because k < 2⁵², so the
 * 2⁵² values are equally likely, symmetric about ½ (1 − u is also on the grid), and never 0 or 1 —
 * for transforms that need that: −log u (exponential), log(u / (1 − u)) (logistic), Φ⁻¹(u) (normal).
 *
 * @example
 * -Math.log(uniformOpen(rng)); // an exponential draw, always finite
 */
export function uniformOpen(rng: RandomStream): number {
  const high = rng.nextUint32() >>> 12;
  const low = rng.nextUint32();
  return (high * 4294967296 + low + 0.5) * TWO_TO_MINUS_52;
}

/** `() => uniform(rng)`: a `Math.random`-shaped source for libraries that ask for one. */
export function uniformSource(rng: RandomStream): () => number {
  return () => uniform(rng);
}

const TWO_TO_MINUS_53 = 1 / 9007199254740992;
const TWO_TO_MINUS_52 = 1 / 4503599627370496;
