import { describe, expect, it } from "vitest";
import { main } from "../../packages/cli/src/main.js";
import { readJson, repoPath } from "../helpers.js";
import type { RiInputCase } from "../oracle/ri-cases.mjs";
import { expectCliError, runCli, scratch, ONLY_WARNINGS } from "./run-cli.js";

const example = "examples/fit/trial.csv";

// Small trials from the randomisation-inference oracle (test/oracle/ri.R refits every assignment with lm.fit)
const inputs = readJson<RiInputCase[]>("test/oracle/data/ri-input.json");
const oracle = readJson<{ cases: { name: string; p_two_sided: number; p_upper: number; p_lower: number; conf_low: number; conf_high: number; assignments: number }[] }>("test/oracle/ri.json").cases;
const csvOf = (c: RiInputCase) =>
  [
    `y,treat,${c.x[0].map((_, j) => `x${j + 1}`).join(",")},w,cluster,block,stratum`,
    ...c.y.map((y, i) => [y, c.arm[i], ...c.x[i], c.w ? c.w[i] : 1, c.unit ? `k${c.unit[i]}` : i, c.block ? `b${c.block[i]}` : "", c.stratum ? `s${c.stratum[i]}` : ""].join(",")),
  ].join("\n");
const dir = scratch(Object.fromEntries(inputs.map((c) => [`${c.name}.csv`, `${csvOf(c)}\n`])));
const formulaOf = (c: RiInputCase) => `y ~ treat + ${c.x[0].map((_, j) => `x${j + 1}`).join(" + ")}`;

