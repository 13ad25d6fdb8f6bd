import { describe, expect, it } from "vitest";
import type { Sap } from "../sap/types.js";
import { checkDeclared, declaredAnalyses } from "./conformance.js";
import type { EffectRow } from "./effect-row.js";
import { bootstrapType, plannedOutcomes, requestedAnalyses } from "../sap/plan-analyses.js";
import type { ResultsDocument } from "./results.js";

const sap = {
  treatment: { column: "arm", treated: "T", control: "C" },
  populations: { all: {}, scr: {} },
  outcomes: [
    { name: "employed", role: "primary", type: "binary", report: "ppt", lin: false, bounds: ["worst_case"] },
    { name: "earnings", role: "primary", type: "continuous", report: "raw" },
    { name: "wellbeing", role: "secondary", type: "continuous", report: "sd", populations: ["scr"], bounds: ["lee"] },
  ],
  covariates: { variables: ["age"], lin: true },
  inference: { randomisation: { draws: 100, seed: 1, outcomes: ["earnings"] }, bootstrap: { draws: 99, seed: 1, populations: ["scr"] } },
  take_up: { variable: "engaged", outcomes: ["employed"], populations: ["all"] },
} as unknown as Sap;

describe("the analyses a plan asks for beside the ITT", () => {
  it("follow each scope: an outcome's own lin over covariates.lin, lists of outcomes and populations, bounds per outcome", () => {
    expect(plannedOutcomes(sap).map((p) => `${p.population}/${p.outcome.name}`)).toEqual(["all/employed", "all/earnings", "scr/employed", "scr/earnings", "scr/wellbeing"]);
    expect(requestedAnalyses(sap, "all", sap.outcomes[0])).toEqual({ lin: false, cace: true, randomisation: false, bootstrap: false, bounds: ["worst_case"] });
    expect(requestedAnalyses(sap, "scr", sap.outcomes[1])).toEqual({ lin: true, cace: false, randomisation: true, bootstrap: true, bounds: [] });
    expect(bootstrapType(sap)).toBe("pairs");
    expect(bootstrapType({ ...sap, inference: { ...sap.inference, cluster: "site" } })).toBe("wild");
  });

  it("are declared for conformance, and found in rows of their kind or fields of the ITT row", () => {
    expect(declaredAnalyses(sap).filter((d) => d.startsWith("scr / "))).toEqual([
      "scr / employed / overall",
      "scr / employed / overall: bootstrap",
      "scr / employed / overall: worst-case bounds",
      "scr / earnings / overall",
      "scr / earnings / overall: Lin's adjustment",
      "scr / earnings / overall: randomisation inference",
      "scr / earnings / overall: bootstrap",
      "scr / wellbeing / overall",
      "scr / wellbeing / overall: Lin's adjustment",
      "scr / wellbeing / overall: bootstrap",
      "scr / wellbeing / overall: Lee bounds",
    ]);
    const row = (population: string, outcome: string, analysis: EffectRow["analysis"], extra: Partial<EffectRow> = {}) => ({ population, outcome, subgroup: null, analysis, ...extra }) as EffectRow;
    const bootstrap = {} as EffectRow["bootstrap"];
    const rows = [
      row("all", "employed", "itt", { bounds: { n_control: 1, n_treated: 1, response_control: 1, response_treated: 1, worst_case: { lower: 0, upper: 0 } } }),
      row("all", "earnings", "itt", { randomisation: {} as EffectRow["randomisation"] }),
      row("scr", "employed", "itt", { bootstrap, bounds: { n_control: 1, n_treated: 1, response_control: 1, response_treated: 1, worst_case: { lower: 0, upper: 0 } } }),
      row("scr", "earnings", "itt", { bootstrap, randomisation: {} as EffectRow["randomisation"] }),
      row("scr", "wellbeing", "itt", { bootstrap, bounds: { n_control: 1, n_treated: 1, response_control: 1, response_treated: 1, lee: { lower: 0, upper: 0, trimmed: "none", trim_share: 0 } } }),
      row("all", "earnings", "lin"),
      row("scr", "earnings", "lin"),
      row("scr", "wellbeing", "lin"),
      row("all", "employed", "cace"),
    ];
    expect(checkDeclared(sap, { rows } as ResultsDocument)).toEqual([]);
    const without = rows.map((r) => (r.population === "scr" && r.outcome === "earnings" && r.analysis === "itt" ? { ...r, randomisation: undefined } : r));
    expect(checkDeclared(sap, { rows: [...without, row("scr", "employed", "cace")] } as ResultsDocument)).toEqual([
      "missing analysis: scr / earnings / overall: randomisation inference is declared in the SAP but not in the results",
      "undeclared analysis: scr / employed / overall: complier average causal effect is in the results but not in the SAP",
    ]);
  });
});
