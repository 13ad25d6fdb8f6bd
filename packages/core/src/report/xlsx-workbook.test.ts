import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { columnLetters, xlsxWorkbook } from "./xlsx-workbook.js";

const book = (sheets: Parameters<typeof xlsxWorkbook>[0]["sheets"]) => ({ title: "t", creator: "trialstat test", sheets });

describe("xlsxWorkbook", () => {
  it("names columns as Excel does", () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
  });

  it("gives the same bytes for the same sheets, and a zip whose parts are the workbook's", () => {
    const sheets = [{ name: "Table_1", rows: [[{ value: "x" }, { value: "y" }], [{ value: 1.5, numberFormat: "0.0" }, { value: "a & b" }]], table: { name: "table_1", headerRow: 0 } }];
    const a = xlsxWorkbook(book(sheets));
    const b = xlsxWorkbook(book(sheets));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const parts = unzipSync(a);
    expect(Object.keys(parts)[0]).toBe("[Content_Types].xml");
    expect(Object.keys(parts).sort()).toEqual(
      ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/tables/table1.xml", "xl/styles.xml", "xl/sharedStrings.xml"].sort(),
    );
    expect(strFromU8(parts["xl/tables/table1.xml"])).toContain('ref="A1:B2"');
    expect(strFromU8(parts["xl/sharedStrings.xml"])).toContain("<t>a &amp; b</t>");
    expect(strFromU8(parts["xl/styles.xml"])).toContain('<numFmt numFmtId="164" formatCode="0.0"/>');
  });

  it("keeps spaces at the ends of text, and makes control characters visible (XML 1.0 cannot hold them)", () => {
    const parts = unzipSync(xlsxWorkbook(book([{ name: "S", rows: [[{ value: "  F" }, { value: "a\u0007b" }]] }])));
    const strings = strFromU8(parts["xl/sharedStrings.xml"]);
    expect(strings).toContain('<t xml:space="preserve">  F</t>');
    expect(strings).toContain("<t>a\\x07b</t>");
  });

  it("refuses what Excel would refuse to open: bad or repeated sheet names, an invalid table name, a table header that is not distinct text", () => {
    expect(() => xlsxWorkbook(book([{ name: "a/b", rows: [] }]))).toThrow(/not a valid sheet name/);
    expect(() => xlsxWorkbook(book([{ name: "x".repeat(32), rows: [] }]))).toThrow(/not a valid sheet name/);
    expect(() => xlsxWorkbook(book([{ name: "A", rows: [] }, { name: "a", rows: [] }]))).toThrow(/two sheets/);
    const table = (name: string, header: (string | number)[]) => [{ name: "S", rows: [header.map((value) => ({ value })), [{ value: 1 }, { value: 2 }]], table: { name, headerRow: 0 } }];
    expect(() => xlsxWorkbook(book(table("TBL1", ["a", "b"])))).toThrow(/not a valid table name/); // a cell reference
    expect(() => xlsxWorkbook(book(table("t", ["a", "A"])))).toThrow(/distinct/);
    expect(() => xlsxWorkbook(book(table("t", ["a", 2])))).toThrow(/distinct/);
  });
});
