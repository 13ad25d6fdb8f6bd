import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import { leeBounds, trimmedMean } from "./lee-bounds.js";
import { worstCaseBounds } from "./worst-case-bounds.js";

describe("Lee bounds", () => {
  it("trims the arm that responds more, by the share (q1 − q0)/q1 (the doc example, by hand)", () => {
    const b = leeBounds({ y: [3, 5, 8, NaN, 4, 6, NaN, NaN], arm: [1, 1, 1, 1, 0, 0, 0, 0] });
    expect(b.trimmed).toBe("treated");
    expect(b.trimShare).toBeCloseTo(1 / 3, 15);
    expect(b.lower).toBeCloseTo(-1, 14);
    expect(b.upper).toBeCloseTo(1.5, 14);
    // the control arm responding more: its mean is trimmed, the signs follow
    const c = leeBounds({ y: [4, 6, NaN, NaN, 3, 5, 8, null], arm: [1, 1, 1, 1, 0, 0, 0, 0] });
    expect(c.trimmed).toBe("control");
    expect(c.lower).toBeCloseTo(5 - 6.5, 14);
    expect(c.upper).toBeCloseTo(5 - 4, 14);
  });

  it("removes exactly the share p, splitting a tied or fractional unit (binary outcome)", () => {
    // treated: 10 respond of 10, 6 employed; control: 8 of 10. p = 0.2: remove 2 of 10
    const y = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, ...[1, 1, 1, 1, 0, 0, 0, 0, NaN, NaN]];
    const arm = [...Array(10).fill(1), ...Array(10).fill(0)];
    const b = leeBounds({ y, arm });
    expect(b.lower).toBeCloseTo(4 / 8 - 0.5, 14); // two 1s removed
    expect(b.upper).toBeCloseTo(6 / 8 - 0.5, 14); // two 0s removed
    expect(trimmedMean({ y: Float64Array.of(1, 2, 3), w: Float64Array.of(1, 1, 1) }, 0.5, "top")).toBeCloseTo((1 + 0.5 * 2) / 1.5, 14);
  });

  it("lies around the respondents' difference, and collapses to it with equal response (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.option(fc.double({ min: -5, max: 5, noNaN: true }), { freq: 3 }), fc.double({ min: 0.2, max: 3, noNaN: true })), { minLength: 4, maxLength: 60 }), (units) => {
        const arm = units.map(([a]) => a);
        const y = units.map(([, v]) => v);
        const w = units.map(([, , x]) => x);
        const both = [0, 1].every((a) => units.some(([b, v]) => b === a && v !== null));
        if (!both) return;
        const b = leeBounds({ y, arm, weights: w });
        expect(b.lower).toBeLessThanOrEqual(b.respondentDifference + 1e-12);
        expect(b.upper).toBeGreaterThanOrEqual(b.respondentDifference - 1e-12);
        expect(b.trimShare).toBeGreaterThanOrEqual(0);
        expect(b.trimShare).toBeLessThan(1);
      }),
      { numRuns: 200 },
    );
    const equal = leeBounds({ y: [1, 2, NaN, 3, 5, NaN], arm: [1, 1, 1, 0, 0, 0] });
    expect(equal.trimmed).toBe("none");
    expect(equal.lower).toBe(equal.upper);
  });
});

describe("worst-case (Manski) bounds", () => {
  it("set missing outcomes to 0 and 1 against the effect (the doc example, by hand)", () => {
    const b = worstCaseBounds({ y: [1, 0, NaN, 1, NaN, 0], arm: [1, 1, 1, 0, 0, 0] });
    expect(b.lower).toBeCloseTo(-1 / 3, 15);
    expect(b.upper).toBeCloseTo(1 / 3, 15);
    // width = (1 − q1) + (1 − q0) for a binary outcome
    expect(b.upper - b.lower).toBeCloseTo(2 / 3, 15);
    const r = worstCaseBounds({ y: [10, 20, NaN, 15], arm: [1, 1, 0, 0], range: [0, 40] });
    expect(r.lower).toBeCloseTo(15 - (0.5 * 15 + 0.5 * 40), 12);
    expect(r.upper).toBeCloseTo(15 - 0.5 * 15, 12);
  });

  it("refuses outcomes outside the range and bad design weights", () => {
    expect(errorOf<TrialstatError>(() => worstCaseBounds({ y: [2, 0, 1, 0], arm: [1, 1, 0, 0] })).message).toBe("an outcome of 2 lies outside the range [0, 1]");
    expect(errorOf<TrialstatError>(() => leeBounds({ y: [2, 0, 1, 0], arm: [1, 1, 0, 0], weights: [1, 1, 0, 1] })).message).toBe("unit 3: the weight is 0");
    expect(errorOf<TrialstatError>(() => leeBounds({ y: [2, 0, NaN, NaN], arm: [1, 1, 0, 0] })).message).toBe("no control unit has an outcome");
    expect(errorOf<TrialstatError>(() => leeBounds({ y: [2, 0, 1, 1], arm: [1, 1, 0, 2] })).message).toBe("unit 4: the arm is 2, not 0 or 1");
  });
});
