import { describe, expect, it } from "vitest";
import type { EffectRow } from "./effect-row.js";
import { flatColumns, flattenRow, resultsJson, unflattenRow } from "./results.js";
import { analysisSettings } from "./settings.js";
import { effectUnit } from "./units.js";
import { outcomeCovariates } from "./kinds/kind.js";
import type { Sap } from "../sap/types.js";

const row: EffectRow = {
  population: "all",
  outcome: "employed",
  role: "primary",
  subgroup: null,
  level: null,
  analysis: "itt",
  estimate: 0.034,
  std_error: 0.01,
  statistic: 3.4,
  df: 120,
  p_value: 0.0009,
  p_adjusted: 0.0018,
  intervals: [
    { level: 0.9, low: 0.0174, high: 0.0506 },
    { level: 0.95, low: 0.0142, high: 0.0538 },
  ],
  stars: "***",
  effect: 3.4,
  effect_std_error: 1,
  effect_unit: "ppt",
  effect_intervals: [
    { level: 0.9, low: 1.74, high: 5.06 },
    { level: 0.95, low: 1.42, high: 5.38 },
  ],
  effect_size: 0.085,
  control_sd: 0.4,
  control_mean: 0.2,
  treated_mean: 0.234,
  relative_change: 0.17,
  n_control: 61,
  n_treated: 62,
  n_clusters: null,
  weights: null,
  se_type: "HC2",
  dist: "t",
  model: "ols",
  interaction_p: null,
};

describe("result rows", () => {
  it("flatten to results.json's fields in a fixed order, and read back the same", () => {
    const flat = flattenRow(row);
    expect(Object.keys(flat).slice(0, 15)).toEqual([
      "population", "outcome", "role", "subgroup", "level", "estimate", "std_error", "statistic", "df", "p_value", "p_adjusted",
      "conf_low_90", "conf_high_90", "conf_low_95", "conf_high_95",
    ]);
    expect(flat.effect_conf_high_95).toBe(5.38);
    expect(unflattenRow(flat, [0.9, 0.95])).toEqual(row);
  });

  it("carry the analyses beside the ITT as fields of their own, written only where they apply, and read back the same", () => {
    const augmented: EffectRow = {
      ...row,
      randomisation: { p_value: 0.002, draws: 10000, seed: 123, exact: false, assignments: null, conf_level: 0.95, conf_low: 0.01, conf_high: null, unit: "row", within: "strata" },
      bootstrap: { type: "pairs", draws: 999, seed: 7, p_value: 0.004, conf_level: 0.95, conf_low: 0.012, conf_high: 0.055, interval: "studentised", std_error: 0.0105, draws_failed: 0, weights: null, within: "arm" },
      bounds: { n_control: 70, n_treated: 70, response_control: 0.8, response_treated: 0.9, lee: { lower: 0.01, upper: 0.06, trimmed: "treated", trim_share: 1 / 9 } },
    };
    const cace: EffectRow = {
      ...row,
      analysis: "cace",
      complier: { take_up: "engaged", take_up_control: 0.05, take_up_treated: 0.6, first_stage_f: 140.2, first_stage_df1: 1, first_stage_df2: 118, first_stage_p: 1e-20 },
    };
    const flat = [flattenRow(row), flattenRow(augmented), flattenRow(cace)];
    expect("analysis" in flat[0]).toBe(false);
    expect(Object.keys(flat[2]).slice(4, 7)).toEqual(["level", "analysis", "estimate"]);
    const keys = Object.keys(flat[1]);
    expect(keys.slice(keys.indexOf("ri_unit"), keys.indexOf("ri_unit") + 4)).toEqual(["ri_unit", "ri_within", "boot_type", "boot_draws"]);
    expect(keys.slice(keys.indexOf("interaction_p"), keys.indexOf("interaction_p") + 2)).toEqual(["interaction_p", "ri_p_value"]);
    expect(flat[1].ri_exact).toBe(false);
    expect("worst_case_lower" in flat[1]).toBe(false);
    expect(unflattenRow(flat[1], [0.9, 0.95])).toEqual(augmented);
    expect(unflattenRow(flat[2], [0.9, 0.95])).toEqual(cace);
    // a table of rows with different groups: every field, in flattenRow's order whichever row comes first
    const columns = flatColumns([flat[2], flat[0], flat[1]]);
    expect(columns.slice(4, 7)).toEqual(["level", "analysis", "estimate"]);
    expect(columns.indexOf("ri_p_value")).toBeLessThan(columns.indexOf("boot_p_value"));
    expect(columns.indexOf("boot_within")).toBeLessThan(columns.indexOf("take_up"));
    expect(columns.indexOf("first_stage_p")).toBeLessThan(columns.indexOf("lee_lower"));
    expect(new Set(columns)).toEqual(new Set(flat.flatMap((f) => Object.keys(f))));
  });

  it("serialise as results.json with the rows flattened", () => {
    const doc = JSON.parse(resultsJson({ rows: [row] } as never));
    expect(doc.rows[0].conf_low_95).toBe(0.0142);
    expect(doc.rows[0].intervals).toBeUndefined();
  });
});

describe("units, written once", () => {
  it("scale ppt by 100, sd by the controls' SD, and leave currency and raw as they are", () => {
    expect(effectUnit({ name: "y", report: "ppt" }, 0.4, "")).toEqual({ unit: "ppt", factor: 100 });
    expect(effectUnit({ name: "y", report: "sd" }, 4, "")).toEqual({ unit: "sd", factor: 0.25 });
    expect(effectUnit({ name: "y", report: "currency", currency: "GBP" }, 4, "")).toEqual({ unit: "GBP", factor: 1 });
    expect(() => effectUnit({ name: "y", report: "sd" }, 0, "population all")).toThrow("does not vary in the control group (population all)");
  });
});

describe("analysis settings", () => {
  const sap = { populations: {}, outcomes: [] } as unknown as Sap;
  it("default to HC2 (CR2 with clusters), 90/95/99% intervals and the indicator method", () => {
    const s = analysisSettings(sap);
    expect([s.seType, s.levels, s.covariateMissing]).toEqual(["HC2", [0.9, 0.95, 0.99], "indicator"]);
    expect(analysisSettings({ ...sap, inference: { cluster: "clinic", se: "CR1", levels: [0.99, 0.9] } }).seType).toBe("stata");
    expect(analysisSettings({ ...sap, inference: { cluster: "clinic" } }).seType).toBe("CR2");
    expect(analysisSettings({ ...sap, inference: { levels: [0.99, 0.9] } }).levels).toEqual([0.9, 0.99]);
  });

  it("add an outcome's own covariates to the plan's, once each", () => {
    const s = analysisSettings({ ...sap, covariates: { variables: ["age", "gender"] } });
    expect(outcomeCovariates(s, { name: "w12", covariates: ["w0", "age"] } as never)).toEqual(["age", "gender", "w0"]);
  });

  it("keep reference levels in a map, so a variable named __proto__ is an ordinary key", () => {
    const s = analysisSettings({ ...sap, reference: JSON.parse('{"__proto__": "B", "site": 3}') });
    expect([...s.reference]).toEqual([["__proto__", "B"], ["site", "3"]]);
    expect(s.reference.get("constructor")).toBeUndefined();
  });
});
