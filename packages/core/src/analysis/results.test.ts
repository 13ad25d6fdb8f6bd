import { describe, expect, it } from "vitest";
import type { EffectRow } from "./effect-row.js";
import { flattenRow, resultsJson, unflattenRow } from "./results.js";
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
