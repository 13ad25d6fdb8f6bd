import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Column, type TextColumn, makeTable, numericColumn, tableFromColumns, textColumn } from "../../data/table.js";
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
    [{ y: ["1", "2", "1e400"], x: [1, 2, 3] }, "y ~ x", 'non-numeric value "1e400" (beyond the range of a double, ±1.8e308) in the outcome y', "the outcome must be a number"],
    [{ y: [1, 2, 3], x: ["1", "-2e-400", "3"] }, "y ~ x", 'non-numeric value "-2e-400" (closer to 0 than a double can hold, 4.9e-324: it would be read as 0) in numeric column x', "factor(x)"],
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

describe("a text column with codes (read from a file, or a plan's few categories) gives the frame the strings give", () => {
  // the same column twice: as textColumn codes it, and as plain strings (no codes)
  const plain = (name: string, values: (string | null)[]): TextColumn => ({ ...textColumn(name, values), codes: undefined, dictionary: undefined });
  const frameOf = (g: TextColumn, y: Float64Array, formula: string, cluster?: string) => {
    const table = makeTable("t", new Map<string, Column>([["y", numericColumn("y", y)], ["g", g], ["c", { ...g, name: "c" }]]));
    const f = buildModelFrame(table, expandFormula(formula), cluster ? { cluster } : {});
    return { rows: Array.from(f.rows), variables: f.variables.map((v) => (v.kind === "factor" ? { levels: v.levels, codes: Array.from(v.codes) } : v)), cluster: f.cluster && { levels: f.cluster.levels, codes: Array.from(f.cluster.codes) } };
  };

  it("for any levels, missing cells and rows dropped for a missing outcome", () => {
    const level = fc.constantFrom("b", "a", "B", "10", "9", "a b", "é", "", " x");
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(level, { freq: 6 }), fc.option(fc.double({ noNaN: true, min: -5, max: 5 }), { freq: 6 })), { minLength: 4, maxLength: 40 }), (cells) => {
        const g = cells.map(([v]) => v);
        const y = Float64Array.from(cells, ([, v]) => v ?? NaN);
        const run = (column: TextColumn) => {
          try {
            return frameOf(column, y, "y ~ g", "c");
          } catch (e) {
            return (e as Error).message;
          }
        };
        const coded = textColumn("g", g);
        expect(coded.codes).toBeDefined();
        expect(run(coded)).toEqual(run(plain("g", g)));
      }),
      { numRuns: 300 },
    );
  });

  it("finds the first number written with thousands separators on the same row", () => {
    const g = ["a", "b", null, "1,200", "a", "3,400"];
    const y = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const message = (column: TextColumn) => errorOf<TrialstatError>(() => frameOf(column, y, "y ~ g")).message;
    expect(message(textColumn("g", g))).toBe(message(plain("g", g)));
    expect(message(textColumn("g", g))).toContain('"1,200"');
  });
});

describe("textColumn", () => {
  it("codes each row into the distinct values (−1 = missing), in order of first appearance", () => {
    const c = textColumn("g", ["b", null, "a", "b", "2"]);
    expect(Array.from(c.codes!)).toEqual([0, -1, 1, 0, 2]);
    expect(c.dictionary).toEqual(["b", "a", "2"]);
    expect(c.numericCount).toBe(1);
    expect(c.firstNonNumeric).toEqual({ row: 0, value: "b" });
  });

  it("does not code a column of more than 65,536 distinct values (identifiers), but still counts its numbers", () => {
    const values = Array.from({ length: 70_000 }, (_, i) => (i % 2 ? `id${i}` : String(i)));
    const c = textColumn("id", values);
    expect(c.codes).toBeUndefined();
    expect(c.numericCount).toBe(35_000);
    expect(c.firstNonNumeric).toEqual({ row: 1, value: "id1" });
  });
});
