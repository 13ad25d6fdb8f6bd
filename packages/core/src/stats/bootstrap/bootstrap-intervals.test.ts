import { describe, expect, it } from "vitest";
import { normalQuantile } from "../distributions/normal.js";
import { bootstrapQuantiles, summariseReplicates, usesExtremeOrderStatistics } from "./bootstrap-intervals.js";
import { mthLargest } from "./order-statistic.js";

// boot.ci's own numbers on replicates drawn by boot are test/oracle/bootstrap.test.ts; here the
// closed forms of norm.inter and the p-value rule.
describe("bootstrap quantiles (boot's norm.inter)", () => {
  it("take the k-th smallest when (B + 1)·p is whole", () => {
    const values = Float64Array.from({ length: 19 }, (_, i) => 19 - i); // 19 … 1
    expect(bootstrapQuantiles(values, [0.05, 0.5, 0.95])).toEqual([1, 10, 19]);
  });

  it("interpolate on the normal quantile scale otherwise", () => {
    const values = [10, 20, 30, 40];
    // (4 + 1)·0.3 = 1.5: between the 1st and 2nd smallest, weight (Φ⁻¹(.3) − Φ⁻¹(.2))/(Φ⁻¹(.4) − Φ⁻¹(.2))
    const w = (normalQuantile(0.3) - normalQuantile(0.2)) / (normalQuantile(0.4) - normalQuantile(0.2));
    expect(bootstrapQuantiles(values, [0.3])[0]).toBeCloseTo(10 + 10 * w, 14);
    expect(bootstrapQuantiles(values, [0.1, 0.99])).toEqual([10, 40]); // k = 0 and k = B: the extremes
    expect(usesExtremeOrderStatistics(4, 0.95)).toBe(true);
    expect(usesExtremeOrderStatistics(999, 0.95)).toBe(false);
  });

  it("leave out failed (NaN) replicates and count the p-value's exceedances strictly", () => {
    const s = summariseReplicates(1, 0.5, [1.5, NaN, 0.5, 2.5, 1], [0.5, NaN, 0.5, 0.5, 0.5], 0.5);
    // z* = 1, −1, 3, 0 against |t| = 2: one exceeds, of 4 draws
    expect(s.pValue).toBe(0.25);
    // mean 1.375; squared deviations 0.015625 + 0.765625 + 1.265625 + 0.140625 = 2.1875, over B − 1 = 3
    expect(s.standardError).toBeCloseTo(Math.sqrt(2.1875 / 3), 14);
  });
});

describe("m-th largest", () => {
  it("agrees with sorting, with ties and NaN (counted largest)", () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, NaN];
    const sorted = values.map((v) => (Number.isNaN(v) ? Infinity : v)).sort((a, b) => b - a);
    for (let m = 1; m <= values.length; m++) expect(mthLargest(Float64Array.from(values), m)).toBe(sorted[m - 1]);
    expect(mthLargest(new Float64Array(1000).fill(2), 500)).toBe(2);
  });
});
