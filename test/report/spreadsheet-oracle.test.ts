import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { gssSpreadsheet } from "@trialstat/core";
import { repoPath } from "../helpers.js";
import { fixtureBook } from "./xlsx/gss-tables.mjs";

/**
 * The spreadsheet writer (gss-spreadsheet.ts, xlsx-workbook.ts) read back by two other programs:
 * R's readxl (its reading of test/report/xlsx/gss-tables.xlsx is recorded in
 * gss-tables.readxl.json by read-back.R; CI has no R) and exceljs (read here). The workbook holds
 * the awkward cases of gss-tables.mjs; the writer must still write exactly the bytes R read, so
 * that R's reading is of what trialstat writes now.
 */
const committed = readFileSync(repoPath("test/report/xlsx/gss-tables.xlsx"));
type RCell = { type: "blank" } | { type: "numeric"; value: number } | { type: "text"; value: string };
const fromR = JSON.parse(readFileSync(repoPath("test/report/xlsx/gss-tables.readxl.json"), "utf8")) as { sheets: string[]; cells: Record<string, RCell[][]> };

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe("the GSS spreadsheet, read back by readxl and exceljs", () => {
  it("is written byte for byte as the workbook R read (else regenerate: see test/report/xlsx/make-fixture.mjs)", () => {
    const bytes = gssSpreadsheet(fixtureBook);
    expect(Buffer.from(bytes).equals(committed), "the writer changed: pnpm run build && node test/report/xlsx/make-fixture.mjs && Rscript test/report/xlsx/read-back.R").toBe(true);
  });

  it("exceljs reads every cell as readxl does: the same sheets, numbers as numbers, text as text", async () => {
    const wb = await workbook(committed);
    expect(wb.worksheets.map((w) => w.name)).toEqual(fromR.sheets);
    for (const name of fromR.sheets) {
      const ws = wb.getWorksheet(name)!;
      const rows = fromR.cells[name];
      expect(ws.rowCount, name).toBe(rows.length);
      rows.forEach((row, i) =>
        row.forEach((r, j) => {
          const v = ws.getCell(i + 1, j + 1).value;
          const at = `${name}!R${i + 1}C${j + 1}`;
          if (r.type === "blank") expect(v, at).toBeNull();
          else expect(v, at).toBe(r.value);
        }),
      );
    }
  });

  it("readxl saw the layout the guidance asks for: cover, contents, notes, one table per sheet from A1, no blank cells in a table", () => {
    expect(fromR.sheets).toEqual(["Cover_sheet", "Contents", "Notes", "Table_1", "Table_2", "Table_3", "Table_4"]);
    const text = (c: RCell | undefined) => (c && c.type !== "blank" ? c.value : null);
    const cells = fromR.cells;
    expect(text(cells.Cover_sheet[0][0])).toBe("Oracle workbook <&>");
    expect(cells.Cover_sheet.flat().map(text)).toContain("[c]: suppressed by statistical disclosure control (a count below the threshold, a figure derived from one, or a count hidden so that totals cannot reveal one)");
    expect(cells.Contents.slice(2).map((r) => r.map(text))).toEqual([
      ["Worksheet", "Table title", "Report section", "Table id"],
      ["Table_1", "Subgroups: everyone", "Results", "subgroups"],
      ["Table_2", "Baseline balance", "Balance", "balance"],
      ["Table_3", "Headline \\x1b[31m & <b>bold</b>", "Awkward text", "text"],
      ["Table_4", "A table without rows", "[z]", "empty"],
    ]);
    // a note under two tables is one note, referred to by both
    expect(cells.Notes.slice(3).map((r) => r.map(text))).toEqual([
      ["note 1", "Sig.: * significant at 90%.", "Table_1"],
      ["note 2", "Shared note: suppressed cells show [c].", "Table_1, Table_2"],
    ]);
    const table = (sheet: string, header: string) => {
      const rows = cells[sheet];
      const at = rows.findIndex((r) => text(r[0]) === header);
      return rows.slice(at).map((r) => r.map((c) => (c.type === "numeric" ? c.value : text(c))));
    };
    expect(text(cells.Table_1[0][0])).toBe("Subgroups: everyone");
    expect(text(cells.Table_1[2][0])).toBe("Notes: [note 1], [note 2] (in the Notes worksheet).");
    // sections become the first column; the blank subgroup repeats the one above; [c] and [z] for suppressed and empty
    expect(table("Table_1", "Outcome")).toEqual([
      ["Outcome", "Subgroup", "Level", "Mean Control", "Effect", "Sig.", "p", "n Control"],
      ["Earnings (GBP)", "gender", "F", 2921.23, 902, "***", "<0.001", 1234],
      ["Earnings (GBP)", "gender", "M", 5, -0.07, "[z]", 0.129, "[c]"],
      ["Wellbeing (sd)", "age band", "18-34", 0.00012, "[z]", "[z]", "NA", 12],
      ["Wellbeing (sd)", "age band", "35+", "[c]", 16.6, "*", 0.5, 1000000],
    ]);
    // an indented section ends at the first row that is not indented; repeated headers made distinct
    expect(table("Table_2", "Variable")).toEqual([
      ["Variable", "Characteristic", "Control SD", "Treated SD", "Control SD (2)"],
      ["[z]", "age, mean (SD)", 41.13, 13.15, 1],
      ["gender, %", "F", 58, "[z]", 2],
      ["gender, %", "M", "[c]", "[z]", 3],
      ["[z]", "score, mean (SD)", 19.88, 4.08, 4],
      ["[z]", "Base", 132, "[z]", 134],
    ]);
    // control characters shown, never written raw; a named blank header; a blank one numbered
    expect(table("Table_3", "Population")).toEqual([
      ["Population", "Effect", "Column 3"],
      ["=cmd|' /C calc'!A0", 'Zoë \\u{202e}李 "quoted"', 3.5],
    ]);
    expect(table("Table_4", "Step")).toEqual([
      ["Step", "Total"],
      ["[z]", "[z]"],
    ]);
  });

  it("exceljs sees each table marked up as an Excel table over its header and rows, the number formats that show numbers as the report does, bold where the report is", async () => {
    const wb = await workbook(committed);
    const t1 = wb.getWorksheet("Table_1")!;
    const model = (t1.getTable("table_1") as unknown as { table: { tableRef: string; columns: { name: string }[] } }).table;
    expect(model.tableRef).toBe("A6:H10");
    expect(model.columns.map((c) => c.name)).toEqual(["Outcome", "Subgroup", "Level", "Mean Control", "Effect", "Sig.", "p", "n Control"]);
    const format = (ref: string) => t1.getCell(ref).numFmt ?? "General";
    expect(format("D7")).toBe("#,##0.00"); // 2,921.23
    expect(format("D8")).toBe('0"%"'); // 5%: the number 5, shown with a percent sign
    expect(format("E7")).toBe('"£"0" ***"');
    expect(format("E8")).toBe("0.00"); // −0.07
    expect(format("D9")).toBe("0.00E+00"); // 1.20e-4
    expect(format("H10")).toBe("#,##0"); // 1,000,000
    expect(t1.getCell("E7").font?.bold).toBe(true);
    expect(t1.getCell("A1").font?.bold).toBe(true);
    for (const ws of wb.worksheets) expect(ws.model.merges, ws.name).toEqual([]);
    expect([wb.title, wb.creator, (wb as unknown as { language: string }).language]).toEqual(["Oracle workbook <&>", "trialstat test", "en-GB"]);
  });

  it("links each worksheet named in Contents to its table (exceljs does not read links within a workbook: the sheet's XML is read)", () => {
    const files = unzipSync(committed);
    const contents = strFromU8(files["xl/worksheets/sheet2.xml"]);
    const links = [...contents.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"/g)].map((m) => [m[1], m[2].replace(/&apos;|'/g, "'")]);
    expect(links).toEqual([
      ["A4", "'Table_1'!A1"],
      ["A5", "'Table_2'!A1"],
      ["A6", "'Table_3'!A1"],
      ["A7", "'Table_4'!A1"],
    ]);
  });
});
