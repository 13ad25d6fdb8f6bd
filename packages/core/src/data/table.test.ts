import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";
import { cellSourceText, numericColumn, selectRows, tableFromColumns, textColumn } from "./table.js";

describe("cellSourceText: cells exactly as read", () => {
  it("keeps missing-value codes and numeric spellings, in numeric and text columns", () => {
    const t = parseCsv("n,s,mixed\n007,NA,1\nNA,x,NA\n,,y\n1.50,NA,2\n");
    const texts = (name: string) => Array.from({ length: t.nRows }, (_, i) => cellSourceText(t.column(name), i));
    expect(t.column("n").kind).toBe("number");
    expect(texts("n")).toEqual(["007", "NA", "", "1.50"]);
    expect(t.column("s").kind).toBe("text");
    expect(texts("s")).toEqual(["NA", "x", "", "NA"]);
    // a column that turned to text after numbers and a missing code keeps both
    expect(t.column("mixed").kind).toBe("text");
    expect(texts("mixed")).toEqual(["1", "NA", "y", "2"]);
  });

  it("falls back to the value's text for columns built in memory", () => {
    const t = tableFromColumns({ x: [1.5, null], g: ["a", null] });
    expect([0, 1].map((i) => cellSourceText(t.column("x"), i))).toEqual(["1.5", ""]);
    expect([0, 1].map((i) => cellSourceText(t.column("g"), i))).toEqual(["a", ""]);
  });
});

describe("selectRows", () => {
  it("keeps source lines, exact text and column kinds", () => {
    const t = parseCsv("id,g\n001,A\n002,NA\n003,B\n", { source: "f.csv" });
    const sub = selectRows(t, [2, 0]);
    expect(sub.nRows).toBe(2);
    expect(sub.source).toBe("f.csv");
    expect([sub.lineOf(0), sub.lineOf(1)]).toEqual([4, 2]);
    const id = sub.column("id");
    expect(id.kind).toBe("number");
    if (id.kind === "number") expect([id.text(0), id.text(1)]).toEqual(["003", "001"]);
    expect(sub.column("g")).toMatchObject({ kind: "text", values: ["B", "A"] });
    expect(cellSourceText(selectRows(t, [1]).column("g"), 0)).toBe("NA");
  });
});

describe("column factories", () => {
  it("numericColumn and textColumn describe their values", () => {
    expect(numericColumn("x", Float64Array.of(2, NaN)).text(1)).toBeNull();
    expect(textColumn("g", ["1", "a", null, "2"])).toMatchObject({ numericCount: 2, firstNonNumeric: { row: 1, value: "a" } });
  });
});
