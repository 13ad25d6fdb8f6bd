import { describe, expect, it } from "vitest";
import { readJson } from "../helpers.js";
import { type OracleRow, expectOracleRow, oracleCases, rowKeys } from "./oracle-rows.js";
import { runSap } from "./run-sap.js";

// test/oracle/plan.R re-implements test/sap/mini/adjusted.yaml in R: common covariates plus an
// outcome's own baseline (ANCOVA), a pooled population adjusted for two strata, factors relevelled
// to the plan's reference levels, subgroups with interaction tests, HC2, Holm.
const oracle = readJson<{ rows: OracleRow[] }>("test/oracle/plan.json");
const run = runSap("test/sap/mini/adjusted.yaml");

describe("a plan with per-outcome covariates, strata and reference levels agrees with R", () => {
  it("has the same rows in the same order, each level as R orders them after relevel", () => {
    expect(rowKeys(run.results.rows)).toEqual(rowKeys(oracle.rows));
    expect(run.results.rows.filter((r) => r.subgroup === "gender").map((r) => r.level).slice(0, 2)).toEqual(["M", "F"]);
  });

  it.each(oracleCases(oracle.rows))("%s", (label, i) => expectOracleRow(run.results.rows[i], oracle.rows[i], label));

  it("records what each model adjusted for", () => {
    expect(run.results.settings.covariates).toEqual(["age", "gender"]);
    expect(run.results.settings.outcome_covariates).toEqual({ "survey12.wellbeing": ["score0"] });
    expect(run.results.settings.strata).toEqual({ pooled: ["site", "group"] });
    expect(run.results.settings.reference_levels).toEqual({ gender: "M", site: "WMCA" });
  });
});
