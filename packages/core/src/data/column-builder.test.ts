import { describe, expect, it } from "vitest";
import { ColumnBuilder } from "./column-builder.js";

describe("ColumnBuilder", () => {
  it("keeps a column of numbers numeric, with each cell's text as written", () => {
    const b = new ColumnBuilder("y", new Set(["", "NA"]));
    for (const cell of ["1.50", "NA", "2", "007"]) b.push(cell);
    const y = b.finish();
    expect(y.kind).toBe("number");
    if (y.kind !== "number") return;
    expect(Array.from(y.values)).toEqual([1.5, NaN, 2, 7]);
    expect([0, 1, 2, 3].map((i) => y.text(i))).toEqual(["1.50", null, "2", "007"]);
    expect(y.sourceText!(1)).toBe("NA");
  });

  it("turns to text at the first cell that is not a number, keeping the earlier cells' text", () => {
    const b = new ColumnBuilder("x", new Set([""]));
    for (const cell of ["1.0", "", "abc", "1.0"]) b.push(cell);
    const x = b.finish();
    expect(x.kind).toBe("text");
    if (x.kind !== "text") return;
    expect(x.values).toEqual(["1.0", null, "abc", "1.0"]);
    expect(x.numericCount).toBe(2);
    expect(x.firstNonNumeric).toEqual({ row: 2, value: "abc" });
    expect(x.dictionary!.length).toBe(2);
  });

  it("takes a cell the file marks missing as missing, whatever the missing-value codes", () => {
    const b = new ColumnBuilder("z", new Set<string>());
    b.push("3");
    b.push(null);
    const z = b.finish();
    expect(z.kind === "number" && Array.from(z.values)).toEqual([3, NaN]);
  });
});
