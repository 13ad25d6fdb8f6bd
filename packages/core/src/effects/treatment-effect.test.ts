import { describe, expect, it } from "vitest";
import { TrialstatError } from "../errors.js";
import { DesignCache } from "./design-cache.js";
import type { EffectInput } from "./effect-input.js";
import { subgroupEffects, treatmentEffect } from "./treatment-effect.js";

/**
 * Closed forms: with the arm alone in the model, the OLS effect is the difference in means and its
 * HC2 variance is Neyman's s₁²/n₁ + s₀²/n₀ (Samii & Aronow 2012); with a subgroup and nothing else,
 * the model is saturated and each level's effect and HC2 variance are those of the level alone.
 */
const y = Float64Array.of(3, 5, 4, 6, 9, 7, 10, 12, 8, 11, 2, 4);
const arm = Uint8Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
const level = ["a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b"];
const input = (over: Partial<EffectInput> = {}): EffectInput => ({ outcomeName: "y", y, arm, covariates: [], strata: [], model: "ols", seType: "HC2", ...over });

function meanVar(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, variance: values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) };
}
function neyman(rows: number[]): { effect: number; se: number } {
  const t = meanVar(rows.filter((i) => arm[i] === 1).map((i) => y[i]));
  const c = meanVar(rows.filter((i) => arm[i] === 0).map((i) => y[i]));
  const n1 = rows.filter((i) => arm[i] === 1).length;
  const n0 = rows.length - n1;
  return { effect: t.mean - c.mean, se: Math.sqrt(t.variance / n1 + c.variance / n0) };
}
const all = Array.from(y.keys());

describe("treatmentEffect, on plain inputs", () => {
  it("is the difference in means with Neyman's standard error when the arm is alone (HC2)", () => {
    const e = treatmentEffect(input());
    const want = neyman(all);
    expect(e.estimate.estimate).toBeCloseTo(want.effect, 12);
    expect(e.estimate.se).toBeCloseTo(want.se, 12);
    expect(e.estimate.df).toBe(10);
    expect(e.control.mean).toBeCloseTo(meanVar(all.filter((i) => !arm[i]).map((i) => y[i])).mean, 12);
    expect(e.control.sd ** 2).toBeCloseTo(meanVar(all.filter((i) => !arm[i]).map((i) => y[i])).variance, 12);
  });

  it("gives each level of a subgroup its own difference in means (a saturated model)", () => {
    const s = subgroupEffects(input(), { name: "s", kind: "categorical", values: level });
    expect(s.levels.map((l) => l.level)).toEqual(["a", "b"]);
    for (const l of s.levels) {
      const want = neyman(all.filter((i) => level[i] === l.level));
      expect(l.estimate.estimate).toBeCloseTo(want.effect, 12);
      expect(l.estimate.se).toBeCloseTo(want.se, 12);
    }
    expect(s.interactionP).toBeGreaterThan(0);
  });

  it("puts the plan's reference level first", () => {
    const s = subgroupEffects(input(), { name: "s", kind: "categorical", values: level, reference: "b" });
    expect(s.levels.map((l) => l.level)).toEqual(["b", "a"]);
  });

  it("never reuses a design built for another arm (randomisation inference re-randomises it)", () => {
    const cache = new DesignCache(4);
    const rowIds = Int32Array.from(all);
    const designs = { cache, rowIds, weightsId: "" };
    const x = { name: "x", kind: "numeric" as const, values: Float64Array.from(all, (i) => (i * 7) % 5) };
    const first = treatmentEffect(input({ covariates: [x], designs }));
    const rerandomised = Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0);
    const cached = treatmentEffect(input({ covariates: [x], designs, arm: rerandomised }));
    const fresh = treatmentEffect(input({ covariates: [x], arm: rerandomised }));
    expect(cached.estimate).toEqual(fresh.estimate);
    expect(cached.estimate.estimate).not.toBeCloseTo(first.estimate.estimate, 6);
    // the same arm and rows again: the cached factorisation gives the fresh fit's numbers
    expect(treatmentEffect(input({ covariates: [x], designs })).estimate.estimate).toBeCloseTo(first.estimate.estimate, 12);
  });

  it("refuses an outcome that does not vary, and an arm with nobody in it", () => {
    expect(() => treatmentEffect(input({ y: new Float64Array(12).fill(2) }))).toThrow(TrialstatError);
    expect(() => treatmentEffect(input({ arm: new Uint8Array(12) }))).toThrow("no treated participants");
  });
});
