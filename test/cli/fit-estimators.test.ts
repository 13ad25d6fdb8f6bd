import { describe, expect, it } from "vitest";
import { readJson } from "../helpers.js";
import { expectCliError, runCli, ONLY_WARNINGS } from "./run-cli.js";

// Lin's adjustment and two-stage least squares through `trialstat fit`. The numbers are checked
// against estimatr in test/oracle/iv.test.ts (including these two README examples); here, that the
// CLI carries them and says what it fitted, in every format.
const data = "examples/fit/engagement.csv";
const ivArgs = ["fit", "--data", data, "--formula", "swemwbs12 ~ engaged + swemwbs0 | treat + swemwbs0", "--cluster", "clinic", "--weights", "weight"];
const linArgs = ["fit", "--data", data, "--formula", "swemwbs12 ~ treat", "--lin-covariates", "~ swemwbs0 + age + site"];

interface Case {
  name: string;
  expected: { coefficients: { term: string; estimate: number; std_error: number }[]; first_stage?: { statistic: number; df1: number; df2: number }[] };
}
const oracle = readJson<{ iv: Case[]; lin: Case[] }>("test/oracle/iv.json");
const readme = (kind: "iv" | "lin") => oracle[kind].find((c) => c.name === "README example")!.expected;

describe("trialstat fit: two-stage least squares", () => {
  it("prints the estimates, the first-stage F and the diagnostics as JSON, byte-for-byte the same each run", async () => {
    const a = await runCli([...ivArgs, "--format", "json"]);
    const b = await runCli([...ivArgs, "--format", "json"]);
    expect(a.stderr).toMatch(ONLY_WARNINGS);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.estimator).toBe("two_stage_least_squares");
    expect(out.se_type).toBe("CR2");
    const ref = readme("iv");
    expect(out.coefficients.map((c: { term: string }) => c.term)).toEqual(ref.coefficients.map((c) => c.term));
    expect(out.coefficients[1].estimate).toBeCloseTo(ref.coefficients[1].estimate, 8);
    expect(out.coefficients[1].std_error).toBeCloseTo(ref.coefficients[1].std_error, 6);
    expect(out.instrumental.endogenous).toEqual(["engaged"]);
    expect(out.instrumental.instruments).toEqual(["treat"]);
    expect(out.instrumental.first_stage[0]).toMatchObject({ regressor: "engaged", df1: ref.first_stage![0].df1, df2: ref.first_stage![0].df2 });
    expect(out.instrumental.first_stage[0].statistic).toBeCloseTo(ref.first_stage![0].statistic, 6);
    expect(Object.keys(out.instrumental)).toEqual(["endogenous", "instruments", "first_stage", "wu_hausman", "overidentification"]);
  });

  it("states the estimator and the first stage in the table, and gives coefficient CSV", async () => {
    const t = await runCli([...ivArgs, "--format", "table"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Two-stage least squares (instrumental variables) of ");
    expect(t.stdout).toContain("Standard errors: CR2 cluster-robust");
    expect(t.stdout).toMatch(/First stage: engaged on treat, F = 103\.6 on 1 and 11 df, p <0\.0001/);
    expect(t.stdout).toContain("Wu–Hausman test of endogeneity: F = 3.548 on 1 and 11 df");
    const c = await runCli([...ivArgs, "--format", "csv", "--se", "stata"]);
    expect(c.code).toBe(0);
    const lines = c.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^engaged,[-0-9.e]+,.*,stata,t,237,12,/);
  });

  it("warns of a weak first stage (F < 10)", async () => {
    const r = await runCli(["fit", "--data", "test/oracle/data/iv2.csv", "--formula", "y ~ takeup + x1 | treat + x1", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.instrumental.first_stage[0].statistic).toBeLessThan(10);
    expect(out.warnings.join("\n")).toMatch(/weak instrument: the first-stage F statistic for takeup is 1\.80, below 10 \(Staiger & Stock 1997\)/);
  });
});

describe("trialstat fit: Lin's adjustment", () => {
  it("prints estimatr's terms and the centres", async () => {
    const r = await runCli([...linArgs, "--format", "json"]);
    expect(r.stderr).toMatch(ONLY_WARNINGS);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.estimator).toBe("lin");
    expect(out.se_type).toBe("HC2");
    const ref = readme("lin");
    expect(out.coefficients.map((c: { term: string }) => c.term)).toEqual(ref.coefficients.map((c) => c.term));
    expect(out.coefficients[1].estimate).toBeCloseTo(ref.coefficients[1].estimate, 8);
    expect(out.lin.centres.map((c: { term: string }) => c.term)).toEqual(["swemwbs0", "age", "siteNorth", "siteSouth", "siteWest"]);
    expect(out.lin.weighted).toBe(false);
    const t = await runCli([...linArgs, "--format", "table", "--weights", "weight"]);
    expect(t.stdout).toContain("Lin (2013) regression: treatment interacted with mean-centred covariates of ");
    expect(t.stdout).toContain("Standard errors: HC2 robust");
    expect(t.stdout).toContain("treat:swemwbs0_c");
    expect(t.stdout).toContain("Covariates centred at their weighted means: swemwbs0 ");
  });
});

describe("trialstat fit: Lin and instrumental-variables input errors", () => {
  it.each([
    [["--formula", "swemwbs12 ~ treat + age", "--lin-covariates", "~ swemwbs0"], 2, "Lin's adjustment takes the treatment alone", "~ age"],
    [["--formula", "swemwbs12 ~ treat", "--lin-covariates", "~ swemwbs0 | age"], 2, '"|" (which separates regressors from instruments) is not accepted', "remove it"],
    [["--formula", "swemwbs12 ~ engaged | treat | age"], 2, 'formula does not parse: more than one "|" at position 29', "^"],
    [["--formula", "swemwbs12 ~ (engaged | treat)"], 2, '"|" inside parentheses', "y ~ takeup + x | treat + x"],
    [["--formula", "employed ~ engaged | treat", "--family", "binomial"], 2, "two-stage least squares is a linear model and cannot be fitted as a logit", "--family gaussian"],
    [["--formula", "swemwbs12 ~ engaged | treat", "--lin-covariates", "~ age"], 2, "cannot be combined", '"|"'],
    [["--formula", "swemwbs12 ~ engaged + age | treat"], 2, "not identified: 2 endogenous regressors (engaged, age) but 1 excluded instrument (treat)", "at least one instrument per endogenous regressor"],
  ])("%j → exit %i", async (args, code, message, hint) => {
    expectCliError(await runCli(["fit", "--data", data, ...args]), code, message, hint);
  });
});
