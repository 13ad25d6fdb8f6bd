import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { ALPHA, chiSquarePValue } from "../../../../test/random/helpers.js";
import type { TrialstatError } from "../errors.js";
import { BlockSubsetSampler } from "./block-subsets.js";
import { randomStream } from "./streams.js";
import type { RandomStream } from "./xoshiro128.js";

describe("random subsets of fixed sizes within blocks", () => {
  it("chooses exactly sizes[g] distinct rows of block g, and no row of another block (property)", () => {
    const design = fc
      .integer({ min: 1, max: 5 })
      .chain((count) => fc.array(fc.integer({ min: 0, max: count - 1 }), { minLength: 1, maxLength: 60 }).map((codes) => ({ count, codes })))
      .chain(({ count, codes }) => {
        const sizes = Array.from({ length: count }, (_, g) => codes.filter((c) => c === g).length);
        return fc.tuple(...sizes.map((m) => fc.integer({ min: 0, max: m }))).map((s) => ({ count, codes, sizes: s }));
      });
    fc.assert(
      fc.property(design, fc.nat(1000), ({ count, codes, sizes }, seed) => {
        const blocks = { codes: Int32Array.from(codes), count };
        const sampler = new BlockSubsetSampler(blocks, codes.length, sizes);
        const rng = randomStream(seed, "test-subsets");
        for (let d = 0; d < 3; d++) {
          const places = sampler.draw(rng);
          for (let g = 0; g < count; g++) {
            const rows = [...sampler.chosen(places, g)];
            expect(rows).toHaveLength(sizes[g]);
            expect(new Set(rows).size).toBe(sizes[g]);
            for (const r of rows) expect(codes[r]).toBe(g);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("makes every pair of subsets equally likely (χ² over 6 × 10 joint outcomes), and the check rejects a biased draw", () => {
    // block 0: rows 0, 2, 4, 6 (choose 2: 6 subsets); block 1: rows 1, 3, 5, 7, 8 (choose 3: 10 subsets)
    const blocks = { codes: Int32Array.of(0, 1, 0, 1, 0, 1, 0, 1, 1), count: 2 };
    const tally = (rng: RandomStream) => {
      const sampler = new BlockSubsetSampler(blocks, 9, [2, 3]);
      const counts = new Map<string, number>();
      for (let r = 0; r < 60_000; r++) {
        const places = sampler.draw(rng);
        const key = [0, 1].map((g) => [...sampler.chosen(places, g)].sort((a, b) => a - b).join(".")).join("|");
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    };
    const counts = tally(randomStream(11, "test-subsets"));
    expect(counts.size).toBe(60);
    expect(chiSquarePValue([...counts.values()])).toBeGreaterThan(ALPHA);
    // a stream whose low outputs are twice as likely is caught
    const fair = randomStream(12, "test-subsets");
    const biased: RandomStream = { nextUint32: () => Math.min(fair.nextUint32(), fair.nextUint32()) };
    expect(chiSquarePValue([...tally(biased).values()])).toBeLessThan(ALPHA);
  });

  it("is the same draw for the same stream, and treats no blocks as one block", () => {
    const a = new BlockSubsetSampler(undefined, 10, [4]);
    const b = new BlockSubsetSampler({ codes: new Int32Array(10), count: 1 }, 10, [4]);
    expect([...a.chosen(a.draw(randomStream(5, "x")), 0)]).toEqual([...b.chosen(b.draw(randomStream(5, "x")), 0)]);
  });

  it("refuses sizes that do not fit the blocks", () => {
    const blocks = { codes: Int32Array.of(0, 0, 1), count: 2 };
    expect(errorOf<TrialstatError>(() => new BlockSubsetSampler(blocks, 3, [1])).message).toContain("1 subset sizes for 2 blocks");
    expect(errorOf<TrialstatError>(() => new BlockSubsetSampler(blocks, 3, [3, 1])).message).toContain("block 0 has 2 rows and cannot give a subset of 3");
  });
});
