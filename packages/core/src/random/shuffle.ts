import { uniformInteger } from "./integer.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * Fisher–Yates shuffle in Durstenfeld's form: for i from n − 1 down to 1, swap element i with
 * element j, j uniform in [0, i] (`uniformInteger`). Each of the n! orders is equally likely
 * (given exactly uniform j), in n − 1 draws and no extra memory.
 *
 * Source: R. Durstenfeld, "Algorithm 235: Random permutation", CACM 7(7), 1964; D. E. Knuth, TAOCP
 * vol. 2, §3.4.2, Algorithm P. Checked against C in test/random/reference.json.
 *
 * @example
 * shuffleInPlace(rng, [1, 2, 3, 4]); // the same array, in a uniformly random order
 */
export function shuffleInPlace<A extends { [index: number]: unknown; length: number }>(rng: RandomStream, array: A): A {
  shuffleRange(rng, array, 0, array.length);
  return array;
}

/** Shuffles array[start .. end) in place (Fisher–Yates, as `shuffleInPlace`). */
export function shuffleRange(rng: RandomStream, array: { [index: number]: unknown }, start: number, end: number): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + uniformInteger(rng, i - start + 1);
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
}

/** A uniformly random permutation of 0 .. n − 1. */
export function randomPermutation(rng: RandomStream, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  shuffleRange(rng, p, 0, n);
  return p;
}
