import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { categorical, crossClassify } from "./cells.js";
import { prepareCovariates } from "./missing-covariates.js";
import { cellPropensity } from "./propensity.js";

function setup(data: Record<string, (number | string | null)[]>, covariates: string[]) {
  const t = tableFromColumns(data, "p.csv");
  const rows = Int32Array.from({ length: t.nRows }, (_, i) => i);
  const cells = crossClassify([categorical(t, "arm", rows)], rows);
  const r = t.column("r");
  const values = Uint8Array.from(r.values as Float64Array);
  const prepared = prepareCovariates(t, covariates, rows, "indicator");
  return { t, cells, fit: (c: number) => cellPropensity(t, cells[c], { name: "r", values }, prepared) };
}

describe("cellPropensity", () => {
  it("with no covariates, p̂ is the cell's response rate", () => {
    const { fit } = setup({ arm: ["T", "T", "T", "T", "C", "C"], r: [1, 1, 1, 0, 1, 0] }, []);
    const t = fit(1);
    expect(Array.from(t.pHat).map((p) => p.toFixed(12))).toEqual(Array(4).fill("0.750000000000"));
    expect(t.model.terms).toEqual(["(Intercept)"]);
    expect(t.model.coefficients[0]).toBeCloseTo(Math.log(3), 10);
  });

  it("needs no model where everyone responded, and says so", () => {
    const { fit } = setup({ arm: ["T", "T", "C", "C"], r: [1, 1, 1, 0], x: [1, 2, 3, 4] }, ["x"]);
    const t = fit(1);
    expect(Array.from(t.pHat)).toEqual([1, 1]);
    expect(t.warnings).toEqual(["cell arm=T: all 2 eligible people responded, so every weight is 1 (no propensity model is needed)"]);
  });

  it("leaves out of a cell's model a covariate with one value there, with a warning", () => {
    const { fit } = setup(
      { arm: ["T", "T", "T", "T", "T", "C"], r: [1, 0, 1, 0, 1, 0], g: ["a", "a", "a", "a", "a", "b"], x: [1, 2, 2, 1, 3, null] },
      ["g", "x"],
    );
    const t = fit(1);
    expect(t.warnings).toEqual(["cell arm=T: g has one value (a) among the 5 eligible people, so it is left out of this cell's model"]);
    expect(t.model.terms).toEqual(["(Intercept)", "x"]); // x_missing does not vary in this cell either
  });

  it("names the cell when the model separates", () => {
    const { fit } = setup({ arm: ["C", "C", "C", "C", "T", "T"], r: [0, 0, 1, 1, 1, 0], x: [1, 2, 3, 4, 1, 2] }, ["x"]);
    const e = errorOf<TrialstatError>(() => fit(0));
    expect(e.kind).toBe("analysis");
    expect(e.message).toMatch(/^cell arm=C: separation: x predicts the outcome perfectly/);
    expect(e.remedies).toMatchObject([{ setting: "method", value: "cells" }, { setting: "method", value: "rake" }]);
  });
});
