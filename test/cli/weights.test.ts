import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { runCli, scratch } from "./run-cli.js";

const example = "examples/weights/survey12.csv";
const common = ["--response", "responded12", "--eligible", "eligible12", "--within", "group,arm", "--missing-covariates", "indicator"];

describe("trialstat weights", () => {
  it("writes the input rows unchanged plus a weight column, and prints the diagnostics", async () => {
    const dir = scratch({});
    const out = join(dir, "weighted.csv");
    const report = join(dir, "report.md");
    const r = await runCli(["weights", "--data", example, ...common, "--covariates", "age,female,health", "--trim-cap", "2", "--out", out, "--report", report]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Response by cell (HLT Table 6.2 layout)");
    expect(r.stdout).toContain("Balance with everyone eligible");

    const input = readFileSync(repoPath(example), "utf8").trimEnd().split("\n");
    const output = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(output).toHaveLength(input.length);
    expect(output[0]).toBe(`${input[0]},weight`);
    let respondents = 0;
    output.forEach((line, k) => {
      if (k === 0) return;
      expect(line.startsWith(`${input[k]},`), `line ${k + 1}`).toBe(true);
      const weight = line.slice(input[k].length + 1);
      const [eligible12, responded12] = input[k].split(",").slice(8, 10);
      const responded = eligible12 === "yes" && responded12 === "yes";
      expect(weight === "", `line ${k + 1}`).toBe(!responded);
      if (responded) {
        respondents++;
        expect(Number(weight)).toBeGreaterThan(0);
        expect(Number(weight)).toBeLessThanOrEqual(2);
      }
    });
    expect(r.stdout).toContain(`${respondents} responded`);
    expect(readFileSync(report, "utf8")).toMatch(/^# Non-response weights\n/);

    // downstream: the weights are probability weights for fit (rows without the survey outcome drop out)
    const fit = await runCli(["fit", "--data", out, "--formula", "swemwbs12 ~ arm + swemwbs0", "--weights", "weight"]);
    expect(fit.code).toBe(0);
    expect(JSON.parse(fit.stdout).n).toBe(respondents);
  });

  it("is byte-for-byte deterministic", async () => {
    const args = ["weights", "--data", example, ...common, "--covariates", "age_band,female,health", "--method", "rake", "--trim-percentile", "99"];
    const a = await runCli(args);
    const b = await runCli(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
  });

  it("without --out writes the rows to stdout and the diagnostics to stderr; --format json gives the diagnostics as data", async () => {
    const r = await runCli(["weights", "--data", example, ...common, "--covariates", "female", "--method", "cells", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("id,group,arm,age,age_band,female,health,swemwbs0,eligible12,responded12,swemwbs12,weight");
    const d = JSON.parse(r.stderr);
    expect(d.method).toBe("cells");
    expect(d.cells).toHaveLength(6);
    expect(Object.keys(d.cells[0])).toEqual(["label", "values", "eligible", "respondents", "responseRate", "summary", "trim", "model", "classes", "rakeIterations"]);
    expect(Object.keys(d.summary)).toEqual(["n", "min", "q1", "median", "q3", "max", "mean", "cv", "designEffect", "effectiveN"]);
  });
});

describe("trialstat weights: bad input gives one clear message, the right exit code, and no output file", () => {
  const dir = scratch({
    "ok.csv": "id,arm,age,sex,r\n1,T,30,F,1\n2,T,41,M,0\n3,T,35,F,1\n4,T,52,M,1\n5,T,28,F,0\n6,C,33,M,1\n7,C,47,F,0\n8,C,39,M,1\n9,C,60,F,0\n10,C,25,M,1\n",
    "norespC.csv": "id,arm,age,r\n1,T,30,1\n2,T,41,0\n3,T,35,1\n4,C,52,0\n5,C,28,0\n",
    "sep.csv": "id,arm,age,r\n1,T,30,0\n2,T,31,0\n3,T,32,1\n4,T,33,1\n5,C,30,1\n6,C,41,0\n7,C,35,1\n8,C,52,0\n",
    "badresp.csv": "id,arm,age,r\n1,T,30,1\n2,T,31,maybe\n3,C,30,1\n",
    "missing.csv": "id,arm,age,r\n1,T,30,1\n2,T,,0\n3,C,30,1\n4,C,31,0\n",
    "rake.csv": `id,arm,a,b,r\n${Array.from({ length: 24 }, (_, i) => `${i + 1},T,${"xyz"[i % 3]},${"uv"[(i >> 2) % 2]},${i % 5 === 0 ? 0 : 1}`).join("\n")}\n`,
    "hasweight.csv": "id,arm,r,weight\n1,T,1,2\n2,T,0,3\n",
  });
  const at = (f: string) => join(dir, f);

  it.each([
    [["--data", "norespC.csv", "--response", "r", "--covariates", "age", "--within", "arm"], 1, "error: cell arm=C: none of its 2 eligible people responded", "--within"],
    [["--data", "sep.csv", "--response", "r", "--covariates", "age", "--within", "arm"], 1, "error: cell arm=C: separation: age predicts the outcome perfectly", "weight by weighting classes (--method cells), or rake to the margins (--method rake)"],
    [["--data", "badresp.csv", "--response", "r", "--within", "arm"], 2, 'badresp.csv:3:r: the response column r has the value "maybe"; it must be 0/1, yes/no or true/false', "responded (1, yes)"],
    [["--data", "ok.csv", "--response", "r", "--covariates", "age,height,weight", "--within", "arm"], 2, "ok.csv:height: covariates not in", "available columns: id, arm, age, sex, r"],
    [
      ["--data", "rake.csv", "--response", "r", "--covariates", "a,b", "--within", "arm", "--method", "rake", "--rake-max-iterations", "1", "--rake-tolerance", "1e-12"],
      1,
      "error: cell arm=T: raking to the margins of a, b did not converge in 1 iteration",
      "--rake-max-iterations",
    ],
    [["--data", "ok.csv", "--response", "r", "--covariates", "sex", "--within", "arm", "--method", "rake"], 1, "error: cell arm=C: raking cannot reach sex=F (target count 2): no respondent has that value", "merge sparse categories of sex"],
    [["--data", "ok.csv", "--response", "r", "--covariates", "sex", "--within", "arm", "--method", "cells"], 1, "weighting class arm=C, sex=F has 2 eligible people and no respondent", "--method logit"],
    [["--data", "ok.csv", "--response", "r", "--covariates", "age", "--within", "arm", "--method", "rake"], 1, "raking cannot reach age=47 (target count 1), age=60 (target count 1)", "merge sparse categories of age"],
    [["--data", "missing.csv", "--response", "r", "--covariates", "age", "--within", "arm"], 2, "missing.csv:3:age: baseline covariates are missing for eligible people: age (1 row, first on line 3)", "--missing-covariates indicator"],
    [["--data", "ok.csv", "--response", "r", "--within", "arm", "--trim-cap", "1"], 2, "the trimming cap must be a number above 1", "--trim-cap 5"],
    [["--data", "ok.csv", "--response", "r", "--within", "arm", "--trim-cap", "five"], 2, '--trim-cap must be a number, got "five"', "--trim-cap 5"],
    [["--data", "ok.csv", "--response", "r", "--within", "group"], 2, "not in", "available columns"],
    [["--data", "hasweight.csv", "--response", "r", "--within", "arm"], 2, "already has a column named weight", "--weight-column"],
    [["--data", "nofile.csv", "--response", "r"], 2, "cannot read", "check the path"],
  ])("%j → exit %i", async (args, code, message, hint) => {
    const out = at(`out-${Math.random().toString(36).slice(2)}.csv`);
    const report = at(`report-${Math.random().toString(36).slice(2)}.md`);
    const argv = ["weights", ...args.map((a, i) => (args[i - 1] === "--data" ? at(a) : a)), "--out", out, "--report", report];
    const r = await runCli(argv);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(message);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[1]).toMatch(/^hint: /);
    expect(lines[1]).toContain(hint);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(report)).toBe(false);
  });

  it("refuses to overwrite the input", async () => {
    const r = await runCli(["weights", "--data", at("ok.csv"), "--response", "r", "--within", "arm", "--out", at("ok.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${at("ok.csv")} is the --data file`);
    expect(readFileSync(at("ok.csv"), "utf8")).toMatch(/^id,arm,age,sex,r\n/);
  });

  it.each(["", "  ", "a\tb"])("refuses a weight column named %j, which no CSV reader could read back", async (name) => {
    const out = at("named.csv");
    const r = await runCli(["weights", "--data", at("ok.csv"), "--response", "r", "--within", "arm", "--weight-column", name, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --weight-column "[^"]*" is not a usable column name\nhint: name the new column/);
    expect(existsSync(out)).toBe(false);
  });

  it("reports an unwritable output and leaves neither file", async () => {
    const report = at("never.md");
    const r = await runCli(["weights", "--data", at("ok.csv"), "--response", "r", "--within", "arm", "--report", report, "--out", join(at("ok.csv"), "sub", "out.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot be made: ${at("ok.csv")} is a file, not a folder`);
    expect(existsSync(report)).toBe(false);
  });
});
