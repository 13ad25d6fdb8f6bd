import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { TrialstatError } from "../errors.js";
import { talkingTherapiesChange, talkingTherapiesSummary } from "./talking-therapies.js";

/** One person's measures from [phq9 before, gad7 before, phq9 after, gad7 after]. */
function person(p0: number, g0: number, p1: number, g1: number) {
  const f = (v: number) => Float64Array.of(v);
  const c = talkingTherapiesChange({ phq9Before: f(p0), gad7Before: f(g0), phq9After: f(p1), gad7After: f(g1) });
  return {
    caseBefore: c.caseBefore[0],
    caseAfter: c.caseAfter[0],
    improvement: c.reliableImprovement[0],
    deterioration: c.reliableDeterioration[0],
    recovery: c.recovery[0],
    reliableRecovery: c.reliableRecovery[0],
  };
}

describe("NHS Talking Therapies change measures", () => {
  it.each([
    // caseness thresholds, both sides: PHQ-9 ≥ 10, GAD-7 ≥ 8
    [9, 7, 9, 7, { caseBefore: 0, caseAfter: 0 }],
    [10, 7, 10, 7, { caseBefore: 1, caseAfter: 1 }],
    [9, 8, 9, 8, { caseBefore: 1, caseAfter: 1 }],
  ])("caseness: PHQ-9 %i, GAD-7 %i", (p0, g0, p1, g1, expected) => {
    expect(person(p0, g0, p1, g1)).toMatchObject(expected);
  });

  it.each([
    // reliable change thresholds, both sides: PHQ-9 by 6, GAD-7 by 4
    ["PHQ-9 down 6", [20, 10, 14, 10], { improvement: 1, deterioration: 0 }],
    ["PHQ-9 down 5", [20, 10, 15, 10], { improvement: 0, deterioration: 0 }],
    ["GAD-7 down 4", [20, 10, 20, 6], { improvement: 1, deterioration: 0 }],
    ["GAD-7 down 3", [20, 10, 20, 7], { improvement: 0, deterioration: 0 }],
    ["PHQ-9 up 6", [5, 5, 11, 5], { improvement: 0, deterioration: 1 }],
    ["GAD-7 up 4", [5, 5, 5, 9], { improvement: 0, deterioration: 1 }],
    ["GAD-7 up 3", [5, 5, 5, 8], { improvement: 0, deterioration: 0 }],
    ["PHQ-9 down 6, GAD-7 up 4: neither", [20, 5, 14, 9], { improvement: 0, deterioration: 0 }],
    ["PHQ-9 down 6, GAD-7 up 3: improvement", [20, 5, 14, 8], { improvement: 1, deterioration: 0 }],
    ["PHQ-9 up 6, GAD-7 down 3: deterioration", [5, 10, 11, 7], { improvement: 0, deterioration: 1 }],
  ])("%s", (_, [p0, g0, p1, g1], expected) => {
    expect(person(p0, g0, p1, g1)).toMatchObject(expected);
  });

  it("recovery: a case at the start and on neither measure at the end; reliable recovery also improves reliably", () => {
    expect(person(15, 12, 7, 5)).toMatchObject({ caseBefore: 1, caseAfter: 0, recovery: 1, improvement: 1, reliableRecovery: 1 });
    // recovered without reliable improvement: 11 → 9 and 8 → 7
    expect(person(11, 8, 9, 7)).toMatchObject({ recovery: 1, improvement: 0, reliableRecovery: 0 });
    // still a case on GAD-7
    expect(person(15, 12, 7, 8)).toMatchObject({ caseAfter: 1, recovery: 0, reliableRecovery: 0 });
  });

  it("leaves recovery undefined for people who were not cases at the start", () => {
    const p = person(9, 7, 2, 1);
    expect(p).toMatchObject({ caseBefore: 0, improvement: 1 });
    expect(p.recovery).toBeNaN();
    expect(p.reliableRecovery).toBeNaN();
  });

  it("counts only people with both measures at both times", () => {
    const c = talkingTherapiesChange({
      phq9Before: Float64Array.of(15, 15, NaN, 12, 4),
      gad7Before: Float64Array.of(12, 12, 10, 9, 3),
      phq9After: Float64Array.of(5, NaN, 5, 12, 3),
      gad7After: Float64Array.of(4, 4, 4, 13, 2),
    });
    expect(Array.from(c.caseBefore)).toEqual([1, 1, NaN, 1, 0]);
    expect(Array.from(c.caseAfter)).toEqual([0, NaN, 0, 1, 0]);
    expect(Array.from(c.reliableImprovement)).toEqual([1, NaN, NaN, 0, 0]);
    expect(Array.from(c.reliableDeterioration)).toEqual([0, NaN, NaN, 1, 0]);
    expect(Array.from(c.recovery)).toEqual([1, NaN, NaN, 0, NaN]);
    expect(talkingTherapiesSummary(c)).toEqual({
      caseBefore: { count: 3, denominator: 4, rate: 0.75 },
      caseAfter: { count: 1, denominator: 4, rate: 0.25 },
      reliableImprovement: { count: 1, denominator: 3, rate: 1 / 3 },
      reliableDeterioration: { count: 1, denominator: 3, rate: 1 / 3 },
      recovery: { count: 1, denominator: 2, rate: 0.5 },
      reliableRecovery: { count: 1, denominator: 2, rate: 0.5 },
    });
  });

  it("rejects scores out of range and arrays of different lengths", () => {
    const e = errorOf<TrialstatError>(() =>
      talkingTherapiesChange({ phq9Before: Float64Array.of(28), gad7Before: Float64Array.of(1), phq9After: Float64Array.of(1), gad7After: Float64Array.of(1) }),
    );
    expect(e.message).toBe("phq9Before[0] is 28, outside 0-27");
    expect(e.location?.path).toBe("phq9Before[0]");
    expect(
      errorOf<TrialstatError>(() =>
        talkingTherapiesChange({ phq9Before: Float64Array.of(1), gad7Before: Float64Array.of(1, 2), phq9After: Float64Array.of(1), gad7After: Float64Array.of(1) }),
      ).message,
    ).toBe("gad7Before must be a Float64Array of 1 scores (as phq9Before)");
  });
});
