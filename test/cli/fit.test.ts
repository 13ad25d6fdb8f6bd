import { describe, expect, it } from "vitest";
import { expectCliError, runCli, scratch, ONLY_WARNINGS } from "./run-cli.js";

const example = "examples/fit/trial.csv";

describe("trialstat fit", () => {
  it("prints the documented JSON object", async () => {
    const r = await runCli(["fit", "--data", example, "--formula", "swemwbs12 ~ treat + swemwbs0 + site", "--format", "json"]);
    expect(r.stderr).toMatch(ONLY_WARNINGS);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ["n", "n_dropped", "rank", "df_residual", "family", "se_type", "n_clusters", "r_squared", "coefficients", "vcov", "warnings"]) {
      expect(out).toHaveProperty(key);
    }
    expect(out.se_type).toBe("HC2");
    expect(out.n + out.n_dropped).toBe(240);
    expect(Object.keys(out.coefficients[0])).toEqual(["term", "estimate", "std_error", "statistic", "df", "p_value", "conf_low", "conf_high"]);
    expect(out.vcov.terms).toEqual(out.coefficients.map((c: { term: string }) => c.term));
  });

  it("defaults to CR2 with clusters and is byte-for-byte deterministic", async () => {
    const args = ["fit", "--data", example, "--formula", "swemwbs12 ~ treat + swemwbs0", "--cluster", "clinic", "--weights", "weight"];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.se_type).toBe("CR2");
    expect(out.n_clusters).toBe(12);
  });

  it("prints a readable table and coefficient CSV", async () => {
    const t = await runCli(["fit", "--data", example, "--formula", "employed ~ treat + age", "--family", "binomial", "--marginal-effect", "treat", "--format", "table"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain("Logistic regression");
    expect(t.stdout).toContain("Average marginal effect of treat (1 - 0)");
    const c = await runCli(["fit", "--data", example, "--formula", "swemwbs12 ~ treat", "--se", "CR1", "--cluster", "clinic", "--format", "csv"]);
    expect(c.code).toBe(0);
    const lines = c.stdout.trim().split("\n");
    expect(lines[0].startsWith("term,estimate,std_error,statistic,df,p_value,conf_low,conf_high,se_type,dist,n,n_clusters,test,df_numerator,aliased,outcome,")).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\(Intercept\),[-0-9.e]+,/);
    expect(lines[1]).toContain(",stata,t,238,12");
  });
});

