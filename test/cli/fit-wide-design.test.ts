import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

/** CSV text from a header and a row-maker. */
const csv = (header: string, rows: number, row: (i: number) => string) => `${header}\n${Array.from({ length: rows }, (_, i) => row(i)).join("\n")}\n`;

describe("trialstat fit refuses a design wider than its data before building it", () => {
  it("a crossing of two factors: L1 × L2 columns (with the intercept) on fewer rows", async () => {
    // g has 10 levels and h 5, each present: y ~ g*h has 1 + 9 + 4 + 9·4 = 10·5 = 50 columns on 30 rows
    const dir = scratch({ "d.csv": csv("y,g,h", 30, (i) => `${i % 7},g${i % 10},h${i % 5}`) });
    const r = await runCli(["fit", "--data", `${dir}/d.csv`, "--formula", "y ~ g*h"]);
    expectCliError(r, 2, "the model's design has 50 columns, more than the 30 rows used, so its coefficients cannot be estimated", "g has 10 levels and is in 2 of the 3 terms");
  });

  it("one row: counted in the singular, the intercept named among the columns", async () => {
    const dir = scratch({ "d.csv": "y,arm,x\n1,0,2\n" });
    const r = await runCli(["fit", "--data", `${dir}/d.csv`, "--formula", "y ~ arm + x"]);
    expectCliError(r, 2, "the model's design has 3 columns, more than the 1 row used, so its coefficients cannot be estimated", "the formula has 2 terms and the intercept, one column each");
  });

  it("says how many rows were left out, and why, when weights of 0 or missing values leave too few", async () => {
    // rows 1-3 and 5 have weight 0, row 6 has no x: 1 row is left of 6, for 2 columns
    const dir = scratch({ "zw.csv": "y,x,w\n1,0,0\n2,1,0\n3,0,0\n4,1,1\n5,0,0\n6,,1\n" });
    const r = await runCli(["fit", "--data", `${dir}/zw.csv`, "--formula", "y ~ x", "--weights", "w"]);
    expectCliError(r, 2, "the model's design has 2 columns, more than the 1 row used (5 of 6 rows were left out: 1 for a missing value (x: 1), 4 because their weight is 0), so its coefficients cannot be estimated", "fit fewer terms");
    const one = scratch({ "zw.csv": "y,x,w\n1,0,0\n2,1,1\n" });
    expectCliError(await runCli(["fit", "--data", `${one}/zw.csv`, "--formula", "y ~ x", "--weights", "w"]), 2, "more than the 1 row used (1 of 2 rows was left out: 1 because its weight is 0)", "fit fewer terms");
    // the two rows of weight 1 both have y = 2: the outcome does not vary among the rows used
    const constant = scratch({ "zw.csv": "y,x,w\n1,0,0\n2,1,1\n3,0,0\n2,0,1\n5,0,0\n" });
    expectCliError(await runCli(["fit", "--data", `${constant}/zw.csv`, "--formula", "y ~ x", "--weights", "w"]), 1, "the outcome y is 2 in every row used (3 of 5 rows were left out: 3 because their weight is 0), so it has no variance", "a weight of 0");
  });

  it("the interaction of six variables with a date factor on the mini trial (it ran for minutes before)", async () => {
    const baseline = repoPath("test/sap/mini/data/baseline.csv");
    const lines = readFileSync(baseline, "utf8").trimEnd().split("\n");
    const header = lines[0].split(",");
    const distinct = (name: string) => new Set(lines.slice(1).map((l) => l.split(",")[header.indexOf(name)])).size;
    // every main effect and interaction of arm, site, gender, group (2 levels each in the file),
    // score0 (numeric) and randomised_on (a factor of dates): Π (1 + columns of each) = 2^5 · (L_date)
    for (const name of ["arm", "site", "gender", "group"]) expect(distinct(name)).toBe(2);
    const columns = 2 ** 5 * distinct("randomised_on");
    const r = await runCli(["fit", "--data", baseline, "--formula", "age ~ arm*site*gender*group*score0*randomised_on", "--se", "HC1"]);
    expectCliError(r, 2, `the model's design has ${columns.toLocaleString("en-GB")} columns, more than the ${lines.length - 1} rows used`, `randomised_on has ${distinct("randomised_on")} levels`);
  });

  it("past 5,000 columns, even with more rows than that", async () => {
    // one factor of 5,001 levels: the intercept and 5,000 contrasts on 6,000 rows
    const dir = scratch({ "d.csv": csv("y,g", 6000, (i) => `${i % 3},g${i % 5001}`) });
    const r = await runCli(["fit", "--data", `${dir}/d.csv`, "--formula", "y ~ g"]);
    expectCliError(r, 2, "the model's design has 5,001 columns, more than the 5,000 a model may have", "g has 5,001 levels");
  });

  it("still fits a model with as many columns as rows allow", async () => {
    // g*h on 60 rows: 50 columns, at most 60. i mod 10 fixes i mod 5, so only 10 of the 50 cells
    // occur and most interaction columns are aliased: reported as not defined, as R's NA, not refused
    const dir = scratch({ "d.csv": csv("y,g,h", 60, (i) => `${(i * 7919) % 13},g${i % 10},h${i % 5}`) });
    const r = await runCli(["fit", "--data", `${dir}/d.csv`, "--formula", "y ~ g*h"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).n).toBe(60);
  });
});
