import { describe, expect, it } from "vitest";
import { minimumDetectableEffect } from "./minimum-detectable-effect.js";

describe("minimumDetectableEffect: Bloom's closed forms", () => {
  it("with normal quantiles, MDES = (z_.975 + z_.8) · √(1/(P(1 − P) n)) — Bloom's 2.8 standard errors", () => {
    const m = 1.959963984540054 + 0.8416212335729143;
    const r = minimumDetectableEffect({ n: 400, power: 0.8, distribution: "normal" });
    expect(r.multiplier).toBeCloseTo(m, 14);
    expect(r.mdes).toBeCloseTo(m * Math.sqrt(1 / (0.25 * 400)), 14);
    // and the n for that MDES comes back, as does the power for it
    expect(minimumDetectableEffect({ delta: r.mdes, power: 0.8, distribution: "normal" }).n).toBeCloseTo(400, 8);
    expect(minimumDetectableEffect({ n: 400, delta: r.mdes, distribution: "normal" }).power).toBeCloseTo(0.8, 12);
  });

  it("a cluster design with ICC 0 and a response rate is an individual design of J·m·r", () => {
    const cluster = minimumDetectableEffect({ clusters: 40, clusterSize: 30, icc: 0, power: 0.8, responseRate: 0.5, distribution: "normal" });
    const individual = minimumDetectableEffect({ n: 1200, power: 0.8, responseRate: 0.5, distribution: "normal" });
    expect(cluster.mdes).toBeCloseTo(individual.mdes, 14);
  });

  it("a binary outcome's MDE is in proportion points: MDES · √(p1(1 − p1)), and p2 = p1 + MDE", () => {
    const r = minimumDetectableEffect({ n: 1000, p1: 0.2, power: 0.8 });
    expect(r.sd).toBeCloseTo(0.4, 15);
    expect(r.delta).toBeCloseTo(r.mdes * 0.4, 15);
    expect(r.p2).toBeCloseTo(0.2 + r.delta, 15);
  });
});
