import { describe, expect, it } from "vitest";
import { ALPHA, chiSquarePValue, ksPValue, reference, ScriptedWords } from "../../../../test/random/helpers.js";
import { randomStream } from "./streams.js";
import { uniform, uniform53Bits, uniformOpen, uniformSource } from "./uniform.js";

describe("uniform doubles in [0, 1) with 53 random bits", () => {
  it("join the top 27 bits of one output and the top 26 of the next, as the C reference does", () => {
    for (const c of reference().streams) {
      const g = randomStream(c.seed, c.purpose, c.index);
      for (let i = 0; i < c.outputs.length; i++) g.nextUint32();
      expect(c.bits53.map(() => uniform53Bits(g)), `(${c.seed}, ${c.purpose}, ${c.index})`).toEqual(c.bits53);
    }
    // by hand: all-ones words give the largest value, 1 − 2⁻⁵³; zero words give 0
    expect(uniform(new ScriptedWords([0xffffffff, 0xffffffff]))).toBe(1 - 2 ** -53);
    expect(uniform(new ScriptedWords([0, 0]))).toBe(0);
    expect(uniform(new ScriptedWords([0, 0x40]))).toBe(2 ** -53);
  });

  it("are uniform: Kolmogorov–Smirnov on 200,000 draws, and the low bits too", () => {
    const rng = randomStream(1, "test-uniform");
    const n = 200_000;
    const u = Float64Array.from({ length: n }, () => uniform(rng));
    expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
    const cdf = (x: number) => x;
    expect(ksPValue(u, cdf)).toBeGreaterThan(ALPHA);
    // the 10 lowest of the 53 bits (from the second output): uniform over 1,024 values
    const low = new Float64Array(1024);
    for (const x of u) low[(x * 2 ** 53) & 1023]++;
    expect(chiSquarePValue(low)).toBeGreaterThan(ALPHA);
    // the checks can fail: slightly skewed draws fail KS, and draws from one 32-bit output have no low bits
    expect(ksPValue(u.map((x) => x ** 1.02), cdf)).toBeLessThan(ALPHA);
    const lowOf32 = new Float64Array(1024);
    for (const x of u) lowOf32[(Math.floor(x * 2 ** 32) * 2 ** 21) & 1023]++;
    expect(chiSquarePValue(lowOf32)).toBeLessThan(ALPHA);
  });

  it("in the open interval (0, 1): (k + ½)/2^52 of the C reference's 52-bit integers k, never 0 or 1", () => {
    for (const c of reference().streams) {
      const g = randomStream(c.seed, c.purpose, c.index);
      for (let i = 0; i < c.outputs.length + 2 * c.bits53.length; i++) g.nextUint32();
      expect(c.bits52.map(() => uniformOpen(g))).toEqual(c.bits52.map((k) => (k + 0.5) / 2 ** 52));
    }
    expect(uniformOpen(new ScriptedWords([0, 0]))).toBe(2 ** -53);
    expect(uniformOpen(new ScriptedWords([0xffffffff, 0xffffffff]))).toBe(1 - 2 ** -53);
    const rng = randomStream(1, "test-uniform-open");
    const u = Float64Array.from({ length: 100_000 }, () => uniformOpen(rng));
    expect(ksPValue(u, (x) => x)).toBeGreaterThan(ALPHA);
  });

  it("serve as a Math.random-shaped source for libraries that take one", () => {
    const a = randomStream(3, "source");
    const b = randomStream(3, "source");
    const source = uniformSource(a);
    expect([source(), source(), source()]).toEqual([uniform(b), uniform(b), uniform(b)]);
  });
});
