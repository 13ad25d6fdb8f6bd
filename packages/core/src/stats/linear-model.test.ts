import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomStream } from "../random/streams.js";
import { uniformSource } from "../random/uniform.js";
import { type DenseMatrix, zeros } from "./linalg/dense.js";
import { type LinearModelFit, fitLinearModel } from "./linear-model.js";
import type { LinearSeType } from "./variance/types.js";

/** A design with an intercept, a 0/1 treatment, continuous covariates and a rare dummy, from a seed. */
function design(n: number, k: number, seed: number): { x: DenseMatrix; next: () => number } {
  const next = uniformSource(randomStream(seed, "test-design"));
  const x = zeros(n, k);
  for (let i = 0; i < n; i++) {
    x.data[i] = 1;
    x.data[i + n] = next() < 0.5 ? 1 : 0;
    x.data[i + 2 * n] = i % 10 === 0 || next() < 0.05 ? 1 : 0;
    for (let j = 3; j < k; j++) x.data[i + j * n] = 40 + 12 * (next() + next() - 1) + j;
  }
  return { x, next };
}

function expectSameFit(reused: LinearModelFit, fresh: LinearModelFit): void {
  expect(reused.kept).toEqual(fresh.kept);
  expect(reused.dfResidual).toBe(fresh.dfResidual);
  const scale = Math.max(...Array.from(fresh.coefficients, Math.abs), 1);
  fresh.coefficients.forEach((b, j) => expect(Math.abs(reused.coefficients[j] - b) / scale).toBeLessThan(1e-11));
  fresh.variance.matrix.data.forEach((v, j) => expect(Math.abs(reused.variance.matrix.data[j] - v)).toBeLessThanOrEqual(1e-11 * Math.abs(v) + 1e-15));
  fresh.variance.df.forEach((d, j) => expect(reused.variance.df[j]).toBeCloseTo(d, 9));
  expect(reused.rSquared).toBeCloseTo(fresh.rSquared, 11);
}

describe("fitting another response on a factored design", () => {
  it("gives the fit that a fresh factorisation gives (OLS and WLS, HC and cluster-robust)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 400 }),
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.constantFrom<LinearSeType>("classical", "HC0", "HC1", "HC2", "HC3", "CR0", "stata", "CR2"),
        fc.boolean(),
        (n, k, seed, seType, weighted) => {
          const { x, next } = design(n, k, seed);
          const weights = weighted ? Float64Array.from({ length: n }, () => 0.2 + 3 * next()) : undefined;
          const clustered = seType === "CR0" || seType === "stata" || seType === "CR2";
          const clusters = clustered ? { codes: Int32Array.from({ length: n }, (_, i) => i % 7), count: 7 } : undefined;
          const y1 = Float64Array.from({ length: n }, (_, i) => x.data[i + n] * 2 + 0.1 * x.data[i + 3 * n] + next() * 5);
          const y2 = Float64Array.from({ length: n }, () => (next() < 0.3 ? 1 : 0)); // a binary outcome, as a linear probability model
          const names = Array.from({ length: k }, (_, j) => `x${j}`);
          const contrasts = [Float64Array.from({ length: k }, (_, j) => (j === 1 || j === 2 ? 1 : 0))];
          const first = fitLinearModel({ design: x, names, y: y1, weights, clusters, seType, contrasts });
          expect(first.factor).toBeDefined();
          const reused = fitLinearModel({ design: x, names, y: y2, weights, clusters, seType, contrasts, factor: first.factor });
          const fresh = fitLinearModel({ design: x, names, y: y2, weights, clusters, seType, contrasts });
          expectSameFit(reused, fresh);
          expect(reused.factor).toBe(first.factor);
        },
      ),
      { numRuns: 60, seed: 20240611 },
    );
  });

  it("refuses a factor from a design of another size", () => {
    const a = design(50, 4, 1).x;
    const b = design(60, 4, 1).x;
    const y = (n: number) => Float64Array.from({ length: n }, (_, i) => i % 3);
    const fit = fitLinearModel({ design: a, names: ["a", "b", "c", "d"], y: y(50), seType: "HC2" });
    expect(() => fitLinearModel({ design: b, names: ["a", "b", "c", "d"], y: y(60), seType: "HC2", factor: fit.factor })).toThrow(/different design/);
  });

  it("keeps no factor for an ill-conditioned design (it is solved with refinement instead)", () => {
    const n = 40;
    const x = zeros(n, 3);
    for (let i = 0; i < n; i++) {
      x.data[i] = 1;
      x.data[i + n] = i;
      x.data[i + 2 * n] = i + 1e-7 * ((i * 7919) % 13); // nearly collinear with the second column
    }
    const fit = fitLinearModel({ design: x, names: ["a", "b", "c"], y: Float64Array.from({ length: n }, (_, i) => (i * 37) % 11), seType: "HC1" });
    expect(fit.factor).toBeUndefined();
  });
});
