import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

// The fit's model-level output in every format; the figures themselves are checked against R in
// test/oracle/fit.test.ts (summary(lm_robust), glance, logLik, AIC, car::linearHypothesis).
const d1 = "test/oracle/data/d1.csv";
const d4 = "test/oracle/data/d4.csv";

describe("trialstat fit: what summary(lm_robust), glance and Stata's regress show", () => {
  it("states the outcome, n, reference levels, variance, df rule and level, then R², σ and the robust F in the table", async () => {
    const r = await runCli(["fit", "--data", d1, "--formula", "y ~ treat + x1 + g", "--reference", "g=B", "--format", "table"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Linear regression (least squares) of y");
    expect(r.stdout).toContain("n = 60, rank 5, residual df 55");
    expect(r.stdout).toContain("Standard errors: HC2 robust; t inference, df: residual df (n − k); 95% confidence intervals");
    expect(r.stdout).toContain("Reference levels: g = B");
    expect(r.stdout).toMatch(/R² = 0\.\d{4}, adjusted R² = 0\.\d{4}; residual standard error [0-9.]+ on 55 df/);
    expect(r.stdout).toMatch(/Robust Wald test that all slopes are 0: F = [0-9.]+ on 4 and 55 df, p /);
  });

  it("calls the test of all slopes a Wald test, not a robust one, with classical standard errors", async () => {
    for (const family of ["gaussian", "binomial"]) {
      const r = await runCli(["fit", "--data", d1, "--formula", `${family === "gaussian" ? "y" : "employed"} ~ treat + x1`, "--family", family, "--se", "classical", "--format", "table"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\nWald test that all slopes are 0: /);
      expect(r.stdout).not.toContain("Robust");
    }
  });

  it("gives a logit's log-likelihood, AIC, BIC and deviances, and odds ratios on request", async () => {
    const args = ["fit", "--data", d1, "--formula", "employed ~ treat + x1", "--family", "binomial"];
    const t = await runCli([...args, "--format", "table", "--odds-ratios"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/log-likelihood -?[0-9.]+ \(df 3\), AIC [0-9.]+, BIC [0-9.]+; residual deviance [0-9.]+ on 57 df, null deviance [0-9.]+ on 59 df/);
    expect(t.stdout).toMatch(/odds ratio +OR 95% low +OR 95% high/);
    expect(t.stdout).toMatch(/χ² = [0-9.]+ on 2 df/);
    const j = JSON.parse((await runCli([...args, "--odds-ratios"])).stdout);
    const treat = j.coefficients[1];
    expect(treat.odds_ratio).toBeCloseTo(Math.exp(treat.estimate), 12);
    expect(treat.odds_ratio_low).toBeCloseTo(Math.exp(treat.conf_low), 12);
    expect(j.model.aic).toBeCloseTo(j.model.deviance + 2 * 3, 10);
    expectCliError(await runCli(["fit", "--data", d1, "--formula", "y ~ treat", "--odds-ratios"]), 2, "--odds-ratios is for a logit", "--family binomial");
  });

  it("writes warnings to stderr in every format, and marks an aliased coefficient in CSV", async () => {
    const args = ["fit", "--data", d4, "--formula", "y ~ treat + x1 + x2 + x3"];
    for (const format of ["table", "csv", "json"]) {
      const r = await runCli([...args, "--format", format]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("warning: 1 coefficient not defined because the design matrix is rank deficient (collinear with earlier columns): x3\n");
      expect(r.stdout).not.toContain("warning:");
    }
    const csv = (await runCli([...args, "--format", "csv"])).stdout.trim().split("\n");
    const header = csv[0].split(",");
    const x3 = csv.find((l) => l.startsWith("x3,"))!.split(",");
    expect(x3[header.indexOf("aliased")]).toBe("TRUE");
    expect(x3[header.indexOf("estimate")]).toBe("");
    expect(csv.find((l) => l.startsWith("x1,"))!.split(",")[header.indexOf("aliased")]).toBe("FALSE");
  });

  it("offers broom's names in JSON: tidy rows and a glance model object", async () => {
    const r = await runCli(["fit", "--data", d1, "--formula", "y ~ treat + x1", "--names", "broom"]);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.coefficients[0])).toEqual(["term", "estimate", "std.error", "statistic", "df", "p.value", "conf.low", "conf.high"]);
    for (const key of ["r.squared", "adj.r.squared", "sigma", "statistic", "p.value", "df", "df.residual", "nobs", "se_type"]) expect(j.model).toHaveProperty(key);
    const snake = JSON.parse((await runCli(["fit", "--data", d1, "--formula", "y ~ treat + x1"])).stdout);
    expect(snake.model.adj_r_squared).toBe(j.model["adj.r.squared"]);
    expect(snake.coefficients[1].std_error).toBe(j.coefficients[1]["std.error"]);
  });

  it("tests linear hypotheses from the command line in every format", async () => {
    const args = ["fit", "--data", d1, "--formula", "y ~ treat * g + x1", "--test", "treat = 0, treat:gB = 0", "--test", "gB = gC"];
    const t = await runCli([...args, "--format", "table"]);
    expect(t.stdout).toMatch(/Wald test of treat = 0, treat:gB = 0: F = [0-9.]+ on 2 and 53 df, p /);
    expect(t.stdout).toMatch(/Wald test of gB = gC: F = [0-9.]+ on 1 and 53 df/);
    const j = JSON.parse((await runCli(args)).stdout);
    expect(j.tests.map((x: { hypothesis: string; df1: number }) => [x.hypothesis, x.df1])).toEqual([["treat = 0, treat:gB = 0", 2], ["gB = gC", 1]]);
    const csv = (await runCli([...args, "--format", "csv"])).stdout.trim().split("\n");
    const header = csv[0].split(",");
    const row = csv.find((l) => l.startsWith('"treat = 0, treat:gB = 0"'))!;
    expect(row).toContain(",F,2,");
    expect(header.indexOf("test")).toBeGreaterThan(0);
    expectCliError(await runCli(["fit", "--data", d1, "--formula", "y ~ treat", "--test", "tret = 0"]), 2, "names tret, which is not an estimated coefficient", "coefficients: (Intercept), treat");
  });
});

describe("trialstat fit --test: numbers and variances that cannot support a Wald test", () => {
  const args = ["fit", "--data", d1, "--formula", "y ~ treat * g + x1"];

  it("refuses a number beyond the bounds of model values, with a caret under it in the hypothesis", async () => {
    const far = await runCli([...args, "--test", "treat = 1e400"]);
    expectCliError(far, 2, "in the hypothesis, 1e400 at position 9 is not read as a number (beyond the range of a double, ±1.8e308)", "from 1e-150 to 1e150 in size");
    expect(far.stderr).toContain("\n  treat = 1e400\n          ^\n");
    // 1e200 is a double, but the test squares it with the variance: 1e400 (it was "linearly dependent")
    expectCliError(await runCli([...args, "--test", "1e200*treat = 0"]), 2, "in the hypothesis, 1e200 at position 1 is 1e150 or more in size", "rescale the variable");
    expectCliError(await runCli([...args, "--test", "treat = 0, gB = 1e-400"]), 2, "in the hypothesis, 1e-400 at position 17 is not read as a number (closer to 0 than a double can hold", "rescale the variable");
    expectCliError(await runCli([...args, "--test", "1e-200 treat = 0"]), 2, "in the hypothesis, 1e-200 at position 1 is below 1e-150 in size", "rescale the variable");
  });

  it("still reads numbers within the bounds, as car::linearHypothesis does", async () => {
    // R: linearHypothesis(lm_robust(y ~ treat * g + x1, d1), "2*treat - 0.5*x1 = 0.001", test = "F"): F = 2.57313908153
    // (written 0.001 in R: car splits 1e-3 at its minus sign)
    const j = JSON.parse((await runCli([...args, "--test", "2*treat - 0.5 x1 = 1e-3"])).stdout);
    expect(j.tests[0].statistic).toBeCloseTo(2.57313908153, 9);
  });

  it("refuses a Wald statistic that overflows rather than report F = Inf, p < 0.0001", async () => {
    // y = 1 + 2·treat ± 1e-9: treat's variance is about 1e-19, so (1e149 − 2)² / 1e-19 is beyond a double
    const dir = scratch({ "nearly.csv": `y,treat\n${Array.from({ length: 40 }, (_, i) => `${1 + 2 * (i % 2) + (i % 4 < 2 ? 1e-9 : -1e-9)},${i % 2}`).join("\n")}\n` });
    const r = await runCli(["fit", "--data", `${dir}/nearly.csv`, "--formula", "y ~ treat", "--test", "treat = 1e149"]);
    expectCliError(r, 2, "the Wald statistic overflows double precision", "rescale the variables");
  });

  it("blames the variance, not the hypotheses, when too few clusters cannot support a joint test, and says why the test of all slopes is missing", async () => {
    // d1 in two clusters (ids 1–30 and 31–60), each with both arms: a CR0 variance from G = 2 clusters has
    // rank at most G − 1 = 1 (its scores sum to zero), fewer than 2 restrictions. R:
    // car::linearHypothesis(lm_robust(y ~ treat + x1 + x2, d, clusters = cl, se_type = "CR0"), c("treat = 0", "x2 = 0"))
    // stops: "system is computationally singular"; summary()$fstatistic is 2.15e18 on 3 and 1 df (rounding error)
    const lines = readFileSync(repoPath(d1), "utf8").trimEnd().split("\n");
    const dir = scratch({ "two.csv": [`${lines[0]},"cl"`, ...lines.slice(1).map((l, i) => `${l},${i < 30 ? "a" : "b"}`)].join("\n") });
    const clustered = ["fit", "--data", `${dir}/two.csv`, "--formula", "y ~ treat + x1 + x2", "--cluster", "cl", "--se", "CR0"];
    const joint = await runCli([...clustered, "--test", "treat = 0, x2 = 0"]);
    expectCliError(joint, 1, "the variance cannot support a joint test of 2 restrictions: it gives them rank 1, not 2, as a cluster-robust variance from 2 clusters has rank at most 1", "test at most 1 restriction at a time, or use data with more clusters");
    // each restriction alone is supported
    expect((await runCli([...clustered, "--test", "treat = 0", "--test", "x2 = 0"])).code).toBe(0);
    const fit = await runCli(clustered);
    expect(JSON.parse(fit.stdout).model.statistic).toBeNull();
    expect(fit.stderr).toContain("warning: the Wald test that all slopes are 0 is not shown: the variance cannot support a joint test of 3 restrictions");
    // restrictions that do depend on each other are still the user's mistake
    expectCliError(await runCli([...args, "--test", "treat = 0, 2*treat = 0"]), 2, "the 2 restrictions are linearly dependent", "remove redundant restrictions");
  });
});
