import { describe, expect, it } from "vitest";
import { ALPHA, chiSquarePValue, reference } from "../../../../test/random/helpers.js";
import { uniformInteger } from "./integer.js";
import { randomPermutation, shuffleInPlace } from "./shuffle.js";
import { randomStream } from "./streams.js";
import { uniform53Bits } from "./uniform.js";
import type { RandomStream } from "./xoshiro128.js";

/** Index of a permutation of 0..3 among the 24 (base-4 digits; only permutations occur). */
const code = (p: ArrayLike<number>) => ((p[0] * 4 + p[1]) * 4 + p[2]) * 4 + p[3];

describe("the Fisher–Yates shuffle", () => {
  it("shuffles as the C reference does", () => {
    for (const c of reference().streams) {
      const g = randomStream(c.seed, c.purpose, c.index);
      for (let i = 0; i < c.outputs.length; i++) g.nextUint32();
      for (let i = 0; i < c.bits53.length + c.bits52.length; i++) uniform53Bits(g);
      for (const { n, values } of c.bounded) for (let i = 0; i < values.length; i++) uniformInteger(g, n);
      expect(shuffleInPlace(g, Array.from({ length: 10 }, (_, i) => i))).toEqual(c.shuffle10);
    }
  });

  it("makes each of the 24 orders of 4 items equally likely (χ², 48,000 shuffles)", () => {
    const tally = (shuffle: (rng: RandomStream, a: number[]) => void) => {
      const rng = randomStream(5, "test-shuffle");
      const counts = new Map<number, number>();
      for (let r = 0; r < 48_000; r++) {
        const a = [0, 1, 2, 3];
        shuffle(rng, a);
        counts.set(code(a), (counts.get(code(a)) ?? 0) + 1);
      }
      return [...counts.values()];
    };
    const counts = tally((rng, a) => shuffleInPlace(rng, a));
    expect(counts.length).toBe(24);
    expect(chiSquarePValue(counts)).toBeGreaterThan(ALPHA);
    // the check can fail: the classic wrong shuffle (swap each item with any of the n) is biased
    const naive = tally((rng, a) => {
      for (let i = 0; i < a.length; i++) {
        const j = uniformInteger(rng, a.length);
        [a[i], a[j]] = [a[j], a[i]];
      }
    });
    expect(chiSquarePValue(naive)).toBeLessThan(ALPHA);
  });

  it("shuffles typed arrays, and makes permutations of 0..n−1", () => {
    const p = randomPermutation(randomStream(6, "p"), 1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const t = shuffleInPlace(randomStream(6, "p"), Int32Array.from({ length: 1000 }, (_, i) => i));
    expect(t).toEqual(p);
    expect(randomPermutation(randomStream(6, "p"), 0)).toEqual(new Int32Array(0));
  });
});
