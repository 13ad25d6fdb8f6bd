import { uniformInteger } from "./integer.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * `uniformInteger(rng, n)` — the same draws from the same stream, bit for bit — made faster for
 * the n ≤ 2²¹ of shuffles within trial-sized groups: Lemire's product m = x · n of a 32-bit output x
 * is below 2⁵³, so one double multiply forms it exactly, where the general method splits x into
 * 16-bit halves. The value is ⌊m / 2³²⌋, and x is rejected (and drawn again) when m mod 2³² falls
 * below 2³² mod n, exactly as integer.ts. Larger n go to `uniformInteger`. No argument checks: the
 * caller passes a whole n ≥ 1 (as the block sampler does).
 *
 * Source: D. Lemire, ACM TOMACS 29(1), 2019, Algorithm 5. Tested equal to `uniformInteger`.
 *
 * @example
 * uniformSmallInteger(rng, 6); // what uniformInteger(rng, 6) would give from the same stream
 */
export function uniformSmallInteger(rng: RandomStream, n: number): number {
  if (n > SMALL) return uniformInteger(rng, n);
  let m = rng.nextUint32() * n;
  let high = Math.floor(m / TWO_TO_32);
  let low = m - high * TWO_TO_32;
  if (low < n) {
    const threshold = TWO_TO_32 % n;
    while (low < threshold) {
      m = rng.nextUint32() * n;
      high = Math.floor(m / TWO_TO_32);
      low = m - high * TWO_TO_32;
    }
  }
  return high;
}

const TWO_TO_32 = 4294967296;
/** 2²¹: x · n < 2³² · 2²¹ = 2⁵³, exact in a double. */
const SMALL = 2097152;
