import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { type ReportContents, reportContents, reportFiles, runPlan } from "@trialstat/core";
import { CommandContext } from "../../packages/cli/src/context.js";
import { planInput } from "../../packages/cli/src/sap-files.js";
import { runCli } from "../cli/run-cli.js";
import { miniCopy } from "../sap/mini-copy.js";

/**
 * The mini plan with `output: { spreadsheet: true }`: `trialstat run` writes tables.xlsx beside the
 * other outputs, and every table of the report is in it — each number the report shows stored as
 * that number, each suppressed cell `[c]` — read back by exceljs and, where R is installed, by
 * readxl (the oracle test of the layout, with R's reading committed, is spreadsheet-oracle.test.ts).
 */
const folder = miniCopy({ sap: (t) => t.replace(/^output:\n/m, "output:\n  spreadsheet: true\n") });
const sap = join(folder, "sap.yaml");
let contents: ReportContents;
let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  const quiet = { write: () => true };
  const run = runPlan(planInput(new CommandContext({ cwd: folder, stdout: quiet, stderr: quiet }), sap));
  contents = reportContents(run);
  bytes = reportFiles(run)["tables.xlsx"] as Uint8Array;
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
});

/** The workbook's sheet of a table, by the id the Contents sheet lists. */
function sheetOf(id: string): ExcelJS.Worksheet {
  const contentsSheet = wb.getWorksheet("Contents")!;
  for (let r = 4; r <= contentsSheet.rowCount; r++) if (contentsSheet.getCell(r, 4).value === id) return wb.getWorksheet(String(contentsSheet.getCell(r, 1).value))!;
  throw new Error(`no sheet for table ${id}`);
}

const tables = () => contents.sections.flatMap((s) => s.items.flatMap((i) => (i.kind === "table" ? [i.table] : [])));

describe("tables.xlsx of the mini plan", () => {
  it("is written by trialstat run, byte for byte as the library gives it, and twice the same", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "trialstat-xlsx-")), "out");
    const r = await runCli(["run", sap, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("tables.xlsx");
    expect(Buffer.from(readFileSync(join(out, "tables.xlsx"))).equals(Buffer.from(bytes))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, ".trialstat-manifest.json"), "utf8")) as { files: Record<string, string> };
    expect(Object.keys(manifest.files)).toContain("tables.xlsx");
  });

  it("has a cover, contents and notes sheet, then one sheet per report table, in the report's order", () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 3)).toEqual(["Cover_sheet", "Contents", "Notes"]);
    expect(names.length).toBe(3 + tables().length);
    expect(wb.getWorksheet("Cover_sheet")!.getCell("A1").value).toBe("Mini trial");
    const cover = wb.getWorksheet("Cover_sheet")!.getColumn(1).values.slice(1);
    expect(cover).toContain("Deviations from the SAP");
    expect(cover.some((v) => typeof v === "string" && /^baseline: data\/baseline\.csv, 400 rows, sha256 [0-9a-f]{64}$/.test(v))).toBe(true);
    tables().forEach((t, k) => {
      const ws = sheetOf(t.id);
      expect(ws.name).toBe(`Table_${k + 1}`);
      expect(ws.getCell("A1").value, t.id).toBe(t.title);
    });
  });

  it("holds every cell of every table: numbers as the numbers shown, suppressed cells [c], text as shown; no empty cell and no merged cell in a table", () => {
    let numbers = 0;
    let suppressed = 0;
    for (const t of tables()) {
      const ws = sheetOf(t.id);
      expect(ws.model.merges, t.id).toEqual([]);
      const { header, last } = tableRange(ws);
      const offset = t.rows.some((r) => r.kind === "section") ? 1 : 0;
      const body = t.rows.filter((r) => r.kind !== "section");
      expect(last - header, t.id).toBe(Math.max(1, body.length));
      body.forEach((row, i) => {
        t.columns.forEach((_, j) => {
          const cell = row.cells[j];
          const value = ws.getCell(header + 1 + i, j + 1 + offset).value;
          const at = `${t.id} row ${i + 1} column ${j + 1}`;
          expect(value === null || value === "", `${at} is empty`).toBe(false);
          if (cell?.suppressed) {
            expect(value, at).toBe("[c]");
            suppressed++;
          } else if (typeof cell?.value === "number") {
            expect(value, at).toBe(cell.value);
            numbers++;
          } else if (cell && cell.text.trim() !== "") expect(value, at).toBe(cell.text.trim());
        });
      });
    }
    expect(numbers).toBeGreaterThan(500);
    expect(suppressed).toBeGreaterThan(20);
  });

  it("shows numbers as the report does: the results table's earnings mean £2,921 and 4.5% employed, each in its unit's block", () => {
    const t = tables().find((x) => x.id === "results-scr")!;
    const ws = sheetOf(t.id);
    // columns: Unit (the table's unit blocks), Outcome, Mean C, …
    const row = rowOf(ws, "Earnings", 2);
    expect(row.getCell(1).value).toBe("GBP");
    expect(row.getCell(3).value).toBe(2921);
    expect(row.getCell(3).numFmt).toBe("#,##0");
    const employed = rowOf(ws, "Employment", 2);
    expect(employed.getCell(1).value).toBe("ppt");
    expect(employed.getCell(3).value).toBe(4.5);
    expect(employed.getCell(3).numFmt).toBe('0.0"%"');
  });
});

