import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { type PlanEdits, planCopy } from "./mini-copy.js";

/** A scratch copy of examples/ips-in-iapt (its SAP and data) with its SAP (and data files) edited. */
const exampleCopy = (edit: PlanEdits = {}) => planCopy("examples/ips-in-iapt", edit, ["sap.yaml", "data"]);

describe("a single-arm evaluation's plan: problems located at their SAP path", () => {
  it("a measure whose start column is not in the start source", async () => {
    const dir = exampleCopy({ sap: (t) => t.replace("start: jsse_start, end: jsse_end, ", "") });
    const r = await runCli(["validate", join(dir, "sap.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sap\.yaml:\d+:\d+: evaluation\.measures\[3\]\.name: no variable named "iapt_first\.jsse"/);
    expect(r.stderr).toMatch(/evaluation\.measures\[3\]\.name: no variable named "iapt_last\.jsse"/);
  });

  it("a PHQ-9 total out of range, named with its participant", async () => {
    const dir = exampleCopy({ files: { "data/iapt_last.csv": (t) => t.replace(/\n(R\d+),(\d+),(\d+),/, "\n$1,$2,31,") } });
    const r = await runCli(["validate", join(dir, "sap.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/evaluation\.talking_therapies\.phq9: iapt_last\.phq9, the PHQ-9 total at the end, is 31 for participant R\d+: PHQ-9 totals are whole numbers from 0 to 27/);
  });

  it("what only a trial uses is refused, not ignored", async () => {
    const dir = exampleCopy({ sap: (t) => `${t}covariates: { variables: [site] }\n` });
    const r = await runCli(["validate", join(dir, "sap.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("covariates: covariates belong to a treatment effect, which a single-arm evaluation does not estimate");
  });
});

describe("a single-arm evaluation's report under disclosure control", () => {
  it("suppresses small sites' counts, and the means and intervals computed from them", async () => {
    const dir = exampleCopy({ sap: (t) => `${t}output: { disclosure: { min_count: 10 } }\n` });
    const r = await runCli(["run", join(dir, "sap.yaml"), "--out", join(dir, "out")]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const csv = (name: string) => readFileSync(join(dir, "out", "tables", `${name}.csv`), "utf8").split("\n");
    // Site B's 6 declined IPS and 4 participants are below 10; so is Site C's 1 declined both
    const flow = csv("flow-by-site");
    expect(flow[2]).toBe("Site B,18,[c],[c],[c],[c],[c]");
    expect(flow.slice(1, 6).every((line) => !/(^|,)([1-9])(,|$)/.test(line))).toBe(true);
    // GAD-7 at Site A: 4 with both measurements, so no mean or interval is shown there
    const gad7 = csv("change-evaluated-gad7");
    expect(gad7[1].startsWith("Site A,93,[c],")).toBe(true);
    expect(gad7[1].split(",").filter((c) => c === "[c]").length).toBeGreaterThanOrEqual(8);
    expect(readFileSync(join(dir, "out", "results.md"), "utf8")).toContain("Disclosure control: \\[c\\]: suppressed");
  });
});

describe("lock and check for a single-arm evaluation", () => {
  it("conforms when unchanged, and reports drifted rows and missing analyses", async () => {
    const dir = exampleCopy();
    const sap = join(dir, "sap.yaml");
    expect((await runCli(["lock", sap])).code).toBe(0);
    expect((await runCli(["run", sap, "--out", join(dir, "registered")])).code).toBe(0);
    const expected = join(dir, "registered", "results.json");
    const ok = await runCli(["check", sap, "--expected", expected]);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining("conforms")]);

    const results = JSON.parse(readFileSync(expected, "utf8"));
    results.single_arm.changes = results.single_arm.changes.filter((c: { measure: string }) => c.measure !== "jsse");
    results.single_arm.rates[4].count = 14;
    writeFileSync(join(dir, "edited.json"), JSON.stringify(results));
    const r = await runCli(["check", sap, "--results", join(dir, "edited.json"), "--expected", expected]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("deviation: missing analysis: ips_users / jsse (change) is declared in the SAP but not in the results");
    expect(r.stdout).toContain("deviation: rates / ips_users / paid_job / total: count is 14, expected 15");
    expect(r.stdout).toContain("deviation: changes / ips_users / jsse / Site A: in the expected results but not produced");
  });
});
