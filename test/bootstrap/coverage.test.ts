import { describe, expect, it } from "vitest";
import { resampleBootstrap, wildClusterBootstrap } from "@trialstat/core";
import { simulateTrial } from "./simulate.js";

// Coverage on simulated trials with a known effect (0.3): 200 data sets, 199 draws each. With 200
// independent data sets the share of 95% intervals covering the effect has standard deviation
// √(0.95·0.05/200) ≈ 0.015, so [0.90, 0.99] is about ±3.2 of them; an interval that ignored the
// heteroskedasticity or the clustering, or centred on the wrong value, falls well outside (shown by
// the control in each test). The data sets and draws are seeded, so the test is deterministic.
// A heavier run (1,000 data sets × 999 draws) is `pnpm bench bootstrap`.
const SETS = 200;
const DRAWS = 199;
const EFFECT = 0.3;
const covers = (ci: readonly [number, number]) => ci[0] <= EFFECT && EFFECT <= ci[1];

describe("bootstrap intervals cover a known effect at about their nominal rate", () => {
  it("pairs bootstrap, stratified by arm (n = 80, heteroskedastic): percentile and studentised", () => {
    let percentile = 0;
    let studentised = 0;
    let shifted = 0;
    for (let s = 0; s < SETS; s++) {
      const trial = simulateTrial(101, s, { clusters: 40, meanSize: 2, effect: EFFECT });
      const boot = resampleBootstrap({ type: "pairs", design: trial.design, y: trial.y, strata: trial.arm, seType: "HC2", coefficients: [1], draws: DRAWS, seed: s, nullValue: EFFECT });
      const c = boot.coefficients[0];
      if (covers(c.percentile)) percentile++;
      if (covers(c.studentised)) studentised++;
      // control: the same interval shifted by one bootstrap standard error covers far less often
      if (covers([c.percentile[0] + c.standardError, c.percentile[1] + c.standardError])) shifted++;
    }
    expect(percentile / SETS).toBeGreaterThanOrEqual(0.9);
    expect(percentile / SETS).toBeLessThanOrEqual(0.99);
    expect(studentised / SETS).toBeGreaterThanOrEqual(0.9);
    expect(studentised / SETS).toBeLessThanOrEqual(0.99);
    expect(shifted / SETS).toBeLessThan(0.9);
  });

  it("cluster bootstrap (30 clusters, intra-cluster correlation): percentile and studentised", () => {
    let percentile = 0;
    let studentised = 0;
    for (let s = 0; s < SETS; s++) {
      const trial = simulateTrial(202, s, { clusters: 30, meanSize: 6, effect: EFFECT, clusterSd: 0.7 });
      const boot = resampleBootstrap({ type: "cluster", design: trial.design, y: trial.y, clusters: trial.clusters, seType: "stata", coefficients: [1], draws: DRAWS, seed: s });
      const c = boot.coefficients[0];
      if (covers(c.percentile)) percentile++;
      if (covers(c.studentised)) studentised++;
    }
    expect(percentile / SETS).toBeGreaterThanOrEqual(0.9);
    expect(percentile / SETS).toBeLessThanOrEqual(0.99);
    expect(studentised / SETS).toBeGreaterThanOrEqual(0.9);
    expect(studentised / SETS).toBeLessThanOrEqual(0.99);
  });

  it("wild cluster bootstrap (WCR, 16 clusters): the test-inversion interval, and the test's size", () => {
    let covered = 0;
    let rejectedAtTruth = 0;
    let pairsIgnoringClusters = 0;
    for (let s = 0; s < SETS; s++) {
      const trial = simulateTrial(303, s, { clusters: 16, meanSize: 8, effect: EFFECT, clusterSd: 0.7 });
      const wild = wildClusterBootstrap({ design: trial.design, y: trial.y, clusters: trial.clusters, coefficient: 1, nullValue: EFFECT, draws: DRAWS, seed: s });
      if (covers(wild.confidenceInterval)) covered++;
      if (wild.pValue <= 0.05) rejectedAtTruth++;
      if (s < 50) {
        // control: the pairs bootstrap ignores the clustering and covers too rarely
        const pairs = resampleBootstrap({ type: "pairs", design: trial.design, y: trial.y, seType: "HC1", coefficients: [1], draws: DRAWS, seed: s });
        if (covers(pairs.coefficients[0].percentile)) pairsIgnoringClusters++;
      }
    }
    expect(covered / SETS).toBeGreaterThanOrEqual(0.9);
    expect(covered / SETS).toBeLessThanOrEqual(0.99);
    // inverting the test: covering the truth is not rejecting it
    expect(rejectedAtTruth).toBe(SETS - covered);
    expect(pairsIgnoringClusters / 50).toBeLessThan(0.85);
  });
});
