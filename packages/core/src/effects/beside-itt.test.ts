import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import type { TrialstatError } from "../errors.js";
import { randomStream } from "../random/streams.js";
import { standardNormal } from "../random/normal.js";
import { bootstrapEffect } from "./bootstrap-effect.js";
import { complierEffect } from "./complier-effect.js";
import type { EffectInput } from "./effect-input.js";
import { linEffect } from "./lin-effect.js";
import { randomisationEffect } from "./randomisation-effect.js";
import { treatmentEffect } from "./treatment-effect.js";

/** 12 clusters of 5, the arm assigned by cluster (alternately), one covariate. */
function clusterTrial(): EffectInput {
  const rng = randomStream(7, "test-data");
  const n = 60;
  const cluster = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 5));
  const arm = Uint8Array.from(cluster, (c) => c % 2);
  const x = Float64Array.from({ length: n }, () => standardNormal(rng));
  const y = Float64Array.from(x, (v, i) => 1 + 0.4 * arm[i] + 0.5 * v + standardNormal(rng));
  return {
    outcomeName: "y",
    y,
    arm,
    covariates: [{ name: "x", kind: "numeric", values: x }],
    strata: [],
    clusters: { codes: cluster, count: 12, label: "site" },
    model: "ols",
    seType: "CR2",
    where: "outcome y, population all",
  };
}

describe("the estimators beside the ITT, on an effect input", () => {
  it("randomisation inference re-randomises whole clusters when the arm is constant within them, from the ITT's estimate", () => {
    const input = clusterTrial();
    const r = randomisationEffect(input, { draws: 1000, seed: 1, level: 0.95 });
    expect(r.unit).toBe("cluster");
    // 12 clusters, 6 treated: C(12, 6) = 924 assignments, every one enumerated
    expect(r.ri).toMatchObject({ exact: true, assignments: 924, draws: 924, units: 12 });
    expect(r.ri.estimate).toBeCloseTo(treatmentEffect(input).estimate.estimate, 12);
    const mixed = { ...input, arm: Uint8Array.from(input.arm, (a, i) => (i === 0 ? 1 - a : a)) };
    expect(randomisationEffect(mixed, { draws: 50, seed: 1, level: 0.95 }).warnings).toContain("the arm varies within clusters of site, so randomisation inference re-randomises participants, not clusters");
  });

  it("the bootstrap resamples clusters within arms when they nest in them; the wild bootstrap enumerates few clusters", () => {
    const input = clusterTrial();
    expect(bootstrapEffect(input, { type: "cluster", draws: 49, seed: 1, level: 0.95 })).toMatchObject({ type: "cluster", draws: 49, within: "arm", interval: "studentised" });
    expect(bootstrapEffect(input, { type: "wild", draws: 9999, seed: 1, level: 0.95 })).toMatchObject({ type: "wild", draws: 4096, within: null, interval: "inversion", weights: "rademacher" });
    const unclustered = { ...input, clusters: undefined, seType: "HC2" as const };
    expect(errorOf<TrialstatError>(() => bootstrapEffect(unclustered, { type: "wild", draws: 99, seed: 1, level: 0.95 })).message).toBe("outcome y, population all: the wild cluster bootstrap needs clusters");
    expect(errorOf<TrialstatError>(() => bootstrapEffect(input, { type: "pairs", draws: 99, seed: 1, level: 0.95 })).message).toBe(
      "outcome y, population all (pairs bootstrap): the pairs bootstrap resamples rows one by one, which ignores the clusters",
    );
  });

  it("refuse a logit's input, and the CACE a take-up that is not 0/1", () => {
    const logit = { ...clusterTrial(), model: "logit" as const };
    expect(errorOf<TrialstatError>(() => linEffect(logit)).message).toBe("outcome y, population all: Lin's adjustment is a linear model, and this outcome is modelled by a logit");
    expect(errorOf<TrialstatError>(() => randomisationEffect(logit, { draws: 10, seed: 1, level: 0.95 })).message).toMatch(/not yet for a logit$/);
    const input = { ...clusterTrial(), describeRow: (i: number) => `participant P${i + 1}` };
    const takeUp = Float64Array.from(input.arm);
    takeUp[3] = NaN;
    expect(errorOf<TrialstatError>(() => complierEffect(input, takeUp, "engaged")).message).toBe("the take-up engaged is missing for participant P4");
  });

  it("the CACE with full compliance is the ITT; with none of the controls taking up, the ITT over the treated's take-up (closed form)", () => {
    const input = { ...clusterTrial(), covariates: [], clusters: undefined, seType: "HC2" as const };
    const itt = treatmentEffect(input).estimate.estimate;
    expect(complierEffect(input, Float64Array.from(input.arm), "engaged").estimate.estimate).toBeCloseTo(itt, 10);
    // the treated take up in half the rows: the Wald estimator, ITT / (0.5 − 0)
    const half = Float64Array.from(input.arm, (a, i) => (a === 1 && i % 2 === 0 ? 1 : 0));
    const share = half.reduce((s, v) => s + v, 0) / input.arm.reduce((s, v) => s + v, 0);
    const e = complierEffect(input, half, "engaged");
    expect(e.estimate.estimate).toBeCloseTo(itt / share, 10);
    expect(e.takeUp).toEqual({ control: 0, treated: share });
  });
});
