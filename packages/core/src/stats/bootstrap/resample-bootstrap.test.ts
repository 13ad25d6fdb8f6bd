import { describe, expect, it } from "vitest";
import { simulateTrial } from "../../../../../test/bootstrap/simulate.js";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import type { BlockMapper } from "./draw-blocks.js";
import { type ResampleBootstrapInput, refitResample, resampleBootstrap, resampleBootstrapAsync } from "./resample-bootstrap.js";
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
    // (five distinct control outcomes: a resample of five equal ones, whose HC1 SE would be 0, has probability 5·5^-5 = 0.0016)
    const oneArmOnly = { ...trial, design: { rows: 6, cols: 2, data: Float64Array.of(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1) }, y: Float64Array.of(1, 2, 3, 4, 6, 5) };
    const unstratified = resampleBootstrap({ type: "pairs", design: oneArmOnly.design, y: oneArmOnly.y, seType: "HC1", coefficients: [1], draws: 200, seed: 1 });
    // P(the treated row not drawn) = (5/6)^6 ≈ 0.335: some 67 of 200
    expect(unstratified.failed).toBeGreaterThan(40);
    const stratified = resampleBootstrap({ type: "pairs", design: oneArmOnly.design, y: oneArmOnly.y, strata: { codes: Int32Array.of(0, 0, 0, 0, 0, 1), count: 2 }, seType: "HC1", coefficients: [1], draws: 200, seed: 1 });
    // left: only resamples of five equal control outcomes (SE 0), ~0.3 expected in 200
    expect(stratified.failed).toBeLessThanOrEqual(2);
  });

  it("counts a resample whose standard error is zero or rounding error as failed, and refuses when more than half fail", () => {
    // y ~ treat on four rows, y = 1, 3 (control) and 2, 5 (treated): a resample estimates the
    // effect's SE only if it draws both values of each arm; otherwise each arm's outcome is
    // constant, the SE is 0 (or 1e-16) and t* would be 1e15 or more
    const design = { rows: 4, cols: 2, data: Float64Array.of(1, 1, 1, 1, 0, 1, 0, 1) };
    const y = Float64Array.of(1, 2, 3, 5);
    const slot = new Float64Array(2);
    refitResample({ type: "pairs", design, y, seType: "HC2", coefficients: [1], seed: 1, rank: 2 }, Int32Array.of(0, 0, 1, 1), undefined, slot);
    expect(Array.from(slot)).toEqual([NaN, NaN]);
    refitResample({ type: "pairs", design, y, seType: "HC2", coefficients: [1], seed: 1, rank: 2 }, Int32Array.of(0, 1, 2, 3), undefined, slot);
    expect(slot[0]).toBeCloseTo(1.5, 12); // (2 + 5)/2 − (1 + 3)/2
    // of the 4^4 = 256 resamples, 184 (72%, counted by enumeration) lose an arm, leave an arm one row
    // (leverage 1: no HC2) or make both arms constant (SE 0): refused, not summarised from the 28% left
    const e = errorOf<TrialstatError>(() => resampleBootstrap({ type: "pairs", design, y, seType: "HC2", coefficients: [1], draws: 200, seed: 1 }));
    expect(e.kind).toBe("analysis");
    expect(e.message).toMatch(/^\d+ of 200 bootstrap resamples could not support the model, more than half/);
  });

  it("refuses a pairs bootstrap of clustered standard errors and a cluster bootstrap without clusters", () => {
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, clusters: trial.clusters, seType: "CR2" })).message).toMatch(/ignores the clusters/);
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, type: "cluster" })).message).toMatch(/needs clusters/);
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, type: "cluster", clusters: trial.clusters })).message).toMatch(/cluster-robust/);
    expect(errorOf<TrialstatError>(() => resampleBootstrap({ ...pairs, draws: 1.5 })).message).toMatch(/whole number of draws/);
  });
});
