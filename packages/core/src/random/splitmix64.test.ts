import { describe, expect, it } from "vitest";
import { reference } from "../../../../test/random/helpers.js";
import { mix64, splitMix64Next } from "./splitmix64.js";

const MASK = (1n << 64n) - 1n;

/** mix64's inverse, step by step: x ⊕ (x ≫ s) and multiplication by an odd constant are invertible mod 2⁶⁴. */
function unmix64(z: bigint): bigint {
  const unshift = (y: bigint, s: bigint) => {
    let x = y;
    for (let k = 0; k < 64; k += Number(s)) x = y ^ (x >> s);
    return x;
  };
  const inverse = (a: bigint) => {
    let x = a; // Newton's iteration for the inverse mod 2⁶⁴: each step doubles the correct bits
    for (let i = 0; i < 6; i++) x = (x * (2n - a * x)) & MASK;
    return x;
  };
  z = unshift(z, 31n);
  z = (z * inverse(0x94d049bb133111ebn)) & MASK;
  z = unshift(z, 27n);
  z = (z * inverse(0xbf58476d1ce4e5b9n)) & MASK;
  return unshift(z, 30n);
}

describe("SplitMix64", () => {
  it("gives the outputs of the reference C code, bit for bit", () => {
    const cases = reference().splitmix64;
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const { seed, outputs } of cases) {
      const g = { state: BigInt(seed) };
      expect(outputs.map(() => splitMix64Next(g).toString(16).padStart(16, "0")), `seed ${seed}`).toEqual(outputs);
    }
  });

  it("starts, from seed 0, with the widely published 0xe220a8397b1dcdaf", () => {
    expect(splitMix64Next({ state: 0n })).toBe(0xe220a8397b1dcdafn);
  });

  it("mixes with a bijection (what the stream derivation relies on): unmixing gives the word back", () => {
    expect(mix64(0n)).toBe(0n);
    const g = { state: 12345n };
    for (let i = 0; i < 200; i++) {
      const w = splitMix64Next(g);
      expect(unmix64(mix64(w))).toBe(w);
    }
    // the check can fail: a different word does not come back
    expect(unmix64(mix64(5n) ^ 1n)).not.toBe(5n);
  });
});