describe("trialstat fit: bad input gives one clear message and the right exit code", () => {
  const dir = scratch({
    "ok.csv": "y,x,g,w,c\n1,2,A,1,k1\n2,3,B,1,k1\n3,5,A,2,k1\n5,4,B,1,k1\n4,7,A,1,k1\n",
    "bad.csv": "y,x\n1,2\n2,3\n3,abc\n5,4\n4,7\n",
    "weights.csv": "y,x,w\n1,2,1\n2,3,-1\n3,5,1\n5,4,1\n",
    "zero.csv": "y,x,w\n1,2,1\n2,3,0\n3,5,1\n5,4,1\n",
    "nomiss.csv": "y,x\n1,NA\n,3\n",
    "sep.csv": "y,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n",
    "zero-col.csv": "y,z\n1,0\n2,0\n3,0\n",
    "tiny.csv": "y,x,z\n1,2,5\n2,3,1\n",
    // a header written with a space after its comma: the second column is " x"
    "spaced.csv": "y, x\n1,2\n2,3\n3,5\n4,4\n",
    // every row with g = a (the reference level) has y = 1; b and c have both outcomes
    "sep-ref.csv": `y,treat,g\n${Array.from({ length: 24 }, (_, i) => `${i % 3 === 0 ? 1 : (i >> 1) % 2},${i % 2},${"abc"[i % 3]}`).join("\n")}\n`,
    // one treated participant (row 2 of the file), and in lone.csv one row in level c of g (line 7)
    "one-treated.csv": `y,treat,x\n${Array.from({ length: 20 }, (_, i) => `${((i * 7) % 11) / 3 + (i === 0 ? 3 : 0)},${i === 0 ? 1 : 0},${((i * 5) % 13) / 4}`).join("\n")}\n`,
    "lone.csv": `y,treat,g\n${Array.from({ length: 20 }, (_, i) => `${((i * 7) % 11) / 3},${i % 2},${i === 5 ? "c" : "ab"[(i >> 1) % 2]}`).join("\n")}\n`,
    // treated rows of level a all have y = 0 (4 rows): a set only treat − treat:gb − treat:gc picks out
    "sep-combo.csv": `y,treat,g\n${Array.from({ length: 48 }, (_, i) => `${i % 2 === 1 && i % 3 === 0 ? 0 : (i >> 2) % 2},${i % 2},${"abc"[i % 3]}`).join("\n")}\n`,
    // y = 1 + 2·treat exactly: constant within each arm (R's summary.lm: "essentially perfect fit")
    // a logit that fits (no separation), with a 0/1 treat, a continuous x and a three-level g
    "logit.csv": `y,treat,x,g\n${Array.from({ length: 24 }, (_, i) => `${(i * 5) % 7 < 3 ? 1 : 0},${i % 2},${((i * 7) % 11) / 4},${"abc"[i % 3]}`).join("\n")}\n`,
    "perfect.csv": `y,treat,w\n${Array.from({ length: 40 }, (_, i) => `${1 + 2 * (i % 2)},${i % 2},${1 + (i % 3)}`).join("\n")}\n`,
    // the same with a wobble of 1e-9: tiny residuals, but real ones (residual variance ~1e-19, far above 1e-30 × 4)
    "nearly.csv": `y,treat\n${Array.from({ length: 40 }, (_, i) => `${1 + 2 * (i % 2) + (i % 4 < 2 ? 1e-9 : -1e-9)},${i % 2}`).join("\n")}\n`,
  });
  const at = (f: string) => `${dir}/${f}`;

  it.each([
    [["--data", "ok.csv", "--formula", "y ~ nope"], 2, 'no column named "nope"', "available columns: y, x, g, w, c"],
    [["--data", "spaced.csv", "--formula", "y ~ x"], 2, 'no column named "x"', 'hint: the file has " x", with a space before the name: remove it from the header'],
    [["--data", "bad.csv", "--formula", "y ~ x"], 2, 'bad.csv:4:x: non-numeric value "abc" in numeric column x', "factor(x)"],
    [["--data", "weights.csv", "--formula", "y ~ x", "--weights", "w"], 2, "weights.csv:3:w: weight is negative", "positive"],
    [["--data", "ok.csv", "--formula", "y ~ x", "--cluster", "c"], 1, "the cluster variable c has only one value (k1)", "at least two clusters"],
    [["--data", "ok.csv", "--formula", "y ~ x +* g"], 2, "formula does not parse", "^"],
    [["--data", "nomiss.csv", "--formula", "y ~ x"], 2, "no rows left: all 2 rows have a missing value", "missing-value codes"],
    [["--data", "zero-col.csv", "--formula", "y ~ 0 + z"], 1, "rank 0", "check the formula"],
    // 1 + x + z is 3 coefficients on 2 rows: refused before fitting, as a formula too big for its data
    [["--data", "tiny.csv", "--formula", "y ~ x + z"], 2, "the model's design has 3 columns, more than the 2 rows used", "fewer terms"],
    [["--data", "sep.csv", "--formula", "y ~ x", "--family", "binomial"], 1, "separation: x predicts the outcome perfectly", "--family gaussian"],
    [["--data", "sep-ref.csv", "--formula", "y ~ treat + g", "--family", "binomial"], 1, "separation: every row at the reference level of g (gb, gc all 0; 8 rows) has outcome 1", "merge the reference level of g"],
    [["--data", "ok.csv", "--formula", "y ~ x", "--se", "HC9"], 2, 'unknown standard-error type "HC9"', "HC2"],
    [["--data", "ok.csv", "--formula", "y ~ x", "--se", "CR2"], 2, "CR2 standard errors need clusters", "name the clusters (--cluster)"],
    [["--data", "ok.csv", "--formula", "y ~ x", "--level", "95"], 2, '--level must lie between 0 and 1, got "95"', "--level 0.9"],
    // 1 + 0.9999999999999999 (= 1 − 2^-53 + …) halves to exactly 1 in double precision: an infinite quantile, a "100%" interval of −∞ to ∞
    [["--data", "ok.csv", "--formula", "y ~ x", "--level", "0.9999999999999999"], 2, '--level is too close to 1: (1 + level)/2 rounds to 1, so the interval\'s quantile would be infinite, got "0.9999999999999999"', "--level 0.999"],
    // 1 + 1e-300 is 1: the quantile of 1/2 is 0, an interval of width 0
    [["--data", "ok.csv", "--formula", "y ~ x", "--level", "1e-300"], 2, "--level is too close to 0", "--level 0.9"],
    [["--data", "missing.csv", "--formula", "y ~ x"], 2, "cannot read", "no such file"],
    // the marginal effect of a variable that is not binary is a usage error, as --ri --arm x is
    [["--data", "logit.csv", "--formula", "y ~ treat + x + g", "--family", "binomial", "--marginal-effect", "x"], 2, "the marginal effect of x needs a 0/1 variable, but it takes the value 1.75", "name a 0/1 variable of the model (--marginal-effect)"],
    [["--data", "logit.csv", "--formula", "y ~ treat + x + g", "--family", "binomial", "--marginal-effect", "g"], 2, "the marginal effect of g needs two categories, but it has 3", "name a 0/1 variable of the model (--marginal-effect)"],
  ])("%j → exit %i", async (args, code, message, hint) => {
    const argv = ["fit", ...args.map((a, i) => (args[i - 1] === "--data" ? at(a) : a))];
    expectCliError(await runCli(argv), code, message, hint);
  });

  it.each([[[]], [["--se", "HC1", "--weights", "w"]]])("warns that an exact fit's standard errors mean nothing, as R's summary.lm does (%j)", async (extra) => {
    const r = await runCli(["fit", "--data", at("perfect.csv"), "--formula", "y ~ treat", "--format", "csv", ...extra]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: the model fits the outcome exactly \(residual variance [0-9.e-]+, rounding error\): the standard errors, tests and intervals are rounding error and mean nothing/);
    // the coefficients are still those of the exact fit y = 1 + 2·treat
    expect(Number(r.stdout.split("\n")[2].split(",")[1])).toBeCloseTo(2, 12);
  });

  it("warns when HC0 or HC1 leave out the variance of an observation of leverage 1, naming what rests on it", async () => {
    for (const se of ["HC0", "HC1"]) {
      const one = await runCli(["fit", "--data", at("one-treated.csv"), "--formula", "y ~ treat + x", "--se", se, "--format", "csv"]);
      expect(one.code).toBe(0);
      expect(one.stderr).toBe(`warning: the observation at ${at("one-treated.csv")}:2 has leverage 1 (it alone determines treat): its residual is 0 by construction, so ${se} standard errors leave its variance out and understate the uncertainty of treat; HC2 and HC3 refuse such a design\n`);
    }
    // a lone row in a covariate's level determines that level's coefficient, not the arm's
    const lone = await runCli(["fit", "--data", at("lone.csv"), "--formula", "y ~ treat + g", "--se", "HC1", "--format", "csv"]);
    expect(lone.stderr).toMatch(/^warning: the observation at \S+lone\.csv:7 has leverage 1 \(it alone determines gc\)/);
    expect((await runCli(["fit", "--data", at("one-treated.csv"), "--formula", "y ~ treat + x", "--se", "classical", "--format", "csv"])).stderr).toBe("");
    expectCliError(await runCli(["fit", "--data", at("one-treated.csv"), "--formula", "y ~ treat + x", "--se", "HC2"]), 1, "has leverage 1", "remove the term that only this observation identifies");
  });

  it("warns when a cluster-robust estimator leaves out the variance of an observation of leverage 1 (CR2's generalised inverse too)", async () => {
    // lone.csv's 20 rows in clusters of two, but for row 6 (line 7), alone in level c of g and in a cluster of its own
    const rows = Array.from({ length: 20 }, (_, i) => `${((i * 7) % 11) / 3},${i % 2},${i === 5 ? "c" : "ab"[(i >> 1) % 2]},${i === 5 ? 99 : i >> 1}`);
    const dir = scratch({ "lone-clustered.csv": `y,treat,g,cl\n${rows.join("\n")}\n` });
    for (const [se, shown] of [["CR0", "CR0"], ["stata", "CR1 (stata)"], ["CR2", "CR2"]]) {
      const r = await runCli(["fit", "--data", `${dir}/lone-clustered.csv`, "--formula", "y ~ treat + g", "--cluster", "cl", "--se", se, "--format", "csv"]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`warning: the observation at ${dir}/lone-clustered.csv:7 has leverage 1 (it alone determines gc): its residual is 0 by construction, so ${shown} standard errors leave its variance out`);
    }
  });

  it("warns of rows a logit fits as completely determined, the mark of quasi-separation by a combination of columns", async () => {
    const r = await runCli(["fit", "--data", at("sep-combo.csv"), "--formula", "y ~ treat + treat:g", "--family", "binomial", "--format", "csv"]);
    expect(r.code).toBe(0);
    // the 8 treated rows of level a (i odd and divisible by 3, i < 48), and nothing else
    expect(r.stderr).toMatch(/^warning: 8 of 48 rows are fitted with probability within 3e-7 of 0 or 1 \(Stata: "completely determined"\)/);
    // ordinary data: no such warning
    const trial = await runCli(["fit", "--data", "examples/fit/trial.csv", "--formula", "employed ~ treat + clinic + age", "--family", "binomial", "--format", "csv"]);
    expect(trial.stderr).not.toContain("completely determined");
  });

  it("reports a fit whose residuals are tiny but real", async () => {
    const r = await runCli(["fit", "--data", at("nearly.csv"), "--formula", "y ~ treat", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    // closed form: the treat coefficient is the difference of the arms' means, 2 exactly (the wobble averages out in each arm)
    expect(Number(r.stdout.split("\n")[2].split(",")[1])).toBeCloseTo(2, 12);
  });

  it("leaves out rows of weight 0 and says so, as lm and Stata do", async () => {
    const r = await runCli(["fit", "--data", at("zero.csv"), "--formula", "y ~ x", "--weights", "w"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.n, out.n_dropped]).toEqual([3, 1]);
    expect(out.warnings).toContain("1 of 4 rows left out because their weight is 0 (as lm and Stata do)");
  });

  it("reports usage errors from the option parser with exit code 2", async () => {
    const r = await runCli(["fit", "--formula", "y ~ x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--data <file>' not specified");
    const u = await runCli(["fit", "--data", at("ok.csv"), "--formula", "y ~ x", "--bogus"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("unknown option '--bogus'");
  });

  it("shows a stack trace only with --debug", async () => {
    const r = await runCli(["--debug", "fit", "--data", at("bad.csv"), "--formula", "y ~ x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at .*\.js:\d+/);
  });
});

// a weight of 10¹² among weights of 1: the weighted fit passes through that row (leverage 1), which
// no term explains, so the hint is about the weight; the median of the weights is 1
describe("a weight that dwarfs the others", () => {
  it("says so when HC2 meets the leverage it gives", async () => {
    const dir = scratch({ "d.csv": "y,treat,x,w\n1.2,0,0.5,1\n2.3,1,1.5,1\n0.7,0,2.1,1\n3.1,1,0.2,1\n1.9,0,1.1,1\n2.8,1,0.9,1\n1.1,0,1.7,1\n2.2,1,0.4,1e12\n" });
    const r = await runCli(["fit", "--data", "d.csv", "--formula", "y ~ treat + x", "--weights", "w", "--se", "HC2"], { cwd: dir });
    expectCliError(r, 1, "the observation at d.csv:9 has leverage 1", "its weight is 1.0e+12 times the median weight, so the weighted fit passes through it: check the weights (or trim them)");
  });
});

describe("a 20 MB cell", () => {
  it("gives a short error line that still says which value and where", async () => {
    const dir = scratch({ "big.csv": `y,x\n1,2\n2,${"9".repeat(10_000_000)}x${"9".repeat(10_000_000)}\n3,1\n` });
    const r = await runCli(["fit", "--data", `${dir}/big.csv`, "--formula", "y ~ x"]);
    expect(r.code).toBe(2);
    const first = r.stderr.split("\n")[0];
    expect(first.length).toBeLessThan(400);
    expect(first).toContain(`big.csv:3:x: non-numeric value "${"9".repeat(40)}…" (20,000,001 characters) in numeric column x`);
  });
});

describe("a column named (Intercept)", () => {
  // y and a column named "(Intercept)", 30 rows (from a tester's file of awkward names)
  const ys = [2.338, -0.844, 0.656, 0.619, 0.231, -0.22, -0.706, 2.338, 0.474, 0.595, 0.217, -0.921, 1.071, 0.122, -0.078, 0.381, -0.044, 0.458, -0.141, 1.001, 0.688, 1.287, 0.588, 0.459, -0.307, -0.463, 1.284, 0.54, -1.512, 0.247];
  const xs = [0.147, 0.656, -0.907, 1.498, -0.305, -1.258, 1.383, -2.326, -0.143, 1.353, -0.205, 0.09, -1.633, 0.581, 0.092, 2.955, -0.016, 1.471, -0.095, 0.702, -1.259, -0.551, -0.497, -0.941, 0.567, 0.773, -0.257, 1.597, 1.849, -0.115];
  const dir = scratch({ "names.csv": `y,(Intercept)\n${ys.map((y, i) => `${y},${xs[i]}`).join("\n")}\n` });

  it("gets R's coefficient name `(Intercept)`, so the intercept and the column are tested apart", async () => {
    const r = await runCli(["fit", "--data", `${dir}/names.csv`, "--formula", "y ~ `(Intercept)`", "--test", "(Intercept) = 0", "--test", "`(Intercept)` = 0", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // R: names(coef(lm_robust(y ~ `(Intercept)`, read.csv(f, check.names = FALSE)))) and its coefficients
    expect(out.coefficients.map((c: { term: string }) => c.term)).toEqual(["(Intercept)", "`(Intercept)`"]);
    expect(out.coefficients[0].estimate).toBeCloseTo(0.3982022796, 9);
    expect(out.coefficients[1].estimate).toBeCloseTo(-0.3050457909, 9);
    // car::linearHypothesis(f, "(Intercept) = 0") F = 7.663759926; the column's, "`(Intercept)` = 0", F = 4.111534048,
    // which is also summary(f)$fstatistic, the test of all slopes (left out before: the slope was taken for the intercept)
    expect(out.tests.map((t: { statistic: number }) => t.statistic)).toEqual([expect.closeTo(7.663759926, 8), expect.closeTo(4.111534048, 8)]);
    expect(out.model.statistic).toBeCloseTo(4.111534048, 8);
  });
});
