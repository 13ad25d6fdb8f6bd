import { rowsByGroup, type GroupCodes } from "./groups.js";
import { shuffleRange } from "./shuffle.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * Re-randomisation for randomisation inference: the treatment arm permuted within blocks (strata,
 * or the blocks of a permuted-block design), so that every block keeps exactly its numbers of
 * treated and control rows, and each of the arrangements the design could have produced is equally
 * likely. Without blocks, one permutation of all rows (complete randomisation).
 *
 * The draw: for each block in code order 0, 1, 2, …, its rows r₀ < r₁ < … < r_{m−1} (row order)
 * are shuffled by Fisher–Yates (`shuffleRange`), giving r_{π(0)}, …, r_{π(m−1)}; row r_i then takes
 * the value of row r_{π(i)}. Blocks are taken in code order, whatever order their rows come in, so
 * the draws are fixed by the stream, the codes and the values: the same in any process.
 *
 * Source: R. A. Fisher, The Design of Experiments, 1935, §21 (randomisation tests); for blocked and
 * stratified designs, the permutation that respects the design: P. R. Rosenbaum, Observational
 * Studies, 2nd ed., 2002, §2.3; A. Young, "Channeling Fisher", QJE 134(2), 2019.
 *
 * @example
 * permuteWithinBlocks(rng, [1, 0, 1, 0, 1, 1], { codes: Int32Array.of(0, 0, 0, 1, 1, 1), count: 2 });
 * // e.g. [0, 1, 1, 1, 0, 1]: two treated rows in block 0 and two in block 1, as before
 */
export function permuteWithinBlocks<T>(rng: RandomStream, values: ArrayLike<T>, blocks?: GroupCodes): T[] {
  const source = permutationWithinBlocks(rng, values.length, blocks);
  return Array.from(source, (row) => values[row]);
}

/**
 * The permutation behind `permuteWithinBlocks`: source[i] is the row whose value row i takes (so
 * several columns — an arm and its interactions — can be permuted together).
 */
export function permutationWithinBlocks(rng: RandomStream, n: number, blocks?: GroupCodes): Int32Array {
  const source = new Int32Array(n);
  if (!blocks) {
    for (let i = 0; i < n; i++) source[i] = i;
    shuffleRange(rng, source, 0, n);
    return source;
  }
  const { order, offsets, count } = rowsByGroup(blocks, n, "block");
  const shuffled = order.slice();
  for (let g = 0; g < count; g++) shuffleRange(rng, shuffled, offsets[g], offsets[g + 1]);
  for (let p = 0; p < n; p++) source[order[p]] = shuffled[p];
  return source;
}
