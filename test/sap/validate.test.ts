import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { miniCopy } from "./mini-copy.js";

/** Runs `trialstat validate` on an edited copy of the mini plan. */
async function validate(edit: Parameters<typeof miniCopy>[0]) {
  const dir = miniCopy(edit);
  return runCli(["validate", `${dir}/sap.yaml`]);
}

describe("trialstat validate", () => {
  it("accepts the mini plan", async () => {
    const r = await validate({});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid (schema, references, data, and every analysis runs)");
  });

  it.each([
    [
      "an unknown key, with its line and a suggestion",
      { sap: (t: string) => t.replace("{ name: months_employed12, role: secondary,", "{ name: months_employed12, rle: secondary, role: secondary,") },
      ['sap.yaml:55:37: outcomes[3].rle: unknown key "rle"', 'did you mean "role"?'],
    ],
    ["a wrong value", { sap: (t: string) => t.replace("report: raw", "report: percent") }, ['outcomes[3].report: must be one of: "ppt", "sd", "currency", "raw"']],
    ["a wrong version", { sap: (t: string) => t.replace("trialstat: 1", "trialstat: 2") }, ["sap.yaml:1:12: trialstat: must be 1"]],
    ["a missing key", { sap: (t: string) => t.replace("title: Mini trial\n", "") }, ['missing required key "title"']],
    ["invalid YAML", { sap: (t: string) => t.replace("linkage:\n", "linkage:\n  - oops: [\n") }, ["not valid YAML"]],
    ["a duplicate YAML key", { sap: (t: string) => t.replace("title: Mini trial\n", "title: Mini trial\ntitle: Again\n") }, ["not valid YAML", "unique"]],
    [
      "an undefined weight",
      { sap: (t: string) => t.replace("{ name: survey12.wellbeing, role: primary, type: continuous, report: sd }", "{ name: survey12.wellbeing, role: primary, type: continuous, report: sd, weights: nr13 }") },
      ['outcomes[2].weights: no weights named "nr13"', 'did you mean "nr12"?'],
    ],
    ["ppt on a continuous outcome", { sap: (t: string) => t.replace("type: continuous, report: currency", "type: continuous, report: ppt") }, ["outcomes[1].report: ppt (percentage points) is for binary outcomes"]],
    ["a missing source file", { sap: (t: string) => t.replace("data/hmrc.csv", "data/hmrc2.csv") }, ["sources.hmrc.file: the source file data/hmrc2.csv does not exist"]],
    ["a source outside the SAP's folder", { sap: (t: string) => t.replace("data/hmrc.csv", "../hmrc.csv") }, ["lies outside the SAP's folder", "--allow-outside"]],
    ["a declared column missing from the data", { sap: (t: string) => t.replace("age: { type: number, missing: [-9] }", "age: { type: number, missing: [-9] }\n      sex: { type: string }") }, ['the declared column "sex" is not in data/baseline.csv']],
    ["a value of the wrong type", { files: { "data/baseline.csv": (t: string) => t.replace(/\n(0003,[^,]+,[^,]+,[^,]+,[^,]+,)(\d+)/, "\n$1forty") } }, ['data/baseline.csv:4:age: "forty" is not a number']],
    ["a code that is not declared", { files: { "data/baseline.csv": (t: string) => t.replace(/\n(0005,[^,]+,)C,/, "\n$1X,") } }, ['data/baseline.csv:6:arm: "X" is not one of the declared values', "allowed: T, C"]],
    ["a date in another format", { files: { "data/survey12.csv": (t: string) => t.replace(/\n([0-9]{4}),(\d{4})-(\d{2})-(\d{2})/, "\n$1,$4/$3/$2") } }, ['data/survey12.csv:2:interview_date: "', "is not a YYYY-MM-DD date"]],
    ["a participant randomised twice", { files: { "data/baseline.csv": (t: string) => `${t}${t.split("\n")[1]}\n` } }, ["data/baseline.csv:402:id: participant 0001 is randomised twice (also line 2)"]],
    ["a survey record whose key is not randomised", { files: { "data/survey12.csv": (t: string) => `${t}9999,2021-01-01,20,0,0,0,0,0,0,0,0,0\n` } }, ['1 record with a key that is not randomised (first: "9999")', "unmatched_records: drop"]],
    ["keys that lost their leading zeros", { files: { "data/survey12.csv": (t: string) => t.replace(/\n0+(\d+),/, "\n$1,") } }, ["with a key that is not randomised", "leading zeros"]],
    ["a key with spaces around it", { files: { "data/hmrc.csv": (t: string) => t.replace(/\n(\d{4}),/, "\n $1 ,") } }, ["has spaces around it"]],
    ["an unknown covariate, with a suggestion", { sap: (t: string) => t.replace("variables: [age, gender, score0]", "variables: [age, gendr, score0]") }, ['covariates.variables[1]: no variable named "gendr"', 'did you mean "gender"?']],
    ["a duplicated survey record", { files: { "data/survey12.csv": (t: string) => `${t}${t.split("\n")[1]}\n` } }, ["has 2 records", "duplicates: { keep: last, by: <date column> }"]],
  ])("reports %s", async (_what, edit, fragments) => {
    const r = await validate(edit);
    expect(r.code).toBe(2);
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).toMatch(/\d+ problems? in /);
  });

  it("lists every problem, not just the first", async () => {
    const r = await validate({
      sap: (t) => t.replace("report: raw", "report: percent").replace("trialstat: 1", "trialstat: 2").replace("role: secondary", "role: tertiary"),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("3 problems in");
  });

  it("limits YAML aliases, so an alias bomb cannot exhaust memory", async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${"bcdefghij"[i]}: &${"bcdefghij"[i]} [${Array(10).fill(`*${i === 0 ? "a" : "bcdefghij"[i - 1]}`).join(",")}]`);
    const r = await validate({ sap: (t) => `${bomb.join("\n")}\n${t}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/alias|YAML/i);
  });
});

describe("trialstat validate: report settings (output)", () => {
  it.each([
    ["a descriptive table with neither variable nor multi", { sap: (t: string) => t.replace('{ title: "Age of participants, by site", variable: age_band }', '{ title: "Age" }') }, ["output.descriptives[0]: a descriptive table needs exactly one of variable"]],
    ["an unknown descriptive variable", { sap: (t: string) => t.replace("variable: age_band }", "variable: age_bnd }") }, ['output.descriptives[0].variable: no variable named "age_bnd"', 'did you mean "age_band"?']],
    ["a label for an answer not asked", { sap: (t: string) => t.replace("profile.barrier_care: Caring responsibilities", "profile.barrier_cars: Cars") }, ['output.descriptives[3].labels["profile.barrier_cars"]: profile.barrier_cars is not one of this question\'s answers']],
    ["an unknown balance population", { sap: (t: string) => t.replace("balance: { variables:", "balance: { populations: [scr, wmca], variables:") }, ['output.balance.populations[1]: no population named "wmca"']],
    ["a bad disclosure setting", { sap: (t: string) => t.replace("min_count: 10", "min_count: 0") }, ["output.disclosure.min_count: must be >= 1"]],
    ["an unknown decimals key", { sap: (t: string) => t.replace("decimals: { ppt: 1,", "decimals: { pp: 1,") }, ["output.decimals"]],
    ["an unknown trial group", { sap: (t: string) => t.replace("trial_group: site", "trial_group: sight") }, ['output.trial_group: no variable named "sight"']],
  ])("reports %s", async (_name, edit, expected) => {
    const r = await validate(edit);
    expect(r.code).toBe(2);
    for (const e of expected) expect(r.stderr).toContain(e);
  });
});