describe("trialstat fit --ri", () => {
  it("adds randomisation_inference to the JSON, the same bytes for the same seed", async () => {
    const args = ["fit", "--data", example, "--formula", "swemwbs12 ~ treat + swemwbs0 + site", "--ri", "1500", "--seed", "7", "--strata", "site"];
    const a = await runCli(args);
    expect(a.stderr).toMatch(ONLY_WARNINGS);
    expect(a.code).toBe(0);
    expect((await runCli(args)).stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout);
    const ri = out.randomisation_inference;
    expect(Object.keys(ri)).toEqual([
      "term",
      "estimate",
      "ri_p_value",
      "ri_p_value_upper",
      "ri_p_value_lower",
      "ri_draws",
      "ri_seed",
      "ri_exact",
      "ri_assignments",
      "ri_conf_level",
      "ri_conf_low",
      "ri_conf_high",
      "ri_unit",
      "ri_within",
      "ri_generator",
    ]);
    expect(ri).toMatchObject({ term: "treat", ri_draws: 1500, ri_seed: 7, ri_exact: false, ri_assignments: null, ri_unit: "row", ri_within: "strata", ri_conf_level: 0.95 });
    expect(ri.estimate).toBeCloseTo(out.coefficients[1].estimate, 10);
    expect(ri.ri_conf_low).toBeLessThan(ri.estimate);
    expect(ri.ri_conf_high).toBeGreaterThan(ri.estimate);
    expect(ri.ri_p_value * 1500).toBeCloseTo(Math.round(ri.ri_p_value * 1500), 9);
    const other = JSON.parse((await runCli([...args.slice(0, -4), "--seed", "8", "--strata", "site"])).stdout).randomisation_inference;
    expect(other.ri_conf_low).not.toBe(ri.ri_conf_low);
  });

  it.each(oracle.map((o) => [o.name, o] as const))("%s: p-values and interval agree with R's lm.fit refits, in JSON, table and CSV", async (name, o) => {
    const c = inputs.find((i) => i.name === name)!;
    if (o.assignments > 1400 || name.startsWith("monte")) return; // the Monte Carlo case is checked in test/oracle/ri.test.ts
    const args = ["fit", "--data", `${dir}/${name}.csv`, "--formula", formulaOf(c), "--ri", "5000", "--seed", "1", "--level", String(c.level)];
    if (c.w) args.push("--weights", "w");
    if (c.unit) args.push("--cluster", "cluster");
    if (c.block) args.push("--blocks", "block");
    if (c.stratum) args.push("--strata", "stratum");
    const r = await runCli(args);
    expect(r.stderr).toMatch(ONLY_WARNINGS);
    const ri = JSON.parse(r.stdout).randomisation_inference;
    expect(ri.ri_exact).toBe(true);
    expect(ri.ri_draws).toBe(o.assignments);
    expect(ri.ri_assignments).toBe(o.assignments);
    expect(ri.ri_p_value).toBe(o.p_two_sided);
    expect(ri.ri_p_value_upper).toBe(o.p_upper);
    expect(ri.ri_p_value_lower).toBe(o.p_lower);
    expect(Math.abs(ri.ri_conf_low - o.conf_low)).toBeLessThan(1e-8 * Math.abs(o.conf_low));
    expect(Math.abs(ri.ri_conf_high - o.conf_high)).toBeLessThan(1e-8 * Math.abs(o.conf_high));
    expect(ri.ri_unit).toBe(c.unit ? "cluster" : "row");
    expect(ri.ri_within).toBe(c.block ? "blocks" : "strata");

    const table = (await runCli([...args, "--format", "table"])).stdout;
    expect(table).toContain(`Randomisation inference for treat (all ${o.assignments.toLocaleString("en-GB")} assignments${c.unit ? " by cluster" : ""} within ${ri.ri_within})`);
    const csv = (await runCli([...args, "--format", "csv"])).stdout.trim().split("\n");
    expect(csv[0].startsWith("term,estimate,std_error,statistic,df,p_value,conf_low,conf_high,se_type,dist,n,n_clusters,ri_p_value,ri_p_value_upper,ri_p_value_lower,ri_conf_low,ri_conf_high,ri_draws,ri_seed,ri_exact,test,")).toBe(true);
    expect(csv[1].split(",").slice(12, 20)).toEqual(Array(8).fill("")); // the intercept's row has no randomisation inference
    expect(csv[2].split(",").slice(12, 20)).toEqual([o.p_two_sided, o.p_upper, o.p_lower, ri.ri_conf_low, ri.ri_conf_high, o.assignments, 1, "TRUE"].map(String));
  });

  it("shows progress on stderr only when it is a terminal", async () => {
    const run = async (isTTY: boolean) => {
      let stderr = "";
      let stdout = "";
      let clock = -1000; // a second passes between looks at the clock, so the progress line shows at once (progress.ts)
      const code = await main(["fit", "--data", example, "--formula", "swemwbs12 ~ treat + swemwbs0", "--ri", "3001", "--seed", "1"], {
        cwd: repoPath("."),
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: (s: string) => (stderr += s), isTTY },
        now: () => (clock += 1000),
      });
      return { code, stderr, stdout };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\rfit: randomisation inference, 1,001 of 3,001 assignments \(33%\) · \d+ s\x1b\[K/);
    expect(tty.stderr).toMatch(/\r\x1b\[K(warning: [^\n]*\n)*$/);
    const pipe = await run(false);
    expect(pipe.stderr).toMatch(ONLY_WARNINGS);
    expect(pipe.stdout).toBe(tty.stdout);
  });
});

describe("trialstat fit --ri: bad input gives one clear message and the right exit code", () => {
  const bad = scratch({
    "t.csv":
      "y,treat,x,block,stratum,dose\n1,1,2,a,s1,1\n2,0,3,a,s1,0\n3,1,5,b,s1,2\n5,0,4,b,s2,0\n4,1,7,c,s2,1\n6,0,1,c,s2,0\n" +
      "2,1,3,d,s2,1\n7,0,2,d,s2,0\n3,1,6,e,s3,2\n1,0,4,e,s3,0\n5,1,2,f,s3,1\n2,0,5,f,s3,0\n",
    "gap.csv": "y,treat,x,block\n1,1,2,a\n2,0,3,\n3,1,5,b\n5,0,4,b\n",
  });
  const t = `${bad}/t.csv`;
  it.each([
    [["--ri", "100"], 2, "--ri needs --seed", "--seed 20240101"],
    [["--seed", "1"], 2, "--seed is used by randomisation inference (--ri) and the bootstrap (--bootstrap), and neither was asked for", "add --ri DRAWS or --bootstrap DRAWS"],
    [["--blocks", "block"], 2, "--blocks is used by randomisation inference", "add --ri DRAWS"],
    [["--ri", "ten", "--seed", "1"], 2, '--ri must be a whole number from 0 to 9007199254740991, got "ten"', "--ri 10000"],
    [["--ri", "1", "--seed", "1"], 2, "needs a whole number of draws from 2 to 10,000,000, not 1", "at most 1/draws apart"],
    // the seed's range is 0 to 2^53 - 1 = 9007199254740991; 2^64 = 18446744073709551616 is whole but beyond it
    [["--ri", "100", "--seed", "-3"], 2, '--seed must be a whole number from 0 to 9007199254740991, got "-3"', "--seed 20240101"],
    [["--ri", "100", "--seed", "18446744073709551616"], 2, '--seed must be a whole number from 0 to 9007199254740991, got "18446744073709551616"', "--seed 20240101"],
    [["--ri", "100", "--seed", "9007199254740992"], 2, '--seed must be a whole number from 0 to 9007199254740991, got "9007199254740992"', "--seed 20240101"],
    [["--ri", "100", "--seed", "1", "--family", "binomial"], 2, "linear models only", "--family gaussian"],
    [["--ri", "100", "--seed", "1", "--lin-covariates", "~ x"], 2, "not yet available with Lin's adjustment", "ordinary least squares"],
    [["--ri", "100", "--seed", "1", "--arm", "dose"], 2, "the arm dose is 2, not 0 or 1", "code the arm 1 (treated) and 0 (control)"],
    [["--ri", "100", "--seed", "1", "--arm", "nope"], 2, 'needs the arm in the formula, and "nope" is not in it', "--arm"],
    [["--ri", "100", "--seed", "1", "--blocks", "block", "--strata", "stratum"], 2, 'block "b" spans strata "s1" and "s2"', "permuted blocks nest in strata"],
  ])("%j", async (extra, code, message, hint) => {
    const formula = extra.includes("binomial") ? "treat ~ x" : extra.includes("--lin-covariates") ? "y ~ treat" : "y ~ treat + x + dose";
    expectCliError(await runCli(["fit", "--data", t, "--formula", formula, ...extra]), code, message, hint);
  });

  it("says to write the arm plainly when the formula has factor(treat), whether --arm names treat, factor(treat) or nothing", async () => {
    for (const arm of [["--arm", "treat"], ["--arm", "factor(treat)"], []]) {
      const r = await runCli(["fit", "--data", t, "--formula", "y ~ factor(treat) + x", "--ri", "100", "--seed", "1", ...arm]);
      expectCliError(r, 2, "randomisation inference re-randomises the arm as a 0/1 number column, but the formula has it as factor(treat)", "write treat instead of factor(treat) in the formula");
    }
  });

  it("refuses an arm in an interaction, instruments, a missing block, and a design with one assignment", async () => {
    expectCliError(await runCli(["fit", "--data", t, "--formula", "y ~ treat + x | dose + x", "--ri", "100", "--seed", "1"]), 2, "not yet available with instrumental variables", "ordinary least squares");
    expectCliError(await runCli(["fit", "--data", t, "--formula", "y ~ treat * x", "--ri", "100", "--seed", "1"]), 2, "re-randomises treat alone, but it also enters treat:x", "main effect only");
    const gap = await runCli(["fit", "--data", `${bad}/gap.csv`, "--formula", "y ~ treat + x", "--ri", "100", "--seed", "1", "--blocks", "block"]);
    expectCliError(gap, 2, "--blocks block is missing in a row the model uses", "block or stratum they were randomised in");
    expect(gap.stderr).toContain("gap.csv:3");
    const one = await runCli(["fit", "--data", t, "--formula", "y ~ treat + x", "--ri", "100", "--seed", "1", "--blocks", "dose"]);
    expectCliError(one, 1, "only the observed assignment", "treated and control units");
  });
});
