import { describe, expect, it } from "vitest";
import { ALPHA, ksPValue, reference, ScriptedWords, zScore } from "../../../../test/random/helpers.js";
import { normalCdf, normalQuantile } from "../stats/distributions/normal.js";
import { standardNormal } from "./normal.js";
import { randomStream } from "./streams.js";
import { uniform53Bits } from "./uniform.js";

describe("standard normal draws by inversion", () => {
  it("are Φ⁻¹((k + ½)/2^52) of the C reference's 52-bit integers k", () => {
    for (const c of reference().streams) {
      const g = randomStream(c.seed, c.purpose, c.index);
      for (let i = 0; i < c.outputs.length; i++) g.nextUint32();
      for (let i = 0; i < c.bits53.length; i++) uniform53Bits(g);
      for (const k of c.bits52) expect(standardNormal(g)).toBe(normalQuantile((k + 0.5) / 2 ** 52));
    }
  });

  it("are exactly symmetric and finite at the ends of the grid", () => {
    const z = (high: number, low: number) => standardNormal(new ScriptedWords([high << 12, low]));
    expect(z(0, 0)).toBe(normalQuantile(2 ** -53));
    expect(z(0, 0)).toBeCloseTo(-8.2095, 3);
    expect(z(0xfffff, 0xffffffff)).toBe(-z(0, 0));
    expect(z(0x12345, 0x6789abcd)).toBe(-z(0xfffff - 0x12345, 0xffffffff - 0x6789abcd));
    expect(z(0x80000, 0) + z(0x7ffff, 0xffffffff)).toBe(0);
  });

  it("are N(0, 1): Kolmogorov–Smirnov against Φ, mean, variance and fourth moment of 100,000 draws", () => {
    const rng = randomStream(4, "test-normal");
    const n = 100_000;
    const z = Float64Array.from({ length: n }, () => standardNormal(rng));
    expect(ksPValue(z, normalCdf)).toBeGreaterThan(ALPHA);
    const moment = (p: number, v = z) => v.reduce((s, x) => s + x ** p, 0) / n;
    // SEs from the normal's moments: Var z = 1, Var z² = 2, Var z⁴ = 105 − 9 = 96; 4.4 SEs ≈ level 1e-5
    expect(zScore(moment(1), 0, Math.sqrt(1 / n))).toBeLessThan(4.4);
    expect(zScore(moment(2), 1, Math.sqrt(2 / n))).toBeLessThan(4.4);
    expect(zScore(moment(4), 3, Math.sqrt(96 / n))).toBeLessThan(4.4);
    // the checks can fail: draws with a mean of 0.03 fail KS; a standard deviation of 1.02 fails the variance
    expect(ksPValue(z.map((x) => x + 0.03), normalCdf)).toBeLessThan(ALPHA);
    expect(zScore(moment(2, z.map((x) => 1.02 * x)), 1, Math.sqrt(2 / n))).toBeGreaterThan(4.4);
  });
});
