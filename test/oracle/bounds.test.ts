import { describe, expect, it } from "vitest";
import { leeBounds, worstCaseBounds } from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";

// Reference values made by test/oracle/bounds.R (Lee's trimming bounds by hand from the paper's
// quantile formula; worst/best-case bounds with missing outcomes filled by 0 and 1); see that script.
interface Case {
  name: string;
  y: (number | null)[];
  arm: number[];
  weights: number[] | null;
  lee: { lower: number; upper: number; trimmed: string; trim_share: number; q1: number; q0: number; respondent_difference: number };
  manski: { lower: number; upper: number } | null;
}
const cases = readJson<{ cases: Case[] }>("test/oracle/bounds.json").cases;

describe("bounds for missing outcomes agree with R", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const input = { y: c.y, arm: c.arm, weights: c.weights ?? undefined };
    const lee = leeBounds(input);
    expect(lee.trimmed).toBe(c.lee.trimmed);
    expectClose(lee.trimShare, c.lee.trim_share, 1e-13, "trim share");
    expectClose(lee.responseRateTreated, c.lee.q1, 1e-14, "q1");
    expectClose(lee.responseRateControl, c.lee.q0, 1e-14, "q0");
    expectClose(lee.respondentDifference, c.lee.respondent_difference, 1e-11, "respondent difference");
    expectClose(lee.lower, c.lee.lower, 1e-11, "Lee lower");
    expectClose(lee.upper, c.lee.upper, 1e-11, "Lee upper");
    if (c.manski) {
      const m = worstCaseBounds(input);
      expectClose(m.lower, c.manski.lower, 1e-13, "worst-case lower");
      expectClose(m.upper, c.manski.upper, 1e-13, "worst-case upper");
    }
  });
});
