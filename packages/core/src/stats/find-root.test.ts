import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { TrialstatError } from "../errors.js";
import { R_UNIROOT_TOL, findRoot } from "./find-root.js";

describe("findRoot (Brent's zeroin, as R's uniroot)", () => {
  it("finds closed-form roots to the tolerance asked", () => {
    expect(findRoot((x) => x * x - 2, 0, 2, { tol: 1e-14 }).root).toBeCloseTo(Math.SQRT2, 14);
    expect(findRoot((x) => Math.cos(x) - x, 0, 1, { tol: 1e-14 }).root).toBeCloseTo(0.7390851332151607, 14);
    // R's default tolerance stops early: uniroot(function(x) x^3 - 10, c(0, 5))$root = 2.154434...
    const loose = findRoot((x) => x ** 3 - 10, 0, 5);
    expect(Math.abs(loose.root - Math.cbrt(10))).toBeLessThan(R_UNIROOT_TOL);
    expect(R_UNIROOT_TOL).toBe(2 ** -13);
  });

  it("widens the interval as extendInt does, and says when there is no sign change", () => {
    // f increasing with its root at 50, far right of [0, 1]
    expect(findRoot((x) => x - 50, 0, 1, { extendInterval: "up", tol: 1e-12 }).root).toBeCloseTo(50, 10);
    expect(findRoot((x) => 3 - x, 0, 1, { extendInterval: "down", tol: 1e-12 }).root).toBeCloseTo(3, 10);
    expect(findRoot((x) => x + 7, 0, 1, { extendInterval: "yes", tol: 1e-12 }).root).toBeCloseTo(-7, 10);
    const e = errorOf<TrialstatError>(() => findRoot((x) => x * x + 1, -1, 1));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.message).toContain("same sign");
  });

  it("returns an end that is already a root", () => {
    expect(findRoot((x) => x, 0, 1).root).toBe(0);
  });
});
