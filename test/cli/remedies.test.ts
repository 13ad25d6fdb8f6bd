import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { miniCopy } from "../sap/mini-copy.js";
import { runCli } from "./run-cli.js";

/**
 * One core error — weighting covariates missing for eligible people, whose remedy is the setting
 * missing_covariates: indicator — worded by each front end for its user: a flag for
 * `trialstat weights`, a path in the plan for `trialstat run` and `validate`.
 */
describe("a core error's remedy, worded by each front end", () => {
  it("is a flag for trialstat weights", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trialstat-remedy-"));
    writeFileSync(join(dir, "d.csv"), "id,arm,score0,r\n1,T,1.5,1\n2,T,,0\n3,C,2,1\n4,C,3,0\n");
    const r = await runCli(["weights", "--data", join(dir, "d.csv"), "--response", "r", "--covariates", "score0", "--within", "arm"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("baseline covariates are missing for eligible people: score0");
    expect(r.stderr).toContain("hint: fill them in before weighting, or state a policy: indicator gives missing values their own category (or a 0/1 indicator for a numeric covariate) (--missing-covariates indicator)");
  });

  // participant 0005 answered the 12-month survey; without a baseline score0 the weights nr12 cannot be built
  const blankScore = { files: { "data/baseline.csv": (t: string) => t.replace(/^(0005,(?:[^,\n]*,){6})[\d.]+$/m, "$1") } };

  it("is the plan's setting for trialstat run, never a flag the plan cannot pass", async () => {
    const dir = miniCopy(blankScore);
    const r = await runCli(["run", `${dir}/sap.yaml`, "--out", `${dir}/out`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("weights.nr12: baseline covariates are missing for eligible people: score0");
    expect(r.stderr).toContain("(weights.nr12.missing_covariates: indicator)");
    expect(r.stderr).not.toContain("--missing-covariates");
  });

  it("is the plan's setting for trialstat validate", async () => {
    const dir = miniCopy(blankScore);
    const r = await runCli(["validate", `${dir}/sap.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(weights.nr12.missing_covariates: indicator)");
    expect(r.stderr).not.toContain("--missing-covariates");
  });
});
