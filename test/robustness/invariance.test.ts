import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FitResult, fitFormula, randomStream, standardNormal, tableFromColumns, uniform, uniformInteger } from "@trialstat/core";

/** A random trial data set from a seed (core's seeded streams: reproducible, never degenerate). */
function trial(seed: number, n: number) {
  const rng = randomStream(seed, "test-trial");
  const u = () => uniform(rng);
  const normal = () => standardNormal(rng);
  const treat: number[] = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const x = Array.from({ length: n }, normal);
  const g = Array.from({ length: n }, () => ["a", "b", "c"][uniformInteger(rng, 3)]);
  const cl = Array.from({ length: n }, (_, i) => `k${i % 6}`);
  const w = Array.from({ length: n }, () => 0.5 + 2 * u());
  const y = Array.from({ length: n }, (_, i) => 1 + 0.7 * treat[i] + 0.4 * x[i] + (g[i] === "b" ? 0.3 : 0) + normal() * (1 + 0.5 * treat[i]));
  return { y, treat, x, g, cl, w };
}

type Data = ReturnType<typeof trial>;
const effect = (r: FitResult) => r.coefficients.find((c) => c.term === "treat")!;
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

function fit(d: Data, se: string, options: { weights?: boolean; cluster?: boolean } = {}) {
  return fitFormula(tableFromColumns({ y: d.y, treat: d.treat, x: d.x, g: d.g, cl: d.cl, w: d.w }), {
    formula: "y ~ treat + x + g",
    se,
    weights: options.weights ? "w" : undefined,
    cluster: options.cluster ? "cl" : undefined,
  });
}

const seTypes = fc.constantFrom(
  { se: "classical" },
  { se: "HC0" },
  { se: "HC1" },
  { se: "HC2" },
  { se: "HC3" },
  { se: "HC2", weights: true },
  { se: "CR0", cluster: true },
  { se: "stata", cluster: true },
  { se: "CR2", cluster: true },
  { se: "CR2", cluster: true, weights: true },
);
const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const sizes = fc.integer({ min: 14, max: 60 });

describe("invariance properties of the effect estimate", () => {
  it("rescaling the outcome by c rescales the effect by c and its SE by |c|", () => {
    fc.assert(
      fc.property(seeds, sizes, seTypes, fc.double({ min: -1e3, max: 1e3, noNaN: true }).filter((c) => Math.abs(c) > 1e-3), (seed, n, v, c) => {
        const d = trial(seed, n);
        const a = effect(fit(d, v.se, v));
        const b = effect(fit({ ...d, y: d.y.map((y) => c * y) }, v.se, v));
        close(b.estimate!, c * a.estimate!);
        close(b.std_error!, Math.abs(c) * a.std_error!);
        close(b.df!, a.df!);
      }),
      { numRuns: 60 },
    );
  });

  it("adding a constant to the outcome changes neither the effect nor its SE", () => {
    fc.assert(
      fc.property(seeds, sizes, seTypes, fc.double({ min: -1e4, max: 1e4, noNaN: true }), (seed, n, v, k) => {
        const d = trial(seed, n);
        const a = effect(fit(d, v.se, v));
        const b = effect(fit({ ...d, y: d.y.map((y) => y + k) }, v.se, v));
        close(b.estimate!, a.estimate!, 1e-8);
        close(b.std_error!, a.std_error!, 1e-7);
      }),
      { numRuns: 60 },
    );
  });

  it("relabelling the arms flips the sign of the effect and keeps its SE", () => {
    fc.assert(
      fc.property(seeds, sizes, seTypes, (seed, n, v) => {
        const d = trial(seed, n);
        const a = effect(fit(d, v.se, v));
        const b = effect(fit({ ...d, treat: d.treat.map((t) => 1 - t) }, v.se, v));
        close(b.estimate!, -a.estimate!);
        close(b.std_error!, a.std_error!);
        close(b.p_value!, a.p_value!, 1e-8);
      }),
      { numRuns: 60 },
    );
  });

  it("duplicating every row with half its weight changes no weighted estimate", () => {
    fc.assert(
      fc.property(seeds, sizes, (seed, n) => {
        const d = trial(seed, n);
        const twice = <T>(xs: T[]) => [...xs, ...xs];
        const doubled = { y: twice(d.y), treat: twice(d.treat), x: twice(d.x), g: twice(d.g), cl: twice(d.cl), w: twice(d.w).map((w) => w / 2) };
        const a = fit(d, "HC0", { weights: true });
        const b = fit(doubled, "HC0", { weights: true });
        a.coefficients.forEach((c, j) => close(b.coefficients[j].estimate!, c.estimate!));
      }),
      { numRuns: 60 },
    );
  });
});
