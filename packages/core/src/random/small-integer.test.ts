import { describe, expect, it } from "vitest";
import { uniformInteger } from "./integer.js";
import { uniformSmallInteger } from "./small-integer.js";
import { randomStream } from "./streams.js";

describe("uniformSmallInteger", () => {
  it("draws exactly what uniformInteger draws from the same stream, for small and large n (rejections included)", () => {
    const ns = [1, 2, 3, 6, 7, 1000, 4999, 65535, 65537, 1_000_003, 2 ** 21 - 1, 2 ** 21, 2 ** 21 + 1, 3_000_000_019 % 2 ** 32, 2 ** 31 + 1, 2 ** 32];
    for (const n of ns) {
      const a = randomStream(n, "test-small-integer");
      const b = randomStream(n, "test-small-integer");
      // compared in the loop, one expect at the end: 320,000 expect calls took seconds
      const differ: string[] = [];
      for (let i = 0; i < 20_000; i++) {
        const [small, general] = [uniformSmallInteger(a, n), uniformInteger(b, n)];
        if (small !== general) differ.push(`n = ${n}, draw ${i}: ${small} ≠ ${general}`);
      }
      expect(differ).toEqual([]);
      // both consumed the same outputs (a rejection would desynchronise them otherwise)
      expect(a.nextUint32()).toBe(b.nextUint32());
    }
  });
});
