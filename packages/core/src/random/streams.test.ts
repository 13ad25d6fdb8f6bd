import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { reference, zScore } from "../../../../test/random/helpers.js";
import type { TrialstatError } from "../errors.js";
import { fnv1a64 } from "./fnv1a.js";
import { RandomStreams, randomStream } from "./streams.js";
import { uniform } from "./uniform.js";
import type { RandomStream } from "./xoshiro128.js";

const take = (rng: RandomStream, n: number) => Array.from({ length: n }, () => rng.nextUint32());

describe("random streams from (seed, purpose, index)", () => {
  it("derive the same states and outputs as the C reference", () => {
    const cases = reference().streams;
    expect(cases.length).toBeGreaterThan(60);
    for (const c of cases) {
      const g = randomStream(c.seed, c.purpose, c.index);
      const what = `(${c.seed}, ${c.purpose}, ${c.index})`;
      expect(g.state(), what).toEqual(c.state);
      expect(take(g, c.outputs.length), what).toEqual(c.outputs);
    }
  });

  it("give the same sequence for the same seed, purpose and index, in a new object or the same one", () => {
    const a = new RandomStreams(20240101);
    const b = new RandomStreams(20240101);
    expect(take(a.stream("bootstrap", 3), 100)).toEqual(take(b.stream("bootstrap", 3), 100));
    expect(take(a.stream("bootstrap", 3), 100)).toEqual(take(a.stream("bootstrap", 3), 100));
    expect(a.stream("bootstrap").state()).toEqual(a.stream("bootstrap", 0).state());
  });

  it("give different sequences for different seeds, purposes and indices", () => {
    const first = (seed: number, purpose: string, index: number) => take(randomStream(seed, purpose, index), 4).join(",");
    const seen = new Set<string>();
    for (const seed of [0, 1, 2])
      for (const purpose of ["bootstrap", "randomisation-inference", "wild-bootstrap", "monte-carlo"])
        for (const index of [0, 1, 2, 3]) seen.add(first(seed, purpose, index));
    expect(seen.size).toBe(3 * 4 * 4);
  });

  it("do not depend on which other streams were made before, or in what order (as workers ask for them)", () => {
    const wanted = [5, 0, 17, 2, 9];
    const inOrder = new RandomStreams(99);
    const expected = new Map(wanted.map((i) => [i, take(inOrder.stream("bootstrap", i), 50)]));
    const shuffledOrder = new RandomStreams(99);
    shuffledOrder.stream("monte-carlo", 4);
    uniform(shuffledOrder.stream("bootstrap", 3));
    for (const i of [...wanted].reverse()) expect(take(shuffledOrder.stream("bootstrap", i), 50), `index ${i}`).toEqual(expected.get(i));
  });

  it("are uncorrelated with their neighbours: consecutive indices and other purposes", () => {
    const n = 50_000;
    const correlation = (a: RandomStream, b: RandomStream) => {
      let sab = 0;
      for (let i = 0; i < n; i++) sab += (uniform(a) - 0.5) * (uniform(b) - 0.5);
      return sab / n / (1 / 12); // uniforms have variance 1/12
    };
    const streams = new RandomStreams(7);
    const pairs: [RandomStream, RandomStream][] = [
      [streams.stream("bootstrap", 0), streams.stream("bootstrap", 1)],
      [streams.stream("bootstrap", 1000), streams.stream("bootstrap", 1001)],
      [streams.stream("bootstrap", 0), streams.stream("monte-carlo", 0)],
      [streams.stream("bootstrap", 0), new RandomStreams(8).stream("bootstrap", 0)],
    ];
    // each correlation is ≈ N(0, 1/n); 4.4 SEs is a two-sided level of 1e-5 per pair
    for (const [a, b] of pairs) expect(zScore(correlation(a, b), 0, 1 / Math.sqrt(n))).toBeLessThan(4.4);
    // and the check sees a correlated pair: a stream against a copy of itself
    expect(zScore(correlation(streams.stream("x", 1), streams.stream("x", 1)), 0, 1 / Math.sqrt(n))).toBeGreaterThan(100);
  });

  it("name the purposes the analyses use with hashes that differ", () => {
    const purposes = ["randomisation-inference", "bootstrap", "wild-bootstrap", "monte-carlo", "example"];
    expect(new Set(purposes.map((p) => fnv1a64(p))).size).toBe(purposes.length);
  });

  it("keep the seed and name the generator, for the results", () => {
    expect(new RandomStreams(20240101).seed).toBe(20240101);
    expect(new RandomStreams(20240101).provenance()).toEqual({ generator: "xoshiro128** 1.1, streams seeded by SplitMix64 from (seed, FNV-1a 64 of purpose, index)", seed: 20240101 });
  });

  it("refuse a seed or index that is not a whole number in [0, 2^53), and an empty purpose, with a hint", () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53, Infinity]) {
      const e = errorOf<TrialstatError>(() => new RandomStreams(bad));
      expect(e.kind).toBe("input");
      expect(e.message).toMatch(/^a random seed must be a whole number from 0 to 9007199254740991/);
      expect(e.hint).toMatch(/seed such as/);
    }
    expect(errorOf<TrialstatError>(() => randomStream(1, "bootstrap", -2)).message).toMatch(/stream index must be a whole number/);
    expect(errorOf<TrialstatError>(() => randomStream(1, "")).message).toMatch(/needs a purpose/);
    expect(randomStream(2 ** 53 - 1, "bootstrap", 2 ** 53 - 1).nextUint32()).toBeGreaterThanOrEqual(0);
  });
});
