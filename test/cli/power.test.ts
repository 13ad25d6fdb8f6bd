import { describe, expect, it } from "vitest";
import { expectClose, readJson } from "../helpers.js";
import { expectCliError, runCli } from "./run-cli.js";

// The numbers come from test/oracle/power.R (R's power.t.test, power.prop.test, Bloom's formulas in R).
type Row = Record<string, number | string | boolean | null>;
const oracle = readJson<{
  power_t_test: { input: Row; r: Row; exact: Row }[];
  power_prop_test: { input: Row; r: Row; exact: Row }[];
  mdes: { input: Row; expected: Row }[];
}>("test/oracle/power.json");
const find = <T extends { input: Row }>(cases: T[], want: Row): T => {
  const hit = cases.find((c) => Object.entries(want).every(([k, v]) => (c.input[k] ?? null) === v));
  if (!hit) throw new Error(`no oracle case ${JSON.stringify(want)}`);
  return hit;
};
const twoSample = { type: "two.sample", alternative: "two.sided", strict: false, sd: 1, sig_level: 0.05 };

async function json(args: string[]) {
  const r = await runCli(["power", ...args, "--format", "json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("trialstat power", () => {
  it("--delta 0.2 --sd 1 --power 0.8 solves for n per group, as power.t.test, with R's names in JSON", async () => {
    const out = await json(["--delta", "0.2", "--sd", "1", "--power", "0.8"]);
    const r = find(oracle.power_t_test, { ...twoSample, n: null, delta: 0.2, power: 0.8 });
    expect(Object.keys(out)).toEqual(["method", "n", "delta", "sd", "sig_level", "power", "type", "alternative", "strict", "solved_for", "note"]);
    expect(out.solved_for).toBe("n");
    expectClose(out.n, r.exact.n as number, 1e-9, "n");
    expectClose(out.n, r.r.n as number, 1e-6, "n against R's printed answer");
  });

  it("--n 200 --delta 0.2 gives power; --n 100 --power 0.8 the detectable delta (exact, or R's own with --tol)", async () => {
    const p = find(oracle.power_t_test, { ...twoSample, n: 200, delta: 0.2, power: null });
    expectClose((await json(["--n", "200", "--delta", "0.2"])).power, p.r.power as number, 1e-12, "power");
    const d = find(oracle.power_t_test, { ...twoSample, n: 100, delta: null, power: 0.8 });
    expectClose((await json(["--n", "100", "--power", "0.8"])).delta, d.exact.delta as number, 1e-9, "delta");
    expectClose((await json(["--n", "100", "--power", "0.8", "--tol", String(2 ** -13)])).delta, d.r.delta as number, 1e-10, "delta at R's tol");
  });

  it("--p1 --p2 as power.prop.test; --alternative, --strict and --type pass through", async () => {
    const c = find(oracle.power_prop_test, { n: null, p1: 0.25, p2: 0.55, power: 0.8, alternative: "one.sided", strict: false, sig_level: 0.05 });
    const out = await json(["--p1", "0.25", "--p2", "0.55", "--power", "0.8", "--alternative", "one.sided"]);
    expectClose(out.n, c.exact.n as number, 1e-9, "n");
    const t = find(oracle.power_t_test, { type: "paired", alternative: "two.sided", strict: true, n: 20, delta: null, power: 0.9 });
    expectClose((await json(["--n", "20", "--power", "0.9", "--type", "paired", "--strict"])).delta, t.exact.delta as number, 1e-9, "paired strict delta");
  });

  it("a design flag switches to Bloom's MDES: individual and cluster designs, and the sample size for a target MDES", async () => {
    const ind = find(oracle.mdes, { n: 9785, power: 0.8, treated_share: 0.5, r2: 0.3, response_rate: 0.45, alternative: "two.sided", distribution: "t" });
    const out = await json(["--n-total", "9785", "--power", "0.8", "--r2", "0.3", "--covariates", "5", "--response-rate", "0.45", "--deff", "1.3", "--alpha", String(ind.input.sig_level)]);
    expectClose(out.mdes, ind.expected.mdes as number, 1e-9, "MDES");
    expect(out.design).toBe("individual");
    const cl = find(oracle.mdes, { clusters: 60, cluster_size: 40, icc: 0.05, r2: 0, response_rate: 1, delta: null });
    const args = ["--clusters", "60", "--cluster-size", "40", "--icc", "0.05", "--power", "0.8", "--allocation", String(cl.input.treated_share)];
    if (cl.input.distribution === "normal") args.push("--distribution", "normal");
    if (cl.input.alternative === "one.sided") args.push("--alternative", "one.sided");
    if (cl.input.design_effect !== 1) args.push("--deff", String(cl.input.design_effect));
    expectClose((await json(args)).mdes, cl.expected.mdes as number, 1e-9, "cluster MDES");
    const solveJ = await json(["--cluster-size", "25", "--icc", "0.05", "--delta", "0.25", "--power", "0.8"]);
    expect(solveJ.solved_for).toBe("clusters");
    expect(solveJ.mdes).toBeCloseTo(0.25, 12);
  });

  it("prints the table a protocol needs: one row per combination of listed values, and how to round", async () => {
    const r = await runCli(["power", "--n-total", "600,1200", "--power", "0.8,0.9", "--response-rate", "0.45"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Minimum detectable effect (Bloom), individually randomised two-arm trial, solved for the MDES");
    expect(lines[1]).toContain("response rate 0.45");
    expect(lines[3].trim().split(/\s+/)).toEqual(["n", "n.treated", "n.control", "mdes", "sig.level", "power", "df", "M"]);
    expect(lines.slice(4).filter((l) => l.trim() !== "")).toHaveLength(4);
    const grid = await json(["--n", "100,200", "--delta", "0.3"]);
    expect(grid.map((g: { n: number }) => g.n)).toEqual([100, 200]);
    const one = await runCli(["power", "--delta", "0.2", "--power", "0.8"]);
    expect(one.stdout).toContain("Round n up: 394 in each group.");
  });
});

describe("trialstat power: impossible combinations get one located message", () => {
  it.each([
    [["--delta", "0.2"], "--power: n and power are both missing: only one can be solved for", "give all but one of n, delta, sd, power, sig.level"],
    [["--n", "50", "--delta", "0.2", "--power", "0.8"], "nothing to solve for", "leave out exactly one"],
    [["--delta", "0.5", "--power", "0.04"], "--power: power 0.04 is not above the significance level 0.05", "must exceed α"],
    [["--n", "50", "--icc", "0.05", "--power", "0.8"], "--n: --n is the number in each group", "--clusters and --cluster-size"],
    [["--n", "50", "--r2", "0.3", "--power", "0.8"], "--n: --n is the number in each group", "--n-total"],
    [["--n", "abc", "--delta", "0.2"], '--n: --n must be a number (or a comma-separated list of numbers), got "abc"', "e.g. --n"],
    [["--n", "50", "--delta", "0.2", "--alpha", "0.05", "--sig-level", "0.01"], "--alpha and --sig-level are both given", "give one"],
    [["--p1", "0.3", "--delta", "0.1", "--power", "0.8"], "--delta: --delta is not an argument of power.prop.test", "--p1 and --p2"],
    [["--n-total", "500", "--type", "paired", "--power", "0.8"], "--type is an option of power.t.test", "two-arm"],
    [["--clusters", "10", "--icc", "0.2", "--delta", "0.2", "--power", "0.8"], "--cluster-size: no cluster size reaches an MDES of 0.2 with 10 clusters", "add clusters"],
    [["--n", "10", "--p1", "0.5", "--power", "0.99"], "--p2: no p2 in [0.5, 1] gives the requested power", "increase n"],
    [["--n-total", "500", "--power", "0.8", "--response-rate", "1.5"], "--response-rate: response rate must be above 0 and at most 1", "0.45"],
    [["--n-total", "500", "--power", "0.8", "--allocation", "3:0"], "--allocation: --allocation ratio must have two positive parts", "2:1"],
    [["--n-total", "100", "--power", "0.8", "--covariates", "0.8"], "--covariates: covariates must be a whole number of at least 0, got 0.8", "e.g. 3"],
    [["--n", "10", "--delta", "1", "--alpha", "abc"], '--alpha: --alpha must be a number (or a comma-separated list of numbers), got "abc"', "e.g. --alpha 0.05"],
    [["--n", "10", "--delta", "1", "--alpha", "2"], "--alpha: sig.level must be a number between 0 and 1", "0.05"],
    // 1000 × (1 − 0.999999) = 0.001 people in control: no such trial, on either multiplier
    [["--n-total", "1000", "--power", "0.8", "--allocation", "0.999999"], "--allocation: a treated share of 0.999999 leaves 0.001 people of 1000 in the control arm", "share nearer 0.5"],
    [["--n-total", "1000", "--power", "0.8", "--allocation", "0.999999", "--distribution", "normal"], "in the control arm: each arm needs at least 1 person", "e.g. 0.5"],
    // 3 clusters × 0.1 = 0.3 of a cluster treated
    [["--clusters", "3", "--cluster-size", "10", "--icc", "0.1", "--power", "0.8", "--allocation", "0.1", "--distribution", "normal"], "leaves 0.3 clusters of 3 in the treatment arm", "more clusters"],
    [["--n-total", "1000.5", "--power", "0.8", "--distribution", "normal"], "--n-total: --n-total must be a whole number (or a comma-separated list of them), got 1000.5", "e.g. --n-total 1000"],
    [["--clusters", "40.5", "--cluster-size", "25", "--icc", "0.05", "--power", "0.8"], "--clusters: --clusters must be a whole number", "e.g. --clusters 40"],
    // Bloom's flags that take one value: a list was cut to its first value without a word
    [["--n-total", "1000", "--power", "0.8", "--covariates", "2,3"], '--covariates: takes one number, not a list: got "2,3"', "run trialstat power once for each value"],
    [["--clusters", "40", "--cluster-size", "25", "--icc", "0.05", "--power", "0.8", "--r2-cluster", "0.1,0.2"], '--r2-cluster: takes one number, not a list: got "0.1,0.2"', "e.g. --r2-cluster 0.3"],
    [["--n-total", "1000", "--power", "0.8", "--deff", "1.1,1.2"], '--deff: takes one number, not a list: got "1.1,1.2"', "e.g. --deff 1.2"],
  ])("%j", async (args, message, hint) => {
    expectCliError(await runCli(["power", ...args]), 2, message, hint);
  });
});

describe("trialstat power: each numeric flag's hint gives a value that flag accepts", () => {
  // the rest of a command that the flag completes, so that the hint's example can be tried
  const rest: Record<string, string[]> = {
    "--n": ["--delta", "0.2"],
    "--delta": ["--n", "100"],
    "--sd": ["--n", "100", "--delta", "0.2"],
    "--power": ["--n", "100"],
    "--sig-level": ["--n", "100", "--delta", "0.2"],
    "--alpha": ["--n", "100", "--delta", "0.2"],
    "--p1": ["--p2", "0.5", "--n", "100"],
    "--p2": ["--p1", "0.5", "--n", "100"],
    "--tol": ["--delta", "0.2", "--power", "0.8"],
    "--n-total": ["--power", "0.8"],
    "--clusters": ["--cluster-size", "25", "--icc", "0.05", "--power", "0.8"],
    "--cluster-size": ["--clusters", "40", "--icc", "0.05", "--power", "0.8"],
    "--icc": ["--clusters", "40", "--cluster-size", "25", "--power", "0.8"],
    "--r2": ["--n-total", "1000", "--power", "0.8"],
    "--r2-cluster": ["--clusters", "40", "--cluster-size", "25", "--icc", "0.05", "--power", "0.8"],
    "--covariates": ["--n-total", "1000", "--power", "0.8"],
    "--response-rate": ["--n-total", "1000", "--power", "0.8"],
    "--deff": ["--n-total", "1000", "--power", "0.8"],
  };
  it.each(Object.keys(rest))("%s", async (flag) => {
    const bad = await runCli(["power", ...rest[flag], flag, "abc"]);
    expect(bad.code).toBe(2);
    const example = new RegExp(`hint: e\\.g\\. ${flag} (\\S+)`).exec(bad.stderr);
    expect(example, bad.stderr).not.toBeNull();
    const good = await runCli(["power", ...rest[flag], flag, example![1]]);
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
  });
});

describe("trialstat power: arms in whole people", () => {
  it("1000 split 2:1 prints 667 and 333 (666.67 and 333.33 rounded to add up to 1000), and says the MDES uses the split unrounded", async () => {
    const r = await runCli(["power", "--n-total", "1000", "--power", "0.8", "--allocation", "2:1"]);
    expect(r.code).toBe(0);
    const row = r.stdout.split("\n")[4].trim().split(/\s+/);
    expect(row.slice(0, 3)).toEqual(["1000", "667", "333"]);
    expect(r.stdout).toContain("(the MDES uses the split unrounded)");
    // the MDES is the unrounded split's: M·√(1/(P(1 − P)n)) with P = 2/3, M on 998 df
    const out = await json(["--n-total", "1000", "--power", "0.8", "--allocation", "2:1"]);
    expect(out.n_treated).toBeCloseTo(2000 / 3, 9);
    expectClose(out.mdes, out.multiplier * Math.sqrt(1 / ((2 / 9) * 1000)), 1e-12, "mdes");
    const even = await runCli(["power", "--n-total", "1000", "--power", "0.8"]);
    expect(even.stdout).not.toContain("unrounded");
  });
});
