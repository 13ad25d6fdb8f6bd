import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { TrialstatError } from "../errors.js";
import { categorical, cellLabel, crossClassify, inCell } from "./cells.js";

const t = parseCsv("group,arm,dose,x\nSCR IW,T,10,a\nWMCA,C,2,\nSCR IW,C,10,b\nSCR OOW,T,2,a\nWMCA,C,1,b\n", { source: "c.csv" });
const all = [0, 1, 2, 3, 4];

describe("categorical", () => {
  it("sorts text by code point and numbers numerically", () => {
    expect(categorical(t, "group", all)).toMatchObject({ levels: ["SCR IW", "SCR OOW", "WMCA"], codes: Int32Array.of(0, 2, 0, 1, 2) });
    expect(categorical(t, "dose", all).levels).toEqual(["1", "2", "10"]);
  });

  it("puts missing values last as their own level when asked, and otherwise names the line", () => {
    expect(categorical(t, "x", all, { missingLevel: "(missing)" })).toMatchObject({ levels: ["a", "b", "(missing)"], codes: Int32Array.of(0, 2, 1, 0, 1) });
    const e = errorOf<TrialstatError>(() => categorical(t, "x", all, { role: "within cell" }));
    expect(e.kind).toBe("input");
    expect(e.where).toBe("c.csv:3:x");
    expect(e.message).toBe("x is missing on line 3, so the row cannot be placed in a within cell");
    expect(e.remedies).toEqual([{ setting: "eligible", reason: "mark the row not eligible" }]);
  });

  it("classifies only the rows given (-1 elsewhere)", () => {
    expect(Array.from(categorical(t, "x", [0, 2]).codes)).toEqual([0, -1, 1, -1, -1]);
  });
});

describe("crossClassify", () => {
  it("orders cells with the first variable slowest, as the columns of HLT Table 6.2", () => {
    const cells = crossClassify([categorical(t, "group", all), categorical(t, "arm", all)], all);
    expect(cells.map((c) => c.label)).toEqual(["group=SCR IW, arm=C", "group=SCR IW, arm=T", "group=SCR OOW, arm=T", "group=WMCA, arm=C"]);
    expect(cells.map((c) => Array.from(c.rows))).toEqual([[2], [0], [3], [1, 4]]);
    expect(cells[3].values).toEqual(["WMCA", "C"]);
  });

  it("is one cell of every row when there are no variables", () => {
    expect(crossClassify([], all)).toEqual([{ values: [], label: "all rows", rows: Int32Array.from(all) }]);
    expect(cellLabel([], [])).toBe("all rows");
  });
});

describe("inCell", () => {
  it("restates errors as about the cell, keeping their remedies, and can replace the advice", () => {
    const cell = crossClassify([categorical(t, "arm", all)], all)[0];
    const remedies = [{ setting: "within" as const }];
    const boom = () => {
      throw new TrialstatError("analysis", "boom", { hint: "old", remedies });
    };
    const kept = errorOf<TrialstatError>(() => inCell(cell, boom));
    expect([kept.kind, kept.message, kept.advice, kept.remedies]).toEqual(["analysis", "cell arm=C: boom", "old", remedies]);
    const e = errorOf<TrialstatError>(() => inCell(cell, boom, () => ({ hint: "new" })));
    expect([e.kind, e.message, e.hint, e.remedies]).toEqual(["analysis", "cell arm=C: boom", "new", []]);
    expect(inCell(cell, () => 3)).toBe(3);
  });
});
