import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

const data = repoPath("examples/fit/trial.csv");

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("trialstat fit --format xlsx", () => {
  it("writes the fit as a GSS workbook: coefficients and their covariance in full precision, shown as the table shows them", async () => {
    const dir = scratch({});
    const args = ["--data", data, "--formula", "swemwbs12 ~ treat + swemwbs0 + site"];
    const r = await runCli(["fit", ...args, "--format", "xlsx", "--out", "fit.xlsx"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("6 coefficients, n = 237, written to fit.xlsx\n");
    const json = JSON.parse((await runCli(["fit", ...args, "--format", "json"])).stdout) as {
      coefficients: { term: string; estimate: number; std_error: number; statistic: number; df: number; p_value: number; conf_low: number; conf_high: number }[];
      vcov: { terms: string[]; matrix: number[][] };
    };
    const wb = await read(join(dir, "fit.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Cover_sheet", "Contents", "Notes", "Table_1", "Table_2"]);
    const coefficients = wb.getWorksheet("Table_1")!;
    expect(coefficients.getCell("A1").value).toBe("Coefficients");
    const top = (coefficients.getColumn(1).values as unknown[]).indexOf("term");
    expect((coefficients.getRow(top).values as unknown[]).slice(1)).toEqual(["term", "estimate", "std.error", "t", "df", "p", "95% low", "95% high"]);
    json.coefficients.forEach((c, i) => {
      const row = coefficients.getRow(top + 1 + i);
      expect([1, 2, 3, 4, 5, 6, 7, 8].map((k) => row.getCell(k).value)).toEqual([c.term, c.estimate, c.std_error, c.statistic, c.df, c.p_value, c.conf_low, c.conf_high]);
    });
    // 4 significant digits on screen, as the terminal table; the p-value of the baseline score is below 0.0001
    const score = coefficients.getRow(top + 1 + json.coefficients.findIndex((c) => c.term === "swemwbs0"));
    expect(score.getCell(6).numFmt).toBe('"<0.0001"');
    expect(coefficients.getRow(top + 1).getCell(2).numFmt).toMatch(/^0\.0+$/);
    const vcov = wb.getWorksheet("Table_2")!;
    const vcovTop = (vcov.getColumn(1).values as unknown[]).indexOf("term");
    json.vcov.matrix.forEach((row, i) => row.forEach((v, j) => expect(vcov.getRow(vcovTop + 1 + i).getCell(2 + j).value).toBe(v)));
    const cover = wb.getWorksheet("Cover_sheet")!.getColumn(1).values;
    expect(cover).toContain("swemwbs12 ~ treat + swemwbs0 + site");
    expect(cover).toContain("3 of 240 rows dropped for missing values (swemwbs12: 2, swemwbs0: 1)");
    expect(r.stderr).toBe("warning: 3 of 240 rows dropped for missing values (swemwbs12: 2, swemwbs0: 1)\n");

    // the same fit, the same bytes
    const again = await runCli(["fit", ...args, "--format", "xlsx", "--out", "again.xlsx"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, "again.xlsx")).equals(readFileSync(join(dir, "fit.xlsx")))).toBe(true);
  });

  it("marks an undefined (collinear) coefficient [x] and explains it", async () => {
    const dir = scratch({ "d.csv": "y,x,z\n1,1,2\n2,2,4\n4,3,6\n3,4,8\n5,5,10\n" });
    const r = await runCli(["fit", "--data", "d.csv", "--formula", "y ~ x + z", "--format", "xlsx", "--out", "c.xlsx"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const sheet = (await read(join(dir, "c.xlsx"))).getWorksheet("Table_1")!;
    const values = sheet.getColumn(1).values as unknown[];
    expect(sheet.getRow(values.indexOf("z")).getCell(2).value).toBe("[x]");
    expect(values.slice(1, 6).join(" ")).toContain("Cells marked [x]: not available");
    const notes = (await read(join(dir, "c.xlsx"))).getWorksheet("Notes")!;
    expect(notes.getColumn(2).values).toContain("Coefficients not defined (collinear with earlier columns, as R's lm gives NA) are [x].");
  });

  it("needs --out, never writes over its data, and writes nothing when it fails", async () => {
    const dir = scratch({});
    expectCliError(await runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ treat", "--format", "xlsx"], { cwd: dir }), 2, "--format xlsx writes a workbook", "--out fit.xlsx");
    expectCliError(await runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ treat", "--format", "xlsx", "--out", data]), 2, "is the --data file", "never replaces a file it reads");
    expectCliError(
      await runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ nosuch", "--format", "xlsx", "--out", "x.xlsx"], { cwd: dir }),
      2,
      "nosuch",
      "",
    );
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("trialstat fit --out with a text format", () => {
  it("writes what standard output would have shown, in json, csv and table, and says where it wrote", async () => {
    const dir = scratch({});
    for (const format of ["json", "csv", "table"]) {
      const args = ["fit", "--data", data, "--formula", "swemwbs12 ~ treat + swemwbs0", "--format", format];
      const shown = await runCli(args);
      const written = await runCli([...args, "--out", `fit.${format}`], { cwd: dir });
      expect(written.code).toBe(0);
      expect(readFileSync(join(dir, `fit.${format}`), "utf8")).toBe(shown.stdout);
      // trial.csv: 240 rows, 237 with both swemwbs12 and swemwbs0 (counted with awk)
      expect(written.stdout).toBe(`3 coefficients, n = 237, written to fit.${format}\n`);
      expect(written.stderr).toBe(shown.stderr);
      expect((await runCli([...args, "--out", `quiet.${format}`, "--quiet"], { cwd: dir })).stdout).toBe("");
    }
  });

  it("refuses an .xlsx name for text, the data file, and a folder, before any work", async () => {
    const dir = scratch({});
    mkdirSync(join(dir, "folder"));
    expectCliError(await runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ treat", "--out", "x.xlsx"], { cwd: dir }), 2, "--out x.xlsx names a workbook, but the output is json text", "add --format xlsx");
    expectCliError(await runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ treat", "--format", "csv", "--out", data]), 2, "is the --data file", "never replaces a file it reads");
    expectCliError(await runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ treat", "--out", "folder"], { cwd: dir }), 2, "--out folder is a folder", "");
    expect(readdirSync(dir).sort()).toEqual(["folder"]);
  });
});
