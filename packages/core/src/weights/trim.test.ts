import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { TrialstatError } from "../errors.js";
import { percentile, percentileName, trimWeights } from "./trim.js";

describe("trimWeights (survey::trimWeights, strict = TRUE)", () => {
  it("caps and shares the excess equally among the rest", () => {
    const r = trimWeights(Float64Array.of(0.5, 0.5, 0.5, 2.5), 2);
    expect(Array.from(r.weights)).toEqual([0.5 + 0.5 / 3, 0.5 + 0.5 / 3, 0.5 + 0.5 / 3, 2]);
    expect([r.nAboveCap, r.maxBefore, r.nAtCap, r.added]).toEqual([1, 2.5, 1, 0.5 / 3]);
  });

  it("caps a weight the share lifts over the cap, as strict = TRUE's repeated passes do", () => {
    // one pass: 3.7 → 2, excess 1.7 / 3 lifts 1.9 to 2.467; strict passes converge to 1.9 at the cap too
    const r = trimWeights(Float64Array.of(0.2, 0.2, 1.9, 3.7), 2);
    expect(Array.from(r.weights)).toEqual([1, 1, 2, 2]);
    expect([r.nAboveCap, r.nAtCap, r.added]).toEqual([1, 2, 0.8]);
  });

  it("finishes where survey's recursion never does (R: C stack usage too close to the limit)", () => {
    const w = [0.01, 0.013759149879458019, 0.051423847709162876];
    const mean = (w[0] + w[1] + w[2]) / 3;
    const r = trimWeights(Float64Array.from(w), mean * 1.0500000000000007);
    expect(r.nAtCap).toBe(2);
    expect(r.weights[2]).toBe(r.cap);
    expect(r.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(3 * mean, 15);
  });

  it("leaves weights alone when none exceeds the cap", () => {
    expect(trimWeights(Float64Array.of(1, 2), 5)).toMatchObject({ weights: Float64Array.of(1, 2), nAboveCap: 0, nAtCap: 0 });
  });

  it("keeps the total, respects the cap, and keeps the order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: 2, maxLength: 60 }), fc.double({ min: 1.05, max: 8, noNaN: true }), (raw, capMultiple) => {
        const mean = raw.reduce((s, w) => s + w, 0) / raw.length;
        const cap = mean * capMultiple;
        const r = trimWeights(Float64Array.from(raw), cap);
        const total = raw.reduce((s, w) => s + w, 0);
        expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - total)).toBeLessThan(1e-9 * total);
        for (let i = 0; i < raw.length; i++) {
          expect(r.weights[i]).toBeLessThanOrEqual(cap);
          for (let j = 0; j < raw.length; j++) if (raw[i] <= raw[j]) expect(r.weights[i]).toBeLessThanOrEqual(r.weights[j] + 1e-12 * cap);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("cannot trim below the mean weight", () => {
    const e = errorOf<TrialstatError>(() => trimWeights(Float64Array.of(1, 3), 1.5));
    expect(e.kind).toBe("analysis");
    expect(e.message).toBe("cannot trim weights to 1.5: their mean, 2.000, is not below the cap, so the total cannot be kept");
  });
});

describe("percentile (R's quantile type 7)", () => {
  it("interpolates between order statistics", () => {
    // R: sprintf("%.17g", quantile(c(1, 2, 3, 4, 10), c(0.5, 0.9, 0.95, 1), type = 7))
    //    → 3, 7.5999999999999979, 8.7999999999999989, 10 (to the bit: R interpolates as (1 − h)·x_lo + h·x_hi)
    expect([50, 90, 95, 100].map((p) => percentile([10, 1, 4, 2, 3], p))).toEqual([3, 7.5999999999999979, 8.7999999999999989, 10]);
  });
});

describe("percentileName", () => {
  it("gives the ordinal English uses", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 99, 100, 111, 12.5].map((p) => percentileName(p).replace(/^the | percentile$/g, ""))).toEqual([
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "99th", "100th", "111th", "12.5th",
    ]);
  });
});
