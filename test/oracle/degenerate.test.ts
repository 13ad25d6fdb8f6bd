import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TrialstatError, fitFormula, parseCsv, requireStandardError } from "@trialstat/core";
import { errorOf, readJson, repoPath } from "../helpers.js";

// Made by test/oracle/degenerate.R with lm and estimatr::lm_robust.
const oracle = readJson<{
  clustered_on_arm: { estimate: number; cr2_std_error: number; df: number; p_value: number; hc2_std_error: number };
  one_cluster: { std_error: number[]; p_value: number[] };
  constant_outcome: { std_error: number[]; p_value: number[] };
  subgroup_level: { estimate: number; std_error: number };
}>("test/oracle/degenerate.json");
const trial = parseCsv(readFileSync(repoPath("test/oracle/data/degenerate-trial.csv"), "utf8"), { source: "trial.csv" });
const refusal = (f: () => unknown) => errorOf<TrialstatError>(f);

/**
 * Designs that cannot support their variance: R reports them with standard errors near zero and
 * small p-values; trialstat refuses them (docs/statistics.md#designs-that-cannot-support-their-variance).
 */
describe("designs R reports with stars and trialstat refuses", () => {
  it("clustering on the arm: R's CR2 standard error is 2% of the HC2 one, on 1 df, p = 0.01", () => {
    const r = oracle.clustered_on_arm;
    expect(r.cr2_std_error / r.hc2_std_error).toBeLessThan(0.05);
    expect(r.df).toBeCloseTo(1, 10);
    expect(r.p_value).toBeLessThan(0.05);
    // trialstat agrees with R's HC2 without clusters, and refuses the clustering
    expect(fitFormula(trial, { formula: "y ~ treat + x", se: "HC2" }).coefficients[1].std_error).toBeCloseTo(r.hc2_std_error, 12);
    const e = refusal(() => fitFormula(trial, { formula: "y ~ treat + x", cluster: "site" }));
    expect([e.kind, e.message]).toEqual(["analysis", expect.stringContaining("treat is constant within each of the 2 clusters of site")]);
  });

  it("a single cluster: R's standard errors are about 1e-16", () => {
    for (const se of oracle.one_cluster.std_error) expect(se).toBeLessThan(1e-15);
    const e = refusal(() => fitFormula(trial, { formula: "y ~ treat + x", cluster: "one" }));
    expect([e.kind, e.message]).toEqual(["analysis", "the cluster variable one has only one value (k1) among the rows used, so a cluster-robust variance cannot be estimated"]);
  });

  it("a constant outcome: R's standard errors are about 1e-16, the intercept's p-value 0", () => {
    for (const se of oracle.constant_outcome.std_error) expect(se).toBeLessThan(1e-15);
    expect(oracle.constant_outcome.p_value[0]).toBe(0);
    const e = refusal(() => fitFormula(trial, { formula: "constant ~ treat + x" }));
    expect([e.kind, e.message]).toEqual(["analysis", "the outcome constant is 3 in every row used, so it has no variance and there is no effect to estimate"]);
  });

  it("a subgroup level whose outcome is constant within each arm: R's standard error is 0", () => {
    expect(oracle.subgroup_level.std_error).toBe(0);
    const z = trial.column("z").values as Float64Array;
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.length - 1));
    expect(() => requireStandardError(oracle.subgroup_level.std_error, sd, "outcome z, population all, subgroup group = B")).toThrow(
      "outcome z, population all, subgroup group = B: the standard error of the effect is zero (0)",
    );
  });
});
