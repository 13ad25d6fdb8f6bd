import { describe, expect, it } from "vitest";
import { simulateTrial } from "../../../../../test/bootstrap/simulate.js";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import { WEBB_POINTS } from "../../random/wild-weights.js";
import type { BlockMapper } from "./draw-blocks.js";
import { runBootstrapBlock } from "./run-block.js";
import { type WildBootstrapInput, wildClusterBootstrap, wildClusterBootstrapAsync, wildWeights } from "./wild-cluster-bootstrap.js";

// Agreement with R (brute-force refits of every sign vector) is test/oracle/bootstrap.test.ts; with
// boottest's published example, test/bootstrap/boottest-example.test.ts. Here: determinism and the
// rules of the draws.
const trial = simulateTrial(7, 0, { clusters: 14, meanSize: 6, effect: 0.4, clusterSd: 0.5 });
const input: WildBootstrapInput = { design: trial.design, y: trial.y, clusters: trial.clusters, coefficient: 1, draws: 999, seed: 42, weightType: "webb" };
const bytes = (r: object) => JSON.stringify(r, (_, v) => (v instanceof Float64Array ? Array.from(v) : v));

describe("wild cluster bootstrap: draws", () => {
  it("the same seed gives the same bytes; another seed other draws", () => {
    const a = wildClusterBootstrap(input);
    const b = wildClusterBootstrap({ ...input });
    expect(bytes(a)).toBe(bytes(b));
    const c = wildClusterBootstrap({ ...input, seed: 43 });
    expect(c.statistic).toBe(a.statistic);
    let same = 0;
    for (let d = 0; d < 999; d++) if (c.bootstrapStatistics[d] === a.bootstrapStatistics[d]) same++;
    expect(same).toBeLessThan(5);
  });

  it("gives the same bytes whatever order and grouping the blocks run in", async () => {
    const reversed: BlockMapper = async (run, task, blocks) => {
      const out = new Array<Float64Array>(blocks.length);
      for (let i = blocks.length - 1; i >= 0; i--) out[i] = runBootstrapBlock(run, task, blocks[i]);
      return out;
    };
    expect(bytes(await wildClusterBootstrapAsync(input, reversed))).toBe(bytes(wildClusterBootstrap(input)));
  });

  it("draw b's weights come from its own stream: Webb's six points, or Rademacher ±1", () => {
    const webb = wildWeights({ seed: 1, weightType: "webb", enumerate: false, clusters: 500 }, 3);
    expect(new Set(webb).size).toBe(6);
    for (const v of webb) expect(WEBB_POINTS).toContain(v);
    const rademacher = wildWeights({ seed: 1, weightType: "rademacher", enumerate: false, clusters: 500 }, 3);
    expect([...new Set(rademacher)].sort()).toEqual([-1, 1]);
    expect(wildWeights({ seed: 1, weightType: "rademacher", enumerate: false, clusters: 50 }, 4)).not.toEqual(wildWeights({ seed: 1, weightType: "rademacher", enumerate: false, clusters: 50 }, 3));
  });

  it("enumerates every Rademacher sign vector when 2^G ≤ draws (B = 2^G, seed irrelevant), never for Webb weights", () => {
    const small = simulateTrial(8, 0, { clusters: 6, meanSize: 5, effect: 0.4 });
    const base = { design: small.design, y: small.y, clusters: small.clusters, coefficient: 1 };
    const exact = wildClusterBootstrap({ ...base, draws: 64, seed: 1 });
    expect(exact.enumerated).toBe(true);
    expect(exact.draws).toBe(64);
    // progress counts the draws made: every sign vector, 2^6, however many were asked for
    const told: [number, number][] = [];
    wildClusterBootstrap({ ...base, draws: 999, seed: 1, onProgress: (done, total) => told.push([done, total]) });
    expect(told).toEqual([[64, 64]]);
    expect(bytes(wildClusterBootstrap({ ...base, draws: 999, seed: 2 }))).toBe(bytes({ ...exact, seed: 2 }));
    expect(wildClusterBootstrap({ ...base, draws: 63, seed: 1 }).enumerated).toBe(false);
    expect(wildClusterBootstrap({ ...base, draws: 999, seed: 1, weightType: "webb" }).enumerated).toBe(false);
    // draw b flips the clusters whose bit is set: draw 0 is all ones, draw 2^G − 1 all minus ones
    const task = { seed: 1, weightType: "rademacher" as const, enumerate: true, clusters: 6 };
    expect(Array.from(wildWeights(task, 0))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(wildWeights(task, 5))).toEqual([-1, 1, -1, 1, 1, 1]);
    expect(Array.from(wildWeights(task, 63))).toEqual([-1, -1, -1, -1, -1, -1]);
    // under WCR those two reproduce ±t exactly and never count as exceeding
    expect(Math.abs(exact.bootstrapStatistics[0])).toBe(Math.abs(exact.statistic));
    expect(Math.abs(exact.bootstrapStatistics[63])).toBe(Math.abs(exact.statistic));
    const exceeding = Array.from(exact.bootstrapStatistics).filter((t) => Math.abs(t) > Math.abs(exact.statistic)).length;
    expect(exact.pValue).toBe(exceeding / 64);
  });

  it("the interval inverts the test: its ends have p-value at the boundary, the estimate p = 1", () => {
    const result = wildClusterBootstrap({ ...input, weightType: "rademacher" });
    const [low, high] = result.confidenceInterval;
    const p = (r: number) => wildClusterBootstrap({ ...input, weightType: "rademacher", nullValue: r }).pValue;
    const eps = 1e-7 * (high - low);
    expect(p(low + eps)).toBeGreaterThan(0.05);
    expect(p(low - eps)).toBeLessThanOrEqual(0.05);
    expect(p(high - eps)).toBeGreaterThan(0.05);
    expect(p(high + eps)).toBeLessThanOrEqual(0.05);
    expect(p(result.estimate)).toBeGreaterThan(0.9);
    // the same interval whatever null is tested
    const other = wildClusterBootstrap({ ...input, weightType: "rademacher", nullValue: 0.7 }).confidenceInterval;
    expect(other[0]).toBeCloseTo(low, 10);
    expect(other[1]).toBeCloseTo(high, 10);
  });

  it("WCU: the interval is the estimate ± se · (a bootstrap quantile of |t*|), symmetric", () => {
    const result = wildClusterBootstrap({ ...input, imposeNull: false });
    const [low, high] = result.confidenceInterval;
    expect((low + high) / 2).toBeCloseTo(result.estimate, 12);
    const sorted = Array.from(result.bootstrapStatistics, Math.abs).sort((a, b) => b - a);
    // m = 50: the smallest count of exceeding draws with m/999 > 0.05
    expect((high - result.estimate) / result.standardError).toBeCloseTo(sorted[49], 10);
  });

  it("refuses what it cannot do, with a hint", () => {
    expect(errorOf<TrialstatError>(() => wildClusterBootstrap({ ...input, draws: 1 })).message).toMatch(/at least 2/);
    expect(errorOf<TrialstatError>(() => wildClusterBootstrap({ ...input, clusters: { codes: new Int32Array(trial.y.length), count: 1 } })).message).toMatch(/at least 2 clusters/);
    expect(errorOf<TrialstatError>(() => wildClusterBootstrap({ ...input, weightType: "mammen" as "webb" })).message).toMatch(/unknown wild bootstrap weights/);
  });

  it("refuses a test its weight vectors cannot resolve: the constant ones (k of k^G) tie with t, so p cannot go below k^(1−G)", () => {
    const withClusters = (G: number) => ({ ...input, clusters: { codes: Int32Array.from(trial.y, (_, i) => i % G), count: G } });
    const refused = (G: number, weightType: "rademacher" | "webb", level = 0.95) => {
      try {
        wildClusterBootstrap({ ...withClusters(G), weightType, level, draws: 999 });
        return false;
      } catch (e) {
        expect((e as TrialstatError).kind).toBe("analysis");
        return true;
      }
    };
    // Rademacher: 2^(1−G) = 1/2, 1/4, 1/8, 1/16 ≥ 0.05 for G = 2 to 5; 1/32 < 0.05 at G = 6
    expect([2, 3, 4, 5, 6, 7].map((G) => refused(G, "rademacher"))).toEqual([true, true, true, true, false, false]);
    // at 90%: 1/16 < 0.10, so 5 clusters resolve it
    expect([4, 5].map((G) => refused(G, "rademacher", 0.9))).toEqual([true, false]);
    // Webb: 6^(1−G) = 1/6 ≥ 0.05 at G = 2; 1/36 < 0.05 at G = 3
    expect([2, 3].map((G) => refused(G, "webb"))).toEqual([true, false]);
    const e = errorOf<TrialstatError>(() => wildClusterBootstrap({ ...withClusters(4), weightType: "rademacher" }));
    expect(e.message).toBe("with 4 clusters, 2 of the 16 Rademacher weight vectors (12.5%) are constant and reproduce the test statistic itself, so the wild bootstrap cannot reject at the 95% level or bound a 95% interval");
    expect(e.hint).toContain("--bootstrap-weights webb");
  });
});
