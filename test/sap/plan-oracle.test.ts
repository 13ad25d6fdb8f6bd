import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flattenRow, runPlan } from "@trialstat/core";
import { expectClose, readJson, repoPath } from "../helpers.js";

// test/oracle/plan.R re-implements test/sap/mini/adjusted.yaml in R: common covariates plus an
// outcome's own baseline (ANCOVA), a pooled population adjusted for two strata, factors relevelled
// to the plan's reference levels, subgroups with interaction tests, HC2, Holm.
const oracle = readJson<{ rows: Record<string, string | number | null>[] }>("test/oracle/plan.json");
const dir = repoPath("test/sap/mini");
const run = runPlan({ sapText: readFileSync(join(dir, "adjusted.yaml"), "utf8"), sapFile: "adjusted.yaml", readFile: (f) => readFileSync(join(dir, f), "utf8") });

describe("a plan with per-outcome covariates, strata and reference levels agrees with R", () => {
  it("has the same rows in the same order, each level as R orders them after relevel", () => {
    expect(run.results.rows.map((r) => [r.population, r.outcome, r.subgroup, r.level])).toEqual(oracle.rows.map((r) => [r.population, r.outcome, r.subgroup, r.level]));
    expect(run.results.rows.filter((r) => r.subgroup === "gender").map((r) => r.level).slice(0, 2)).toEqual(["M", "F"]);
  });

  it.each(oracle.rows.map((r, i) => [`${r.population} / ${r.outcome} / ${r.subgroup ?? "overall"} ${r.level ?? ""}`, i] as const))("%s", (label, i) => {
    const want = oracle.rows[i];
    const got = flattenRow(run.results.rows[i]);
    for (const field of Object.keys(want)) {
      if (["population", "outcome", "subgroup", "level"].includes(field)) continue;
      const tol = ["estimate", "effect", "effect_size"].includes(field) || field.endsWith("_mean") ? 1e-8 : 1e-6;
      expectClose(got[field] as number | null, want[field] as number | null, tol, `${label}: ${field}`, 1e-12);
    }
  });

  it("records what each model adjusted for", () => {
    expect(run.results.settings.covariates).toEqual(["age", "gender"]);
    expect(run.results.settings.outcome_covariates).toEqual({ "survey12.wellbeing": ["score0"] });
    expect(run.results.settings.strata).toEqual({ pooled: ["site", "group"] });
    expect(run.results.settings.reference_levels).toEqual({ gender: "M", site: "WMCA" });
  });
});
