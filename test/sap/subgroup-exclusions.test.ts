import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { miniCopy } from "./mini-copy.js";
import { runSap } from "./run-sap.js";

// participants 0002–0011: none withdrew (test/sap/mini/data/withdrawals.csv), so all ten are in
// population `all` and analysed for the administrative outcomes
const blanked = new Set(["0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011"]);
const blankGender = (text: string) =>
  text
    .split("\n")
    .map((row) => {
      const cells = row.split(",");
      if (!blanked.has(cells[0])) return row;
      cells[6] = ""; // id,randomised_on,arm,site,group,age,gender,score0
      return cells.join(",");
    })
    .join("\n");

describe("participants without a value of a subgroup", () => {
  // the non-response weights take gender too: an indicator for its missing values there
  const sap = (text: string) => text.replace("within: [site, arm] }", "within: [site, arm], missing_covariates: indicator }");
  const run = runSap(join(miniCopy({ sap, files: { "data/baseline.csv": blankGender } }), "sap.yaml"));

  it("are left out of that subgroup's effects only, and counted by arm in the flow", () => {
    const rows = run.results.rows.filter((r) => r.population === "all" && r.outcome === "earnings12" && r.analysis === "itt");
    const overall = rows.find((r) => r.subgroup === null)!;
    const levels = rows.filter((r) => r.subgroup === "gender");
    const inLevels = levels.reduce((n, r) => n + r.n_control + r.n_treated, 0);
    expect(overall.n_control + overall.n_treated - inLevels).toBe(blanked.size);
    // counted in the flow by arm, for every outcome of the population (the survey outcomes analyse respondents only)
    const flow = run.flow.outcomes.find((o) => o.population === "all" && o.outcome === "earnings12")!;
    expect(flow.subgroup_missing?.gender).toEqual({ treated: overall.n_treated - levels.reduce((n, r) => n + r.n_treated, 0), control: overall.n_control - levels.reduce((n, r) => n + r.n_control, 0), total: blanked.size });
    for (const o of run.flow.outcomes.filter((o) => o.population === "all")) expect(o.subgroup_missing?.gender?.total).toBeGreaterThan(0);
  });
});
