import { describe, expect, it } from "vitest";
import { tableFromColumns } from "../../data/table.js";
import { TrialstatError } from "../../errors.js";
import { toRows } from "../linalg/dense.js";
import { errorOf } from "../../../../../test/helpers.js";
import { buildModelFrame } from "./model-frame.js";
import { buildModelMatrix } from "./model-matrix.js";
import { expandFormula } from "./terms.js";

const data = tableFromColumns({
  y: [1, 2, 3, 4, 5, 6],
  x: [0.5, 1, 1.5, 2, 2.5, 3],
  g: ["B", "A", "C", "A", "B", "C"],
  h: ["u", "v", "u", "v", "v", "u"],
  s: [2, 10, 2, 10, 1, 1],
});
const names = (formula: string) => buildModelMatrix(buildModelFrame(data, expandFormula(formula))).columnNames;

// Column names are those of R's colnames(model.matrix(f, data)).
describe("model matrix column names and coding follow R's model.matrix", () => {
  it.each([
    ["y ~ x + g", ["(Intercept)", "x", "gB", "gC"]],
    ["y ~ x * g", ["(Intercept)", "x", "gB", "gC", "x:gB", "x:gC"]],
    ["y ~ x + x:g", ["(Intercept)", "x", "x:gB", "x:gC"]],
    ["y ~ x:g", ["(Intercept)", "x:gA", "x:gB", "x:gC"]],
    ["y ~ x:g - 1", ["x:gA", "x:gB", "x:gC"]],
    ["y ~ g + x:h", ["(Intercept)", "gB", "gC", "x:hu", "x:hv"]],
    ["y ~ g - 1", ["gA", "gB", "gC"]],
    ["y ~ 0 + x + g", ["x", "gA", "gB", "gC"]],
    ["y ~ g:h", ["(Intercept)", "gA:hu", "gB:hu", "gC:hu", "gA:hv", "gB:hv", "gC:hv"]],
    ["y ~ g*h", ["(Intercept)", "gB", "gC", "hv", "gB:hv", "gC:hv"]],
    ["y ~ factor(s)", ["(Intercept)", "factor(s)2", "factor(s)10"]],
    ["y ~ I(x^2) + x", ["(Intercept)", "I(x^2)", "x"]],
  ])("%s", (formula, expected) => {
    expect(names(formula)).toEqual(expected);
  });

  it("codes levels against the first in sorted order and multiplies interactions", () => {
    const mm = buildModelMatrix(buildModelFrame(data, expandFormula("y ~ x * g")));
    expect(toRows(mm.matrix)[0]).toEqual([1, 0.5, 1, 0, 0.5, 0]); // g = B
    expect(toRows(mm.matrix)[2]).toEqual([1, 1.5, 0, 1, 0, 1.5]); // g = C
    expect(Array.from(mm.assign)).toEqual([0, 1, 2, 2, 3, 3]);
  });
});

describe("model frame", () => {
  it("drops rows with missing values and counts them by variable", () => {
    const t = tableFromColumns({ y: [1, null, 3, 4, 5], x: [1, 2, null, null, 5], z: [1, 2, 3, 4, null] });
    const frame = buildModelFrame(t, expandFormula("y ~ x"));
    expect(Array.from(frame.rows)).toEqual([0, 4]);
    expect(frame.nDropped).toBe(3);
    expect(frame.missingBy).toEqual([
      { variable: "y", count: 1 },
      { variable: "x", count: 2 },
    ]);
  });

  it("drops factor levels that only occur in dropped rows", () => {
    const t = tableFromColumns({ y: [1, 2, 3, null, 5, 6], g: ["a", "b", "a", "c", "b", "a"] });
    const frame = buildModelFrame(t, expandFormula("y ~ g"));
    expect(frame.variables[0]).toMatchObject({ kind: "factor", levels: ["a", "b"] });
  });

  it.each([
    [{ y: [1, 2, 3], x: ["1", "2", "oops"] }, "y ~ x", 'non-numeric value "oops" in numeric column x', "factor(x)"],
    [{ y: ["1", "2", "x"], x: [1, 2, 3] }, "y ~ x", 'non-numeric value "x" in the outcome y', "the outcome must be a number"],
    [{ y: [1, 2, 3], g: ["a", "a", "a"] }, "y ~ g", "g has only one value (a)", "remove g"],
    [{ y: [null, null], x: [1, 2] }, "y ~ x", "no rows left", "missing-value codes"],
    [{ y: [1, 2], x: [1, 2] }, "y ~ z", 'no column named "z"', "available columns: y, x"],
  ])("rejects bad input clearly (%#)", (columns, formula, message, hint) => {
    const t = tableFromColumns(columns as Record<string, (number | string | null)[]>);
    const e = errorOf<TrialstatError>(() => buildModelFrame(t, expandFormula(formula)));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.message).toContain(message);
    expect(e.hint).toContain(hint);
  });

  it("leaves out rows of weight 0, counted, as lm does", () => {
    const t = tableFromColumns({ y: [1, 2, 3, 4, 6], x: [1, 2, 3, 5, 4], w: [1, 0, 2, 1, 1] });
    const f = buildModelFrame(t, expandFormula("y ~ x"), { weights: "w" });
    expect(Array.from(f.rows)).toEqual([0, 2, 3, 4]);
    expect([f.nDropped, f.nZeroWeight]).toEqual([1, 1]);
  });

  it("rejects negative and missing weights in rows the model uses", () => {
    for (const [w, what] of [[-1, "negative"], [null, "missing"]] as const) {
      const t = tableFromColumns({ y: [1, 2, 3, 4], x: [1, 2, 3, 5], w: [1, 1, w, 1] });
      expect(() => buildModelFrame(t, expandFormula("y ~ x"), { weights: "w" })).toThrowError(`weight is ${what}`);
    }
    // a missing weight is fine where the row is dropped anyway (non-respondents)
    const t = tableFromColumns({ y: [1, 2, null, 4], x: [1, 2, 3, 5], w: [1, 1, null, 1] });
    expect(buildModelFrame(t, expandFormula("y ~ x"), { weights: "w" }).rows.length).toBe(3);
  });

  it("needs a 0/1 outcome for a logit", () => {
    const t = tableFromColumns({ y: [0, 1, 2], x: [1, 2, 4] });
    expect(() => buildModelFrame(t, expandFormula("y ~ x"), { family: "binomial" })).toThrowError("needs 0 or 1");
  });
});
