import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { ALPHA, chiSquarePValue } from "../../../../test/random/helpers.js";
import type { TrialstatError } from "../errors.js";
import { permutationWithinBlocks, permuteWithinBlocks } from "./block-permutation.js";
import { randomPermutation } from "./shuffle.js";
import { randomStream } from "./streams.js";

/** Treated count of each block. */
const treatedByBlock = (arm: ArrayLike<number>, codes: ArrayLike<number>, count: number) => {
  const t = new Array<number>(count).fill(0);
  for (let i = 0; i < arm.length; i++) t[codes[i]] += arm[i];
  return t;
};

describe("permutation of the arm within blocks", () => {
  it("keeps every block's number of treated rows, and moves values only within a block (property)", () => {
    const design = fc
      .integer({ min: 1, max: 6 })
      .chain((count) => fc.array(fc.tuple(fc.integer({ min: 0, max: count - 1 }), fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 80 }).map((rows) => ({ count, rows })));
    fc.assert(
      fc.property(design, fc.nat(1000), ({ count, rows }, seed) => {
        const codes = Int32Array.from(rows, ([b]) => b);
        const arm = rows.map(([, a]) => a);
        const rng = randomStream(seed, "randomisation-inference");
        const permuted = permuteWithinBlocks(rng, arm, { codes, count });
        expect(treatedByBlock(permuted, codes, count)).toEqual(treatedByBlock(arm, codes, count));
        const source = permutationWithinBlocks(randomStream(seed, "randomisation-inference"), arm.length, { codes, count });
        expect(Array.from(source, (r) => arm[r])).toEqual(permuted);
        expect([...source].sort((a, b) => a - b)).toEqual(arm.map((_, i) => i)); // a permutation of the rows
        source.forEach((r, i) => expect(codes[r]).toBe(codes[i])); // within a block
      }),
      { numRuns: 300 },
    );
  });

  it("makes every arrangement within and across blocks equally likely (χ² over 36 joint arrangements)", () => {
    // two interleaved blocks of four rows, two treated in each: 6 × 6 equally likely outcomes
    const codes = Int32Array.of(0, 1, 0, 1, 0, 1, 0, 1);
    const arm = [1, 1, 1, 0, 0, 1, 0, 0];
    const rng = randomStream(8, "test-blocks");
    const counts = new Map<string, number>();
    for (let r = 0; r < 36_000; r++) {
      const key = permuteWithinBlocks(rng, arm, { codes, count: 2 }).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(36);
    expect(chiSquarePValue([...counts.values()])).toBeGreaterThan(ALPHA);
  });

  it("permutes all rows when there are no blocks; the block check sees a permutation that ignores blocks", () => {
    const arm = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0];
    expect(permutationWithinBlocks(randomStream(9, "ri"), arm.length)).toEqual(randomPermutation(randomStream(9, "ri"), arm.length));
    const codes = Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
    // a full permutation keeps block 0's three treated rows only with probability 100/252
    const rng = randomStream(9, "ri");
    const kept = Array.from({ length: 100 }, () => treatedByBlock(permuteWithinBlocks(rng, arm), codes, 2).join()).filter((t) => t === "3,2").length;
    expect(kept).toBeLessThan(100);
  });

  it("refuses block codes that do not match the rows", () => {
    const rng = randomStream(1, "ri");
    const short = errorOf<TrialstatError>(() => permuteWithinBlocks(rng, [1, 0, 1], { codes: Int32Array.of(0, 0), count: 1 }));
    expect(short.message).toBe("2 block codes for 3 rows");
    const outside = errorOf<TrialstatError>(() => permuteWithinBlocks(rng, [1, 0, 1], { codes: Int32Array.of(0, 2, 1), count: 2 }));
    expect(outside.message).toBe("row 2 has block code 2, outside 0 to 1");
    expect(outside.kind).toBe("input");
    expect(outside.hint).toMatch(/number the block groups 0, 1, 2/);
  });
});
