import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { miniCopy } from "../sap/mini-copy.js";
import { runCli, scratch } from "./run-cli.js";

/**
 * --quiet (-q), before or after the command: the output asked for, errors and warnings stay; the
 * summaries that only say what was done (run's headline and "written to", validate's "valid",
 * lock's and check's confirmations, score's and weights' summaries beside --out) and notes
 * (weights' diagnostics on stderr, an instrument's copyright notice) go, and so does progress.
 */
describe("--quiet", () => {
  it("run: nothing on standard output, the same files, and warnings still on standard error", async () => {
    const dir = miniCopy({ sap: (t) => t.replace("inference: { se: HC2,", "inference: { cluster: group,") });
    const loud = await runCli(["run", "sap.yaml", "--out", "loud"], { cwd: dir });
    const quiet = await runCli(["run", "sap.yaml", "--out", "quiet", "-q"], { cwd: dir });
    expect(loud.code).toBe(0);
    expect(loud.stdout).toContain("estimates written to loud/");
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: loud.stderr });
    expect(quiet.stderr).toMatch(/^warning: population scr: only 2 clusters of group/);
    expect(readFileSync(join(dir, "quiet/results.json"), "utf8")).toBe(readFileSync(join(dir, "loud/results.json"), "utf8"));
  });

  it("validate, lock and check: the exit code says it; problems and deviations are still listed", async () => {
    const dir = miniCopy();
    const unlocked = await runCli(["check", "sap.yaml", "-q"], { cwd: dir });
    expect(unlocked.code).toBe(3);
    expect(unlocked.stdout).toMatch(/^deviation: not registered/);
    expect(await runCli(["--quiet", "validate", "sap.yaml"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await runCli(["lock", "sap.yaml", "--quiet"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await runCli(["check", "sap.yaml", "-q"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });

    const bad = miniCopy({ sap: (t) => t.replace("subgroups: [gender, age_band]", "subgroups: [gender, no_such_variable]") });
    const loud = await runCli(["validate", "sap.yaml"], { cwd: bad });
    expect(loud.code).toBe(2);
    expect(await runCli(["validate", "sap.yaml", "-q"], { cwd: bad })).toEqual(loud);
  });

  it("score and weights: the data asked for stay, summaries and notes go", async () => {
    const dir = scratch({ "sw.csv": "id,swemwbs_1,swemwbs_2,swemwbs_3,swemwbs_4,swemwbs_5,swemwbs_6,swemwbs_7\n1,3,3,3,3,3,3,3\n" });
    const score = ["score", "--instrument", "swemwbs", "--data", "sw.csv"];
    const loud = await runCli(score, { cwd: dir });
    expect(loud.stderr).toMatch(/^note: Short Warwick Edinburgh/);
    expect(await runCli([...score, "-q"], { cwd: dir })).toEqual({ code: 0, stdout: loud.stdout, stderr: "" });
    expect((await runCli([...score, "--out", "s.csv"], { cwd: dir })).stdout).toMatch(/-> s\.csv\nnote: /);
    expect(await runCli([...score, "--out", "s.csv", "-q"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "s.csv"), "utf8")).toBe(loud.stdout);

    const weights = ["weights", "--data", repoPath("examples/weights/survey12.csv"), "--response", "responded12", "--eligible", "eligible12", "--within", "group,arm", "--method", "cells"];
    const rows = await runCli(weights, { cwd: dir });
    expect(rows.stderr).toContain("Response"); // the diagnostics
    expect(await runCli([...weights, "-q"], { cwd: dir })).toEqual({ code: 0, stdout: rows.stdout, stderr: "" });
    expect(await runCli([...weights, "--out", "w.csv", "--report", "w.md", "-q"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "w.csv"), "utf8")).toBe(rows.stdout);
    expect(readFileSync(join(dir, "w.md"), "utf8")).toContain("Response");
  });

  it("weights: warnings stay, on standard error, with or without --out", async () => {
    const dir = scratch({});
    // group is constant within each group×arm cell, so each of the 6 cells' models leaves it out
    const weights = ["weights", "--data", repoPath("examples/weights/survey12.csv"), "--response", "responded12", "--eligible", "eligible12", "--within", "group,arm", "--covariates", "group"];
    for (const extra of [["--out", "w.csv"], []]) {
      const quiet = await runCli([...weights, ...extra, "-q"], { cwd: dir });
      expect(quiet.code).toBe(0);
      const lines = quiet.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(6);
      expect(lines[0]).toBe("warning: cell group=SCR IW, arm=C: group has one value (SCR IW) among the 149 eligible people, so it is left out of this cell's model");
      expect(lines.every((l) => l.startsWith("warning: cell group="))).toBe(true);
    }
    const loud = await runCli([...weights, "--out", "w.csv"], { cwd: dir });
    expect(loud.stderr.match(/^warning: /gm)).toHaveLength(6);
  });

  it("fit, power, schema: their output is what was asked for, unchanged; errors still show", async () => {
    for (const args of [
      ["fit", "--data", "examples/fit/trial.csv", "--formula", "swemwbs12 ~ treat + swemwbs0", "--format", "table"],
      ["power", "--delta", "0.2", "--power", "0.8"],
      ["schema"],
    ]) {
      const loud = await runCli(args);
      expect(loud.code).toBe(0);
      expect(await runCli([...args, "--quiet"])).toEqual(loud);
    }
    const error = await runCli(["fit", "--data", "no-such.csv", "--formula", "y ~ x", "-q"]);
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/^error: no-such\.csv: cannot read: no such file\nhint: /);
  });
});
