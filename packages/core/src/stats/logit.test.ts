import { describe, expect, it } from "vitest";
import { tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { errorOf } from "../../../../test/helpers.js";
import { fitFormula } from "./fit.js";

function analysisErrorOf(f: () => unknown): TrialstatError {
  const e = errorOf<TrialstatError>(f);
  expect(e).toBeInstanceOf(TrialstatError);
  expect(e.kind).toBe("analysis");
  return e;
}

describe("logit separation is an error, never huge coefficients", () => {
  it("finds a dummy that predicts the outcome perfectly (quasi-complete separation)", () => {
    // every row with g = c has y = 1
    const t = tableFromColumns({
      y: [0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1],
      g: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "c", "c", "c"],
    });
    const e = analysisErrorOf(() => fitFormula(t, { formula: "y ~ g", family: "binomial" }));
    expect(e.message).toContain("separation: gc predicts the outcome perfectly");
    expect(e.remedies).toEqual([{ setting: "family", value: "gaussian", reason: "use a linear probability model" }]);
  });

  it("finds a continuous covariate that separates the outcome completely", () => {
    const t = tableFromColumns({ y: [0, 0, 0, 1, 1, 1], x: [1, 2, 3, 4, 5, 6] });
    const e = analysisErrorOf(() => fitFormula(t, { formula: "y ~ x", family: "binomial" }));
    expect(e.message).toContain("x predicts the outcome perfectly");
  });

  it("finds separation by a combination of variables after fitting", () => {
    // y = 1 exactly when x1 + x2 > 0; neither variable alone orders y
    const x1 = [-3, -2, -1, 0, 1, 2, 3, -2, 2, 1, -1, 0.5];
    const x2 = [2, 3, 2, 1, 0.5, -1, -2, 1, -1.5, -2, 2, 1];
    const y = x1.map((v, i) => (v + x2[i] > 0 ? 1 : 0));
    const t = tableFromColumns({ y, x1, x2 });
    const e = analysisErrorOf(() => fitFormula(t, { formula: "y ~ x1 + x2", family: "binomial" }));
    expect(e.message).toMatch(/^separation: /);
  });

  it("refuses an outcome that never varies", () => {
    const t = tableFromColumns({ y: [1, 1, 1, 1], x: [1, 2, 3, 4] });
    expect(() => fitFormula(t, { formula: "y ~ x", family: "binomial" })).toThrowError("the outcome y is 1 in every row used");
  });
});
