import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import { choleskyFactor } from "./cholesky.js";
import { fromRows, toRows } from "./dense.js";

const multiplyByTranspose = (rows: number[][]) => rows.map((ri) => rows.map((rj) => ri.reduce((s, x, k) => s + x * rj[k], 0)));

describe("the Cholesky factor", () => {
  it("of [[4, 2], [2, 3]] is [[2, 0], [1, √2]] (by hand)", () => {
    const l = toRows(choleskyFactor(fromRows([[4, 2], [2, 3]])));
    expect(l[0]).toEqual([2, 0]);
    expect(l[1][0]).toBe(1);
    expect(l[1][1]).toBeCloseTo(Math.SQRT2, 15);
  });

  it("reproduces a positive definite matrix: L·Lᵀ = A to 1e-14", () => {
    const a = [
      [6, 1, -2, 0.5],
      [1, 5, 1, -1],
      [-2, 1, 4, 0.3],
      [0.5, -1, 0.3, 3],
    ];
    const l = toRows(choleskyFactor(fromRows(a)));
    l.forEach((row, i) => row.forEach((v, j) => j > i && expect(v).toBe(0)));
    multiplyByTranspose(l).forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - a[i][j])).toBeLessThan(1e-14)));
  });

  it("accepts a semidefinite matrix (an exact linear dependence), with a zero column", () => {
    // the covariance of (x, y, x + y) for independent x, y of variance 1 and 2
    const a = [
      [1, 0, 1],
      [0, 2, 2],
      [1, 2, 3],
    ];
    const l = toRows(choleskyFactor(fromRows(a)));
    expect(l[2][2]).toBe(0);
    multiplyByTranspose(l).forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - a[i][j])).toBeLessThan(1e-14)));
  });

  it("refuses a matrix that is not positive semidefinite, and one that is not square", () => {
    const e = errorOf<TrialstatError>(() => choleskyFactor(fromRows([[1, 2], [2, 1]])));
    expect(e.kind).toBe("analysis");
    expect(e.message).toMatch(/^the covariance matrix is not positive semidefinite \(pivot 2 is -3\)$/);
    expect(errorOf<TrialstatError>(() => choleskyFactor(fromRows([[1, 2]]))).message).toMatch(/square matrix, not 1 × 2/);
  });
});
