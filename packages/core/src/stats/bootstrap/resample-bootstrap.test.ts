import { describe, expect, it } from "vitest";
import { simulateTrial } from "../../../../../test/bootstrap/simulate.js";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import type { BlockMapper } from "./draw-blocks.js";
import { type ResampleBootstrapInput, resampleBootstrap, resampleBootstrapAsync } from "./resample-bootstrap.js";
import { runBootstrapBlock } from "./run-block.js";

// Agreement with boot::boot on the same resamples is test/oracle/bootstrap.test.ts; coverage,
// test/bootstrap/coverage.test.ts. Here: determinism and failed resamples.
const trial = simulateTrial(9, 0, { clusters: 12, meanSize: 5, effect: 0.4, clusterSd: 0.5 });
const pairs: ResampleBootstrapInput = { type: "pairs", design: trial.design, y: trial.y, seType: "HC2", coefficients: [1, 2], draws: 150, seed: 5 };
const bytes = (r: object) => JSON.stringify(r, (_, v) => (v instanceof Float64Array ? Array.from(v) : v));

describe("pairs and cluster bootstrap: draws", () => {
  it("the same seed gives the same bytes; another seed other draws", () => {
    const a = resampleBootstrap(pairs);
    expect(bytes(resampleBootstrap({ ...pairs }))).toBe(bytes(a));
    const b = resampleBootstrap({ ...pairs, seed: 6 });
    expect(b.replicates[0]).not.toBe(a.replicates[0]);
    expect(b.coefficients[0].estimate).toBe(a.coefficients[0].estimate);
  });

  it("gives the same bytes whatever order the blocks run in", async () => {
    const reversed: BlockMapper = async (run, task, blocks) => [...blocks].reverse().map((b) => runBootstrapBlock(run, task, b)).reverse();
    const cluster: ResampleBootstrapInput = { ...pairs, type: "cluster", clusters: trial.clusters, seType: "stata" };
    expect(bytes(await resampleBootstrapAsync(pairs, reversed))).toBe(bytes(resampleBootstrap(pairs)));
    expect(bytes(await resampleBootstrapAsync(cluster, reversed))).toBe(bytes(resampleBootstrap(cluster)));
  });

  it("tells onProgress the draws done as each block of 64 finishes, here or through a mapper, with the same numbers", async () => {
    const here: [number, number][] = [];
    const plain = resampleBootstrap(pairs);
    // (onProgress is a function: bytes() leaves it out, so results compare as they are)
    expect(bytes(resampleBootstrap({ ...pairs, onProgress: (done, total) => here.push([done, total]) }))).toBe(bytes(plain));
    // 150 draws are blocks of 64, 64 and 22
    expect(here).toEqual([[64, 150], [128, 150], [150, 150]]);
    const mapped: [number, number][] = [];
    const reversed: BlockMapper = async (run, task, blocks, onBlockDone) => {
      const results = [...blocks].reverse().map((b) => {
        const r = runBootstrapBlock(run, task, b);
        onBlockDone?.(b);
        return r;
      });
      return results.reverse();
    };
    expect(bytes(await resampleBootstrapAsync({ ...pairs, onProgress: (done, total) => mapped.push([done, total]) }, reversed))).toBe(bytes(plain));
    expect(mapped).toEqual([[22, 150], [86, 150], [150, 150]]);
  });

  it("counts resamples that lose a coefficient as failed and leaves them out; strata by arm prevent them", () => {
    // a dummy that is 1 in two rows only: a resample that draws neither cannot estimate it
    const n = trial.y.length;
    const rare = new Float64Array(n);
    rare[0] = 1;
    rare[1] = 1;
    const data = new Float64Array(4 * n);
    data.set(trial.design.data);
    data.set(rare, 3 * n);
    const design = { rows: n, cols: 4, data };
    const boot = resampleBootstrap({ ...pairs, design, seType: "HC1", coefficients: [1], draws: 400 });
    // P(neither of 2 rows drawn) = (1 − 2/n)^n ≈ e^−2 ≈ 0.135
    expect(boot.failed).toBeGreaterThan(30);
    expect(boot.failed).toBeLessThan(90);
    let nan = 0;
    for (let b = 0; b < 400; b++) if (Number.isNaN(boot.replicates[2 * b])) nan++;
    expect(nan).toBe(boot.failed);
    expect(Number.isFinite(boot.coefficients[0].standardError)).toBe(true);
    // the arm is never lost when each arm keeps its size
    const oneArmOnly = { ...trial, design: { rows: 6, cols: 2, data: Float64Array.of(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1) }, y: Float64Array.of(1, 2, 3, 2, 1, 5) };
    const unstratified = resampleBootstrap({ type: "pairs", design: oneArmOnly.design, y: oneArmOnly.y, seType: "HC1", coefficients: [1], draws: 200, seed: 1 });
    expect(unstratified.failed).toBeGreaterThan(0);
    const stratified = resampleBootstrap({ type: "pairs", design: oneArmOnly.design, y: oneArmOnly.y, strata: { codes: Int32Array.of(0, 0, 0, 0, 0, 1), count: 2 }, seType: "HC1", coefficients: [1], draws: 200, seed: 1 });
    expect(stratified.failed).toBe(0);
  });

  it("refuses a pairs bootstrap of clustered standard errors and a cluster bootstrap without clusters", () => {
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, clusters: trial.clusters, seType: "CR2" })).message).toMatch(/ignores the clusters/);
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, type: "cluster" })).message).toMatch(/needs clusters/);
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, type: "cluster", clusters: trial.clusters })).message).toMatch(/cluster-robust/);
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, draws: 1.5 })).message).toMatch(/whole number of draws/);
  });
});
