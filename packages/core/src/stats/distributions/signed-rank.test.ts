import { describe, expect, it } from "vitest";
import { signedRankCdf, signedRankQuantile } from "./signed-rank.js";

describe("the signed-rank distribution", () => {
  it("counts subsets of {1..n}: P(V ≤ k) for n = 4 by enumeration", () => {
    // the 16 subsets of {1,2,3,4} have sums 0,1,2,3,3,4,4,5,5,6,6,7,7,8,9,10
    const sums = [0, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10];
    for (let k = -1; k <= 11; k++) {
      const expected = sums.filter((s) => s <= k).length / 16;
      expect(signedRankCdf(k, 4)).toBeCloseTo(expected, 15);
      expect(signedRankCdf(k, 4, false)).toBeCloseTo(1 - expected, 15);
    }
  });

  it("quantiles are the smallest q with P(V ≤ q) ≥ p (R: qsignrank)", () => {
    expect(signedRankQuantile(0.025, 10)).toBe(9);
    expect(signedRankQuantile(0.5, 4)).toBe(5);
    expect(signedRankQuantile(1 / 16, 4)).toBe(0);
    expect(signedRankQuantile(0.975, 10)).toBe(46);
    expect(signedRankCdf(3, 10)).toBe(5 / 1024);
  });
});
