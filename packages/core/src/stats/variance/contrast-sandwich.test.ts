import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zeros } from "../linalg/dense.js";
import { fitLinearContrasts, fitLinearModel } from "../linear-model.js";

describe("contrastSandwich (through fitLinearContrasts)", () => {
  it("gives C'VC of the full HC sandwich, weighted or not, aliased columns included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 300 }),
        fc.integer({ min: 3, max: 9 }),
        fc.constantFrom("HC0", "HC1", "HC2", "HC3" as const),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (n, k, seType, weighted, seed) => {
          let state = seed;
          const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
          const x = zeros(n, k);
          for (let i = 0; i < n; i++) {
            x.data[i] = 1;
            x.data[i + n] = next() < 0.5 ? 1 : 0;
            for (let j = 2; j < k - 1; j++) x.data[i + j * n] = 10 * next() + j;
            x.data[i + (k - 1) * n] = 2 * x.data[i + n]; // aliased with the treatment column
          }
          const y = Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * x.data[i + n] + next() * (1 + x.data[i + 2 * n]));
          const weights = weighted ? Float64Array.from({ length: n }, () => 0.5 + 2 * next()) : undefined;
          const input = { design: x, names: Array.from({ length: k }, (_, j) => `x${j}`), y, weights, seType };
          const contrasts = [Float64Array.from({ length: k }, (_, j) => (j === 1 ? 1 : 0)), Float64Array.from({ length: k }, (_, j) => (j === 1 || j === 2 ? 1 : j === k - 1 ? 5 : 0))];
          let full: ReturnType<typeof fitLinearModel>;
          try {
            full = fitLinearModel(input);
          } catch {
            expect(() => fitLinearContrasts(input, contrasts)).toThrow();
            return;
          }
          const fast = fitLinearContrasts(input, contrasts);
          expect(Array.from(fast.coefficients)).toEqual(Array.from(full.coefficients));
          expect(fast.df).toBe(full.variance.df[0]);
          const r = full.kept.length;
          const V = full.variance.matrix.data;
          for (let a = 0; a < 2; a++) {
            for (let b = 0; b < 2; b++) {
              const ca = full.kept.map((j) => contrasts[a][j]);
              const cb = full.kept.map((j) => contrasts[b][j]);
              let expected = 0;
              for (let s = 0; s < r; s++) for (let t = 0; t < r; t++) expected += ca[s] * V[s + t * r] * cb[t];
              expect(Math.abs(fast.contrastVariance.data[a + b * 2] - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected) + 1e-18);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reuses a design's contrast projections only for the same contrasts", () => {
    const n = 60;
    const x = zeros(n, 3);
    for (let i = 0; i < n; i++) {
      x.data[i] = 1;
      x.data[i + n] = i % 2;
      x.data[i + 2 * n] = (i * 7) % 11;
    }
    const y = Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * (i % 2) + ((i * 13) % 5) * (1 + (i % 3)));
    const input = { design: x, names: ["a", "b", "c"], y, seType: "HC2" as const };
    const treated = Float64Array.of(0, 1, 0);
    const other = Float64Array.of(0, 1, 1);
    const first = fitLinearContrasts(input, [treated]);
    // the factor now holds the projections of [treated]; asked for others, it must not serve them
    const reused = fitLinearContrasts({ ...input, factor: first.factor }, [other]);
    const fresh = fitLinearContrasts(input, [other]);
    expect(reused.contrastVariance.data[0]).toBeCloseTo(fresh.contrastVariance.data[0], 12);
    expect(Math.abs(reused.contrastVariance.data[0] - first.contrastVariance.data[0])).toBeGreaterThan(1e-6);
    // and asked again for the first, it serves what a fresh fit gives
    expect(fitLinearContrasts({ ...input, factor: first.factor }, [treated]).contrastVariance.data[0]).toBeCloseTo(first.contrastVariance.data[0], 12);
  });
});
