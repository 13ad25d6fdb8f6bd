import { describe, expect, it } from "vitest";
import { flattenRow, resultsJson, runPlan } from "@trialstat/core";
import { workerBlockMapperSync } from "../../packages/cli/src/bootstrap-workers-sync.js";
import { expectClose, readJson } from "../helpers.js";
import type { OracleRow } from "./oracle-rows.js";
import { sapInput } from "./run-sap.js";

// test/oracle/inference-plan.R re-implements test/sap/mini/inference.yaml in R: the ITT with
// estimatr::lm_robust, Lin's adjustment with lm_lin, the CACE with iv_robust (first-stage F),
// randomisation inference over every assignment of a small population (lm.fit), the pairs
// bootstrap's resamples refitted with lm and sandwich's HC2, and Lee / worst-case bounds by hand.
const oracle = readJson<{ rows: OracleRow[] }>("test/oracle/inference-plan.json");
const input = sapInput("test/sap/mini/inference.yaml");
const run = runPlan(input);
const key = (r: { population?: unknown; outcome?: unknown; analysis?: unknown }) => `${String(r.population)} / ${String(r.outcome)} / ${String(r.analysis ?? "itt")}`;
const flat = new Map(run.results.rows.filter((r) => r.subgroup === null).map((r) => [key(r), flattenRow(r)]));

/** Fields that R gives as counts or shares of counts: equal exactly. */
const EXACT = new Set(["n_control", "n_treated", "ri_p_value", "ri_draws", "boot_p_value", "boot_draws_failed", "bounds_n_control", "bounds_n_treated", "first_stage_df1", "first_stage_df2"]);
/** Estimates, means and bounds: 1e-8; standard errors, df, p-values, intervals, F: 1e-6. */
const ESTIMATES = /^(estimate|effect|effect_size|control_mean|treated_mean|control_sd|take_up_|response_|lee_|worst_case_|ri_conf_|boot_conf_|boot_std_error)/;

describe("a plan with the analyses beside the ITT agrees with R (test/oracle/inference-plan.R)", () => {
  it("has every row R has — the ITT, Lin's and the CACE's — and no other", () => {
    expect([...flat.keys()].sort()).toEqual(oracle.rows.map(key).sort());
  });

  it.each(oracle.rows.map((r) => [key(r), r] as const))("%s", (label, want) => {
    const got = flat.get(label)!;
    for (const [field, expected] of Object.entries(want)) {
      if (["population", "outcome", "analysis", "ri_assignments", "ri_estimate"].includes(field)) continue;
      if (EXACT.has(field)) expect(got[field], `${label}: ${field}`).toBe(expected);
      else expectClose(got[field] as number | null, expected as number | null, ESTIMATES.test(field) ? 1e-8 : 1e-6, `${label}: ${field}`, 1e-12);
    }
  });

  it("re-randomises the small population exactly: every assignment the design allows, the observed estimate the ITT's", () => {
    for (const want of oracle.rows.filter((r) => "ri_assignments" in r)) {
      const got = run.results.rows.find((r) => key(r) === key(want))!;
      expect(got.randomisation).toMatchObject({ exact: true, assignments: want.ri_assignments, unit: "row", within: "none" });
      expectClose(got.estimate, want.ri_estimate as number, 1e-10, `${key(want)}: the estimate randomisation inference starts from`);
    }
  });

  it("records the plan's seeds and each estimate's own, derived for its population and outcome", () => {
    expect(run.results.settings.randomisation).toMatchObject({ draws: 10000, seed: 20240613, blocks: null, strata: null });
    expect(run.results.settings.bootstrap).toMatchObject({ type: "pairs", draws: 99, seed: 20240613 });
    const seeds = run.results.rows.filter((r) => r.randomisation).map((r) => r.randomisation!.seed);
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(run.results.rows.find((r) => r.population === "pooled" && r.outcome === "employed13w" && r.analysis === "itt")!.randomisation!.within).toBe("strata");
  });

  it("gives the same bytes for the same seed, and for any number of bootstrap threads", () => {
    const bytes = resultsJson(run.results);
    expect(resultsJson(runPlan(input).results)).toBe(bytes);
    // the plan's 99 draws are two blocks of draws, so two threads is as many as it can use; while
    // this thread waits on them (blocked, its timers cannot fire) onWait keeps a progress line moving
    let waits = 0;
    const steps: string[] = [];
    const threaded = runPlan({ ...input, mapBootstrapBlocks: workerBlockMapperSync(2, { onWait: () => waits++ }), onStep: (step, detail) => steps.push(`${step} ${detail}`) });
    expect(resultsJson(threaded.results)).toBe(bytes);
    expect(waits).toBeGreaterThan(0);
    // the threads' draws are told as their blocks come back, in whichever order
    expect(steps).toContain("estimate bootstrap, outcome earnings12, population scr: 99 of 99 draws (100%)");
    // another seed: other draws
    const reseeded = runPlan({ ...input, sapText: input.sapText.replace("randomisation: { draws: 10000, seed: 20240613 }", "randomisation: { draws: 10000, seed: 1 }") });
    const p = (rs: typeof run.results.rows) => rs.filter((r) => r.population === "scr").map((r) => r.randomisation?.p_value);
    expect(p(reseeded.results.rows)).not.toEqual(p(run.results.rows));
  });
});
