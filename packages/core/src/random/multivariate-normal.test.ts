import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { zScore } from "../../../../test/random/helpers.js";
import type { TrialstatError } from "../errors.js";
import { choleskyFactor } from "../stats/linalg/cholesky.js";
import { fromRows } from "../stats/linalg/dense.js";
import { multivariateNormal } from "./multivariate-normal.js";
import { standardNormal } from "./normal.js";
import { randomStream } from "./streams.js";

describe("multivariate normal draws", () => {
  it("are μ + L·z, with z the stream's next standard normals in order", () => {
    const factor = choleskyFactor(fromRows([[4, 2], [2, 3]]));
    const x = multivariateNormal(randomStream(17, "monte-carlo"), [1, -1], factor);
    const z = randomStream(17, "monte-carlo");
    const z0 = standardNormal(z);
    const z1 = standardNormal(z);
    expect(x[0]).toBe(1 + 2 * z0);
    expect(x[1]).toBeCloseTo(-1 + z0 + Math.SQRT2 * z1, 15);
  });

  it("have the mean and covariance asked for (40,000 draws, each moment within 4.4 SEs)", () => {
    const mean = [0.5, -2, 10];
    const sigma = [
      [1, 0.6, -0.3],
      [0.6, 2, 0.5],
      [-0.3, 0.5, 0.8],
    ];
    const factor = choleskyFactor(fromRows(sigma));
    const n = 40_000;
    const sampleOf = (draw: () => Float64Array) => {
      const xs = Array.from({ length: n }, draw);
      const m = mean.map((_, i) => xs.reduce((s, x) => s + x[i], 0) / n);
      const c = sigma.map((_, i) => sigma.map((__, j) => xs.reduce((s, x) => s + (x[i] - m[i]) * (x[j] - m[j]), 0) / (n - 1)));
      return { m, c };
    };
    const rng = randomStream(18, "monte-carlo");
    const worst = (s: { m: number[]; c: number[][] }) => {
      let z = 0;
      for (let i = 0; i < 3; i++) {
        z = Math.max(z, zScore(s.m[i], mean[i], Math.sqrt(sigma[i][i] / n)));
        // Var of a sample covariance of normals: (σ_ii σ_jj + σ_ij²) / n
        for (let j = 0; j <= i; j++) z = Math.max(z, zScore(s.c[i][j], sigma[i][j], Math.sqrt((sigma[i][i] * sigma[j][j] + sigma[i][j] ** 2) / n)));
      }
      return z;
    };
    expect(worst(sampleOf(() => multivariateNormal(rng, mean, factor)))).toBeLessThan(4.4);
    // the check can fail: the factor's transpose (an easy mistake) gives the wrong covariance
    const transposed = { rows: 3, cols: 3, data: Float64Array.from({ length: 9 }, (_, p) => factor.data[Math.floor(p / 3) + (p % 3) * 3]) };
    expect(worst(sampleOf(() => multivariateNormal(rng, mean, transposed)))).toBeGreaterThan(4.4);
  });

  it("refuse a factor of the wrong size", () => {
    const e = errorOf<TrialstatError>(() => multivariateNormal(randomStream(1, "mc"), [0, 0, 0], fromRows([[1, 0], [0, 1]])));
    expect(e.kind).toBe("input");
    expect(e.message).toMatch(/dimension 3 needs a 3 × 3 factor \(got 2 × 2\)/);
  });
});
