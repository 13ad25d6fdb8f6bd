import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { runCli } from "../cli/run-cli.js";
import { miniCopy } from "../sap/mini-copy.js";

/**
 * A SAP whose sources are Stata, SPSS, Parquet, Excel and Arrow files (the mini trial's CSV
 * extracts written by haven, DuckDB, exceljs and apache-arrow: make-fixtures.*) runs exactly as
 * the same plan over the CSV extracts: declared types, missing codes and checks apply alike.
 */
const formats: Record<string, string> = {
  "data/baseline.csv": "baseline.dta",
  "data/survey12.csv": "survey12.sav",
  "data/hmrc.csv": "hmrc.parquet",
  "data/profile.csv": "profile.xlsx",
  "data/withdrawals.csv": "withdrawals.arrow",
};

function formatsCopy(editSap: (text: string) => string = (t) => t): string {
  const dir = miniCopy({
    sap: (text) => {
      let out = text;
      for (const [csv, other] of Object.entries(formats)) out = out.replace(`file: ${csv}`, `file: data/${other}`);
      return editSap(out.replace("file: data/profile.xlsx", "file: data/profile.xlsx\n    sheet: profile"));
    },
  });
  for (const other of Object.values(formats)) copyFileSync(repoPath(`test/readers/fixtures/mini/${other}`), join(dir, "data", other));
  return dir;
}

/** results.json without what names or hashes the input files. */
function results(dir: string): unknown {
  const r = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
  r.inputs = r.inputs.map((i: { source: string; rows: number }) => ({ source: i.source, rows: i.rows }));
  return JSON.parse(JSON.stringify(r).replace(/"[0-9a-f]{64}"/g, '"<hash>"').replace(/data\/[a-z0-9]+\.(csv|dta|sav|parquet|xlsx|arrow)/g, "<file>"));
}

describe("SAP sources in other formats", () => {
  it("a plan over .dta, .sav, .parquet, .xlsx and .arrow sources gives the CSV plan's results and flow", async () => {
    const csv = miniCopy();
    const other = formatsCopy();
    const a = await runCli(["run", `${csv}/sap.yaml`, "--out", `${csv}/out`]);
    const b = await runCli(["run", `${other}/sap.yaml`, "--out", `${other}/out`]);
    expect(a.code).toBe(0);
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    expect(results(other)).toEqual(results(csv));
    const flow = (dir: string) => readFileSync(join(dir, "out", "flow.json"), "utf8").replace(/data\/[a-z0-9]+\.(csv|dta|sav|parquet|xlsx|arrow)/g, "<file>");
    expect(flow(other)).toBe(flow(csv));
  });

  it("declared checks name the file and the row of a Stata source", async () => {
    const dir = formatsCopy((t) => t.replace("age: { type: number, missing: [-9] }", "age: { type: number, missing: [-9], max: 60 }"));
    const r = await runCli(["validate", `${dir}/sap.yaml`]);
    expect(r.code).toBe(2);
    // row 1 of baseline.dta has age 55; the first over 60 is the CSV's line 3, the file's observation 2
    expect(r.stderr).toMatch(/data\/baseline\.dta:2:age: 64 is outside the declared range -∞ to 60/);
  });

  it("an unknown sheet is reported against the SAP's source", async () => {
    const dir = formatsCopy((t) => t.replace("sheet: profile", "sheet: Profile"));
    const r = await runCli(["validate", `${dir}/sap.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no sheet named "Profile"');
    expect(r.stderr).toContain("its sheets: profile");
  });

  it("a truncated Parquet source is one problem naming the file", async () => {
    const dir = formatsCopy();
    const path = join(dir, "data", "hmrc.parquet");
    writeFileSync(path, readFileSync(path).subarray(0, 3000));
    const r = await runCli(["validate", `${dir}/sap.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("data/hmrc.parquet");
    expect(r.stderr).toContain("not a readable Parquet file");
    expect(r.stderr).not.toMatch(/\n\s+at .*\.[jt]s:\d+/);
  });
});
