import { describe, expect, it } from "vitest";
import { confidenceLevelProblem, criticalValue } from "./inference.js";

describe("confidenceLevelProblem", () => {
  it("accepts every level whose two-sided quantile is finite and above 0, up to 1 − 2^-52", () => {
    const largest = 1 - 2 ** -52; // 0.9999999999999998: (1 + it)/2 = 1 − 2^-53, the largest double below 1
    for (const level of [0.5, 0.95, 0.999, largest, 2 ** -51]) {
      expect(confidenceLevelProblem(level)).toBeUndefined();
      for (const [dist, df] of [["z", Infinity], ["t", 1], ["t", 30]] as const) {
        const q = criticalValue(level, dist, df);
        expect(Number.isFinite(q) && q > 0, `${level} ${dist} ${df}`).toBe(true);
      }
    }
  });

  it("refuses levels outside (0, 1), and those so near 1 or 0 that the quantile is infinite or 0", () => {
    for (const level of [0, 1, -0.5, 95, Number.NaN]) expect(confidenceLevelProblem(level)).toBe("must lie between 0 and 1");
    // 1 − 2^-53 = 0.9999999999999999: (1 + it)/2 rounds to 1
    expect(confidenceLevelProblem(1 - 2 ** -53)).toMatch(/^is too close to 1/);
    expect(criticalValue(1 - 2 ** -53, "z", Infinity)).toBe(Infinity);
    // 1 + 2^-54 rounds to 1: the quantile's probability is 1/2
    expect(confidenceLevelProblem(2 ** -54)).toMatch(/^is too close to 0/);
  });
});
