import { inputError } from "../errors.js";
import { rowsByGroup, type GroupCodes } from "./groups.js";
import { uniformSmallInteger } from "./small-integer.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * Random subsets of fixed sizes within blocks: for each block g, `sizes[g]` of its rows, each of
 * the C(n_g, sizes[g]) subsets equally likely, blocks independent. This is a re-randomisation of a
 * blocked (stratified, permuted-block) design when the subset is the treated rows — the same
 * distribution as `permuteWithinBlocks` of the arm — but it costs sizes[g] random integers per block
 * instead of n_g − 1, so randomisation inference can pick the smaller side of each block (the
 * treated rows, or the controls) and draw at most half the rows.
 *
 * The draw: for each block in code order 0, 1, 2, …, its rows r₀ < r₁ < … < r_{m−1} (row order)
 * are laid out in that order and a partial Fisher–Yates shuffle fills the first s = sizes[g]
 * places: for i = 0 … s − 1, j = i + uniformInteger(rng, m − i) (drawn by its faster twin
 * `uniformSmallInteger`), swap places i and j. The chosen
 * rows are places 0 … s − 1. Every draw starts from row order, so a draw depends only on the
 * stream's position, the codes and the sizes.
 *
 * Source: Durstenfeld's shuffle stopped after s steps (Knuth, TAOCP vol. 2, §3.4.2, Algorithm P;
 * the first s places of a uniform random permutation are a uniform random s-subset in random order).
 *
 * @example
 * const sampler = new BlockSubsetSampler({ codes: Int32Array.of(0, 0, 0, 0, 1, 1), count: 2 }, 6, Int32Array.of(2, 1));
 * const places = sampler.draw(rng);
 * sampler.chosen(places, 0); // e.g. Int32Array [3, 0]: two of rows 0–3
 * sampler.chosen(places, 1); // e.g. Int32Array [5]: one of rows 4–5
 */
export class BlockSubsetSampler {
  /** The rows of block g in row order are rowOrder[offsets[g] .. offsets[g + 1]). */
  readonly rowOrder: Int32Array;
  readonly offsets: Int32Array;
  readonly count: number;
  readonly sizes: Int32Array;
  private readonly places: Int32Array;

  /** `blocks` undefined: one block of all n rows. */
  constructor(blocks: GroupCodes | undefined, n: number, sizes: ArrayLike<number>) {
    const index = blocks ? rowsByGroup(blocks, n, "block") : { order: Int32Array.from({ length: n }, (_, i) => i), offsets: Int32Array.of(0, n), count: 1 };
    this.rowOrder = index.order;
    this.offsets = index.offsets;
    this.count = index.count;
    if (sizes.length !== this.count) throw inputError(`${sizes.length} subset sizes for ${this.count} blocks`, { hint: "give one size per block" });
    this.sizes = Int32Array.from(sizes);
    for (let g = 0; g < this.count; g++) {
      const m = this.offsets[g + 1] - this.offsets[g];
      if (!(Number.isInteger(sizes[g]) && sizes[g] >= 0 && sizes[g] <= m)) {
        throw inputError(`block ${g} has ${m} rows and cannot give a subset of ${String(sizes[g])}`, { hint: "each size must be a whole number from 0 to the block's number of rows" });
      }
    }
    this.places = new Int32Array(n);
  }

  /**
   * One draw. Returns the arrangement (a buffer reused by the next draw): block g's chosen rows are
   * places[offsets[g] .. offsets[g] + sizes[g]) — see `chosen`.
   */
  draw(rng: RandomStream): Int32Array {
    const places = this.places;
    places.set(this.rowOrder);
    for (let g = 0; g < this.count; g++) {
      const start = this.offsets[g];
      const m = this.offsets[g + 1] - start;
      const s = this.sizes[g];
      for (let i = 0; i < s; i++) {
        const j = i + uniformSmallInteger(rng, m - i);
        const t = places[start + i];
        places[start + i] = places[start + j];
        places[start + j] = t;
      }
    }
    return places;
  }

  /** Block g's chosen rows in an arrangement returned by `draw` (a view: copy it to keep it). */
  chosen(places: Int32Array, g: number): Int32Array {
    return places.subarray(this.offsets[g], this.offsets[g] + this.sizes[g]);
  }
}
