import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { TrialstatError } from "../errors.js";
import { type RakeMargin, rake } from "./rake.js";

const margin = (name: string, levels: string[], codes: number[], population: number[]): RakeMargin => ({
  name,
  levels,
  codes: Int32Array.from(codes),
  population: Float64Array.from(population),
});

describe("rake", () => {
  it("post-stratifies to a single margin in one sweep", () => {
    const r = rake(Float64Array.of(1, 2, 1), [margin("g", ["a", "b"], [0, 0, 1], [6, 4])], { tolerance: 1e-12, maxIterations: 10 });
    expect(Array.from(r.weights)).toEqual([2, 4, 4]);
    expect(r.iterations).toBe(2); // the second sweep confirms nothing changes, as survey::rake does
  });

  it("matches every margin at convergence (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.double({ min: 0.5, max: 3, noNaN: true })), { minLength: 12, maxLength: 40 }), (units) => {
        const a = units.map((u) => u[0]);
        const b = units.map((u) => u[1]);
        // every combination occurs, so the margins can be met together
        if (new Set(units.map((u) => `${u[0]},${u[1]}`)).size < 6) return;
        const popA = [30, 50, 20];
        const popB = [45, 55];
        const r = rake(Float64Array.from(units, (u) => u[2]), [margin("a", ["0", "1", "2"], a, popA), margin("b", ["0", "1"], b, popB)], {
          tolerance: 1e-12,
          maxIterations: 1000,
        });
        const total = (codes: number[], level: number) => codes.reduce((s, c, i) => s + (c === level ? r.weights[i] : 0), 0);
        popA.forEach((p, l) => expect(total(a, l)).toBeCloseTo(p, 6));
        popB.forEach((p, l) => expect(total(b, l)).toBeCloseTo(p, 6));
      }),
      { numRuns: 50 },
    );
  });

  it("reads a tolerance of 1 or more as an absolute count, below 1 as a fraction of the total", () => {
    const m = [margin("g", ["a", "b"], [0, 0, 1], [6, 4])];
    expect(rake(Float64Array.of(1, 1, 1), m, { tolerance: 0.5, maxIterations: 5 }).epsilon).toBe(1.5);
    expect(rake(Float64Array.of(1, 1, 1), m, { tolerance: 2, maxIterations: 5 }).epsilon).toBe(2);
  });

  it("names the margins when it does not converge, and a level no unit has", () => {
    const a = margin("a", ["x", "y"], [0, 0, 1, 1], [60, 40]);
    const b = margin("b", ["u", "v"], [0, 1, 0, 1], [30, 70]);
    const e = errorOf<TrialstatError>(() => rake(Float64Array.of(1, 2, 3, 4), [a, b], { tolerance: 1e-12, maxIterations: 1 }));
    expect(e.kind).toBe("analysis");
    expect(e.message).toMatch(/^raking to the margins of a, b did not converge in 1 iteration: the weighted table still changed by /);
    expect(e.remedies).toEqual([
      { setting: "rake.max_iterations", value: 10, reason: "allow more iterations" },
      { setting: "rake.tolerance", reason: "loosen the tolerance" },
    ]);
    const missing = errorOf<TrialstatError>(() => rake(Float64Array.of(1, 1), [margin("g", ["a", "b"], [0, 0], [1, 1])]));
    expect(missing.message).toBe("raking cannot reach g=b (target count 1): no respondent has that value");
  });

  it("does not pass off margins that cannot be met together as converged (survey does)", () => {
    // b = v only where a = z, but the targets want 55 at v and only 20 at z
    const a = margin("a", ["x", "z"], [0, 0, 0, 1], [80, 20]);
    const b = margin("b", ["u", "v"], [0, 0, 0, 1], [45, 55]);
    const e = errorOf<TrialstatError>(() => rake(Float64Array.of(1, 1, 1, 1), [a, b], { tolerance: 1e-9, maxIterations: 100 }));
    expect(e.kind).toBe("analysis");
    expect(e.message).toBe("raking cannot meet the margins together: the weighted count of a=x stays at 45.00, not its target 80");
  });

  it("rejects options out of range", () => {
    const m = [margin("g", ["a"], [0], [1])];
    expect(errorOf<TrialstatError>(() => rake(Float64Array.of(1), m, { tolerance: 0, maxIterations: 5 })).message).toContain("tolerance must be a positive number");
    expect(errorOf<TrialstatError>(() => rake(Float64Array.of(1), m, { tolerance: 1e-6, maxIterations: 2.5 })).message).toContain("whole number");
  });
});
