import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tableFromColumns } from "../data/table.js";
import { balanceRows, effectiveSampleSize, kishDesignEffect, summariseWeights } from "./diagnostics.js";
import { prepareCovariates } from "./missing-covariates.js";
import { rescaleToMeanOne } from "./rescale.js";

describe("weight summary", () => {
  it("summarises as the doc comment says", () => {
    const s = summariseWeights([4, 1, 2, 1]);
    expect(s).toMatchObject({ n: 4, min: 1, q1: 1, median: 1.5, q3: 2.5, max: 4, mean: 2, designEffect: 1.375 });
    expect(s.effectiveN).toBeCloseTo(32 / 11, 14);
    expect(s.cv).toBeCloseTo(Math.sqrt(1.5) / 2, 14);
  });

  it("deff = 1 + CV² (CV with divisor n), n_eff = n / deff, and both ignore the scale (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (w, k) => {
        const s = summariseWeights(w);
        expect(s.designEffect).toBeCloseTo(1 + s.cv ** 2, 10);
        expect(effectiveSampleSize(w)).toBeCloseTo(w.length / kishDesignEffect(w), 8);
        expect(kishDesignEffect(w.map((x) => x * k))).toBeCloseTo(s.designEffect, 10);
        expect(s.designEffect).toBeGreaterThanOrEqual(1 - 1e-12);
      }),
    );
  });

  it("rescaleToMeanOne divides by the mean", () => {
    expect(Array.from(rescaleToMeanOne(Float64Array.of(2, 4, 6)))).toEqual([0.5, 1, 1.5]);
  });
});

describe("balanceRows", () => {
  it("compares respondents with all eligible in SDs of the eligible, before and after weighting", () => {
    const t = tableFromColumns({ x: [1, 2, 3, 4, null], g: ["a", "b", "a", null, "b"] });
    const rows = Int32Array.of(0, 1, 2, 3, 4);
    const prepared = prepareCovariates(t, ["x", "g"], rows, "indicator");
    const w = Float64Array.of(NaN, 1, 3, NaN, 2); // respondents: rows 2, 3, 5
    const b = balanceRows(t, prepared, null, rows, w);
    expect(b.map((r) => [r.covariate, r.level])).toEqual([
      ["x", null],
      ["x", "(missing)"],
      ["g", "a"],
      ["g", "b"],
      ["g", "(missing)"],
    ]);
    const x = b[0]; // eligible with x: 1..4, mean 2.5, sd √(5/3); respondents with x: 2, 3 (weights 1, 3)
    expect(x.eligibleMean).toBe(2.5);
    expect(x.sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(x.respondentMean).toBe(2.5);
    expect(x.weightedMean).toBe(2.75);
    expect(x.smdUnweighted).toBe(0);
    expect(x.smdWeighted).toBeCloseTo(0.25 / Math.sqrt(5 / 3), 14);
    expect(b[1]).toMatchObject({ eligibleMean: 0.2, respondentMean: 1 / 3, weightedMean: 2 / 6 });
  });

  it("gives an SMD of 0 when every eligible person has the same value", () => {
    const t = tableFromColumns({ x: [5, 5, 5] });
    const rows = Int32Array.of(0, 1, 2);
    const [row] = balanceRows(t, prepareCovariates(t, ["x"], rows, "error"), null, rows, Float64Array.of(1, NaN, 2));
    expect([row.sd, row.smdUnweighted, row.smdWeighted]).toEqual([0, 0, 0]);
  });
});
