import { describe, expect, it } from "vitest";
import { resolveStars } from "./stars.js";

describe("resolveStars", () => {
  it("defaults to * p < 0.1, ** p < 0.05, *** p < 0.01", () => {
    const s = resolveStars(undefined);
    expect([0.2, 0.1, 0.099, 0.049, 0.0099].map(s.of)).toEqual(["", "", "*", "**", "***"]);
    expect(s.legend).toBe("* p < 0.1, ** p < 0.05, *** p < 0.01 (90%, 95%, 99% confidence; two-sided, unadjusted)");
  });
  it("takes the SAP's thresholds in any order, and can be switched off", () => {
    const s = resolveStars([0.01, 0.05]);
    expect([0.03, 0.001].map(s.of)).toEqual(["*", "**"]);
    expect(resolveStars(false).of(1e-9)).toBe("");
    expect(resolveStars(false).legend).toBe("");
  });
});
