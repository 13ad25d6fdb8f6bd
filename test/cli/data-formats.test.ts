import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

/**
 * fit, weights and score read Stata, SPSS, Parquet, Arrow, Excel and gzip-compressed CSV as they
 * read CSV: the fixtures are the example data written by other tools (test/readers/make-fixtures.*),
 * so the same output is expected byte for byte, and a bad file is one located error line, exit 2.
 */
const fixtures = "test/readers/fixtures";

describe("--data in every format", () => {
  it("fit gives the same output from the example trial as .csv, .csv.gz, .dta, .sav, .parquet, .arrow and .xlsx", async () => {
    const args = ["--formula", "swemwbs12 ~ treat + swemwbs0 + site", "--cluster", "clinic", "--weights", "weight", "--format", "json"];
    const csv = await runCli(["fit", "--data", "examples/fit/trial.csv", ...args]);
    expect(csv.code).toBe(0);
    for (const file of ["trial.csv.gz", "trial.dta", "trial.sav", "trial.parquet", "trial.arrow", "trial.xlsx"]) {
      const r = await runCli(["fit", "--data", `${fixtures}/${file}`, ...args]);
      expect(r.stderr, file).toBe(csv.stderr);
      expect(r.stdout, file).toBe(csv.stdout);
    }
    const sheet = await runCli(["fit", "--data", `${fixtures}/trial.xlsx`, "--sheet", "trial", ...args]);
    expect(sheet.stdout).toBe(csv.stdout);
  });

  it("weights gives the same diagnostics from a Stata file as from the CSV", async () => {
    const common = ["--response", "responded12", "--eligible", "eligible12", "--within", "group,arm", "--missing-covariates", "indicator", "--covariates", "age,female,health"];
    const dir = scratch({});
    const csv = await runCli(["weights", "--data", "examples/weights/survey12.csv", ...common, "--out", join(dir, "a.csv")]);
    const dta = await runCli(["weights", "--data", `${fixtures}/survey12.dta`, ...common, "--out", join(dir, "b.csv")]);
    expect(dta.stderr).toBe("");
    expect(dta.code).toBe(0);
    expect(dta.stdout.replaceAll("survey12.dta", "survey12.csv").replaceAll(`${fixtures}/`, "examples/weights/")).toBe(csv.stdout);
    const weightsOf = (f: string) => readFileSync(join(dir, f), "utf8").trimEnd().split("\n").map((l) => l.slice(l.lastIndexOf(",") + 1));
    expect(weightsOf("b.csv")).toEqual(weightsOf("a.csv"));
  });

  it("score treats SPSS user-missing values (-9) as missing items, like blanks in a CSV", async () => {
    const phq = (n: number) => Array.from({ length: n }, (_, j) => `phq9_${j + 1}`).join(",");
    const dir = scratch({ "phq.csv": `id,${phq(9)}\n007,0,1,2,3,0,1,2,3,0\n008,3,3,3,3,3,3,3,,\n009,1,,,1,1,1,1,1,1\n` });
    const csv = await runCli(["score", "--instrument", "phq9", "--data", join(dir, "phq.csv")]);
    const sav = await runCli(["score", "--instrument", "phq9", "--data", `${fixtures}/phq.sav`]);
    expect(sav.stderr.replaceAll(`${fixtures}/phq.sav`, join(dir, "phq.csv"))).toBe(csv.stderr);
    expect(sav.code).toBe(csv.code);
    expect(sav.stdout).toBe(csv.stdout);
  });
});

describe("--data errors: one located line with a hint, exit 2", () => {
  const dir = scratch({});
  const cut = (name: string, keep: number) => {
    const bytes = readFileSync(repoPath(`${fixtures}/${name}`));
    const path = join(dir, name);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * keep)));
    return path;
  };
  const fit = (data: string, ...more: string[]) => runCli(["fit", "--data", data, "--formula", "swemwbs12 ~ treat", ...more]);

  it("a truncated Stata file", async () => {
    expectCliError(await fit(cut("trial.dta", 0.6)), 2, "trial.dta: not a readable Stata .dta file: it is truncated", "re-export it");
  });

  it("a truncated SPSS, Parquet, Arrow, Excel or gzip file", async () => {
    for (const name of ["trial.sav", "trial.parquet", "trial.arrow", "trial.xlsx", "trial.csv.gz"]) {
      const r = await fit(cut(name, 0.5));
      expectCliError(r, 2, name, "hint");
      expect(r.stderr.trimEnd().split("\n").length, name).toBeLessThanOrEqual(2);
    }
  });

  it("a gzip file cut short is truncated, not 'no gzip file', however few bytes are left after its signature", async () => {
    // 1f 8b 08 00: the signature and method of RFC 1952, then nothing (a gzip file has at least 18 bytes)
    writeFileSync(join(dir, "t4.csv.gz"), Uint8Array.of(0x1f, 0x8b, 0x08, 0x00));
    expectCliError(await fit(join(dir, "t4.csv.gz")), 2, "t4.csv.gz: not a readable gzip file: it is truncated (4 bytes", "completely written and copied");
    // 20 bytes: header and the start of the deflate stream (fflate's own words were "unexpected EOF")
    writeFileSync(join(dir, "t20.csv.gz"), readFileSync(repoPath(`${fixtures}/trial.csv.gz`)).subarray(0, 20));
    expectCliError(await fit(join(dir, "t20.csv.gz")), 2, "t20.csv.gz: not a readable gzip file: it is truncated (the compressed stream ends early)", "completely written and copied");
    writeFileSync(join(dir, "text.csv.gz"), "y,x\n1,2\n3,4\n5,6\n7,8\n");
    expectCliError(await fit(join(dir, "text.csv.gz")), 2, "text.csv.gz: not a readable gzip file: it does not start with the gzip signature", "compress it with gzip");
  });

  it("an unsupported Stata format version", async () => {
    const bytes = readFileSync(repoPath(`${fixtures}/trial.dta`));
    bytes.set(Buffer.from("121"), "<stata_dta><header><release>".length);
    writeFileSync(join(dir, "new.dta"), bytes);
    expectCliError(await fit(join(dir, "new.dta")), 2, "new.dta: a Stata file of format 121, which trialstat does not read", "formats 117, 118 and 119");
  });

  it("an unknown sheet", async () => {
    expectCliError(await fit(`${fixtures}/trial.xlsx`, "--sheet", "Baseline"), 2, 'trial.xlsx: no sheet named "Baseline"', "its sheets: trial");
  });

  it("--sheet for a file that is not a spreadsheet", async () => {
    expectCliError(await fit("examples/fit/trial.csv", "--sheet", "x"), 2, "is not a spreadsheet", "--sheet applies to .xlsx files only");
  });

  it("a Parquet codec trialstat cannot read", async () => {
    expectCliError(await runCli(["fit", "--data", `${fixtures}/duckdb-zstd.parquet`, "--formula", "earnings ~ arm"]), 2, "uses a compression trialstat cannot read (ZSTD)", "snappy, gzip or no compression");
  });
});
