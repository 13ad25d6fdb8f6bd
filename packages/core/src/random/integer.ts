import { inputError } from "../errors.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * A uniform integer in [0, n), for 1 ≤ n ≤ 2³², exactly uniform (no modulo bias), by Lemire's
 * "nearly divisionless" method: take the 64-bit product m = x · n of a 32-bit output x and n; its
 * high 32 bits ⌊m / 2³²⌋ are the draw, unless its low 32 bits fall below 2³² mod n, in which case x
 * is rejected and drawn again. The accepted x map exactly ⌊2³² / n⌋ to each value. The remainder
 * 2³² mod n is computed only when the low bits are below n (probability n / 2³²), so the common
 * case costs a multiply and no division; at most half the draws are rejected, whatever n.
 *
 * The product is formed exactly in doubles from 16-bit halves of x (each partial product < 2⁴⁸).
 *
 * Source: D. Lemire, "Fast random integer generation in an interval", ACM Trans. Model. Comput.
 * Simul. 29(1), 2019, Algorithm 5. Checked against C in test/random/reference.json.
 *
 * @example
 * uniformInteger(rng, 6); // 0, 1, 2, 3, 4 or 5, each with probability 1/6
 */
export function uniformInteger(rng: RandomStream, n: number): number {
  if (!(Number.isInteger(n) && n >= 1 && n <= TWO_TO_32)) {
    throw inputError(`a random integer in [0, n) needs a whole n from 1 to 4294967296, not ${String(n)}`, { hint: "n is the number of values to choose among" });
  }
  let x = rng.nextUint32();
  // m = x·n = (xHigh·2¹⁶ + xLow)·n, split so that every intermediate is an exact double
  let upper = (x >>> 16) * n;
  let upperHigh = Math.floor(upper / 65536);
  let middle = (upper - upperHigh * 65536) * 65536 + (x & 0xffff) * n;
  let carry = Math.floor(middle / TWO_TO_32);
  let low = middle - carry * TWO_TO_32;
  if (low < n) {
    const threshold = TWO_TO_32 % n;
    while (low < threshold) {
      x = rng.nextUint32();
      upper = (x >>> 16) * n;
      upperHigh = Math.floor(upper / 65536);
      middle = (upper - upperHigh * 65536) * 65536 + (x & 0xffff) * n;
      carry = Math.floor(middle / TWO_TO_32);
      low = middle - carry * TWO_TO_32;
    }
  }
  return upperHigh + carry;
}

const TWO_TO_32 = 4294967296;