// R with readxl and jsonlite (r-cran-readxl, r-cran-jsonlite): R alone, as installed for other fixtures, cannot read the workbook
const rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].find(
  (p) => existsSync(p) && spawnSync(p, ["-e", "suppressPackageStartupMessages({ library(readxl); library(jsonlite) })"]).status === 0,
);
describe.skipIf(!rscript)("tables.xlsx of the mini plan read by R's readxl (where R and readxl are installed)", () => {
  it("readxl reads each table sheet with the same numbers and [c] cells as the report tables", () => {
    const file = join(mkdtempSync(join(tmpdir(), "trialstat-readxl-")), "tables.xlsx");
    writeFileSync(file, bytes);
    const script = `suppressPackageStartupMessages({ library(readxl); library(jsonlite) })
f <- commandArgs(TRUE)[1]
s <- excel_sheets(f)
out <- lapply(s, function(n) { d <- read_excel(f, sheet = n, col_names = FALSE, col_types = "list", .name_repair = "minimal")
  lapply(seq_len(ncol(d)), function(j) lapply(d[[j]], function(v) if (is.null(v) || (length(v) == 1 && is.na(v))) NULL else v)) })
names(out) <- s
cat(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"))`;
    const r = spawnSync(rscript!, ["-e", script, file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const sheets = JSON.parse(r.stdout) as Record<string, (number | string | null)[][]>;
    for (const t of tables()) {
      const ws = sheetOf(t.id);
      const name = ws.name;
      const columns = sheets[name];
      const offset = t.rows.some((x) => x.kind === "section") ? 1 : 0;
      // readxl's rows from 0, the sheet's from 1: R's row `header` is the first row under the header
      const { header } = tableRange(ws);
      const body = t.rows.filter((x) => x.kind !== "section");
      body.forEach((row, i) =>
        t.columns.forEach((_, j) => {
          const cell = row.cells[j];
          const v = columns[j + offset][header + i];
          if (cell?.suppressed) expect(v, `${name} R${header + 1 + i}C${j + 1 + offset}`).toBe("[c]");
          else if (typeof cell?.value === "number") expect(v, `${name} R${header + 1 + i}C${j + 1 + offset}`).toBe(cell.value);
        }),
      );
    }
  }, 60_000);
});

/** The rows of the sheet's Excel table: its header row and its last row (1-based). */
function tableRange(ws: ExcelJS.Worksheet): { header: number; last: number } {
  const name = Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)[0];
  const ref = (ws.getTable(name) as unknown as { table: { tableRef: string } }).table.tableRef;
  const [, header, last] = /^A(\d+):[A-Z]+(\d+)$/.exec(ref)!.map(Number);
  return { header, last };
}

function rowOf(ws: ExcelJS.Worksheet, label: string, column = 1): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, column).value === label) return ws.getRow(r);
  throw new Error(`no row ${label} in ${ws.name}`);
}
