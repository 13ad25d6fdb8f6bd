import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";
import { cellSourceText, missingColumnHint, numericColumn, outOfRangeNote, parseNumber, selectRows, tableFromColumns, textColumn } from "./table.js";

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

describe("parseNumber: decimals a double holds", () => {
  it("reads plain and exponent forms, and refuses what is not a decimal", () => {
    expect(["1", " -2.5 ", "+.5", "5.", "1e3", "1E-3", "0e-400", "-0.000e999"].map(parseNumber)).toEqual([1, -2.5, 0.5, 5, 1000, 0.001, 0, -0]);
    expect(["", "NA", "Inf", "NaN", "0x10", "1,000", "1e", "--1"].map(parseNumber)).toEqual(Array(8).fill(undefined));
  });

  it("refuses decimals beyond the range of a double, saying so, and keeps the subnormal ones (the design checks refuse them)", () => {
    // IEEE 754 binary64: the largest finite double is 1.7976931348623157e308, the smallest subnormal 2^-1074 ≈ 4.94e-324, and
    // anything below half of it rounds to 0
    for (const text of ["1e400", "-1.8e308", "1e-400", "-2e-324", "0.0001e-320"]) {
      expect(parseNumber(text), text).toBeUndefined();
      expect(outOfRangeNote(text), text).toMatch(/^ \((beyond the range of a double|closer to 0 than a double can hold)/);
    }
    expect(parseNumber("1.7976931348623157e308")).toBe(Number.MAX_VALUE);
    expect(parseNumber("5e-324")).toBe(Number.MIN_VALUE);
    expect(parseNumber("1e-310")).toBe(1e-310);
    expect(["1e3", "n/a", "0e-400", ""].map(outOfRangeNote)).toEqual(["", "", "", ""]);
  });

  it("makes a column holding one such cell a text column whose first non-number is that cell", () => {
    const t = parseCsv("x\n1\n1e-400\n2\n");
    const x = t.column("x");
    expect(x.kind === "text" && x.firstNonNumeric).toEqual({ row: 1, value: "1e-400" });
  });
});

describe("a column asked for and not found", () => {
  it("is named as the file has it when only spaces around it differ", () => {
    expect(missingColumnHint("x", ["y", " x"])).toBe('the file has " x", with a space before the name: remove it from the header');
    expect(missingColumnHint("x", ["y", "x  "])).toBe('the file has "x  ", with 2 spaces after it: remove it from the header');
    expect(missingColumnHint("x", ["y", " x\t"])).toBe('the file has " x\t", with a space before the name and white space after it: remove them from the header');
    expect(missingColumnHint(" x", ["y", "x"])).toBe('the file has "x", without the spaces around " x": give the name without them');
  });

  it("gets the list of columns otherwise", () => {
    expect(missingColumnHint("z", ["y", " x"])).toBe("available columns: y,  x");
    expect(missingColumnHint(" ", ["", "y"])).toBe("available columns: , y");
  });
});
