import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));
}

function baseTrial(): { dir: string; keys: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-ids-"));
  cpSync(repoPath("test/bad-input/base"), dir, { recursive: true });
  const keys = readFileSync(join(dir, "data/baseline.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
  return { dir, keys };
}

const appendToSap = (dir: string, text: string) => writeFileSync(join(dir, "sap.yaml"), `${readFileSync(join(dir, "sap.yaml"), "utf8")}${text}`);

describe("outputs carry no participant identifiers", () => {
  it("unless the SAP asks for row-level output", async () => {
    const { dir, keys } = baseTrial();
    expect((await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir })).code).toBe(0);
    const files = allFiles(join(dir, "out"));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const k of keys) expect(text.includes(k), `${k} in ${f}`).toBe(false);
    }
    appendToSap(dir, "output: { row_level: true }\n");
    expect((await runCli(["run", "sap.yaml", "--out", "out2"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "out2/analysis-frame.csv"), "utf8")).toContain(keys[0]);
  });

  // every place where a variable's values would be listed in an aggregate output
  it.each([
    ["output:\n  descriptives: [{ title: Ids, variable: id }]\n", "output.descriptives[0].variable: id is the participant key of baseline"],
    ["output:\n  descriptives: [{ title: Gender, variable: gender, by: baseline.id }]\n", "output.descriptives[0].by: baseline.id is the participant key of baseline"],
    ["output:\n  descriptives: [{ title: Answers, multi: [survey.id] }]\n", "output.descriptives[0].multi[0]: survey.id is the participant key of survey"],
    ["output:\n  balance: { variables: [age, id] }\n", "output.balance.variables[1]: id is the participant key of baseline"],
    ["output:\n  trial_group: id\n", "output.trial_group: id is the participant key of baseline"],
  ])("refuses a key in %j", async (sapTail, message) => {
    const { dir } = baseTrial();
    appendToSap(dir, sapTail);
    for (const command of [["validate", "sap.yaml"], ["run", "sap.yaml", "--out", "out"]]) {
      const r = await runCli(command, { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("output: { row_level: true }");
    }
  });

  it("refuses a key as a subgroup, covariate, stratum or weighting variable, and lists every such use", async () => {
    const { dir } = baseTrial();
    const sap = readFileSync(join(dir, "sap.yaml"), "utf8").replace("subgroups: [gender]", "subgroups: [gender, id]").replace("covariates: { variables: [age] }", "covariates: { variables: [age, baseline.id] }").replace("  all: {}", "  all: { strata: [id] }");
    writeFileSync(join(dir, "sap.yaml"), `${sap}weights:\n  nr6: { survey: survey, covariates: [age, survey.id], within: [id] }\n`);
    const r = await runCli(["validate", "sap.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    for (const m of ["subgroups[1]: id is the participant key of baseline", "covariates.variables[1]: baseline.id is the participant key", "populations.all.strata[0]: id is the participant key", "weights.nr6.covariates[1]: survey.id is the participant key of survey", "weights.nr6.within[0]: id is"]) expect(r.stderr).toContain(m);
  });

  it("prints keys in a descriptive table when row-level output is asked for", async () => {
    const { dir, keys } = baseTrial();
    appendToSap(dir, "output:\n  row_level: true\n  descriptives: [{ title: Ids, variable: id }]\n");
    const r = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "out/results.md"), "utf8")).toContain(`| ${keys[0]} |`);
  });
});
