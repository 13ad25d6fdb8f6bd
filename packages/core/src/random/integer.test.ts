import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { ALPHA, chiSquarePValue, reference, zScore } from "../../../../test/random/helpers.js";
import type { TrialstatError } from "../errors.js";
import { uniformInteger } from "./integer.js";
import { randomStream } from "./streams.js";
import { uniform53Bits } from "./uniform.js";
import type { RandomStream } from "./xoshiro128.js";

describe("uniform integers in [0, n) (Lemire's method)", () => {
  it("are the C reference's values, for n from 1 to 2^32, rejections included", () => {
    for (const c of reference().streams) {
      const g = randomStream(c.seed, c.purpose, c.index);
      for (let i = 0; i < c.outputs.length; i++) g.nextUint32();
      for (let i = 0; i < c.bits53.length + c.bits52.length; i++) uniform53Bits(g); // both take two outputs each
      for (const { n, values } of c.bounded) expect(values.map(() => uniformInteger(g, n)), `n = ${n} in (${c.seed}, ${c.purpose}, ${c.index})`).toEqual(values);
    }
  });

  it("are uniform: χ² over the faces of a die and over 10 values", () => {
    const rng = randomStream(2, "test-integer");
    for (const [n, draws] of [[6, 60_000], [10, 100_000]]) {
      const counts = new Float64Array(n);
      for (let i = 0; i < draws; i++) counts[uniformInteger(rng, n)]++;
      expect(chiSquarePValue(counts), `n = ${n}`).toBeGreaterThan(ALPHA);
    }
  });

  it("have no modulo bias where it would be largest: n = 3·2^30, where x mod n favours [0, 2^30) two to one", () => {
    const n = 3 * 2 ** 30;
    const draws = 30_000;
    const belowFraction = (draw: (rng: RandomStream) => number) => {
      const rng = randomStream(3, "test-integer-bias");
      let below = 0;
      for (let i = 0; i < draws; i++) below += draw(rng) < 2 ** 30 ? 1 : 0;
      return below / draws;
    };
    const se = Math.sqrt((1 / 3) * (2 / 3) / draws);
    // P(value < 2^30) is exactly 1/3; 4.4 SEs is a two-sided level of 1e-5
    expect(zScore(belowFraction((rng) => uniformInteger(rng, n)), 1 / 3, se)).toBeLessThan(4.4);
    // the check can fail: the naive x mod n gives 1/2
    expect(zScore(belowFraction((rng) => rng.nextUint32() % n), 1 / 3, se)).toBeGreaterThan(20);
  });

  it("refuse an n that is not a whole number from 1 to 2^32", () => {
    const rng = randomStream(1, "x");
    for (const n of [0, -3, 2.5, 2 ** 32 + 1, Number.NaN]) {
      const e = errorOf<TrialstatError>(() => uniformInteger(rng, n));
      expect(e.kind).toBe("input");
      expect(e.message).toMatch(/needs a whole n from 1 to 4294967296/);
    }
    expect(uniformInteger(rng, 1)).toBe(0);
  });
});
