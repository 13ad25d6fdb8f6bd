import { describe, expect, it } from "vitest";
import { fromRows } from "./dense.js";
import { leastSquares } from "./least-squares.js";
import { applyQ, applyQTranspose, pivotedQr, unscaledCovariance } from "./pivoted-qr.js";

describe("pivotedQr (R's dqrdc2 pivoting)", () => {
  const x = fromRows([
    [1, 1, 2, 0.3],
    [1, 2, 4, -1],
    [1, 3, 6, 2],
    [1, 4, 8, 0.5],
    [1, 5, 10, 1.1],
  ]);

  it("aliases the later of two dependent columns, as lm does", () => {
    const qr = pivotedQr(x);
    expect(qr.rank).toBe(3);
    expect(Array.from(qr.pivot)).toEqual([0, 1, 3, 2]);
  });

  it("has an orthogonal Q: Q'Qv = v and ‖Q'v‖ = ‖v‖", () => {
    const qr = pivotedQr(x);
    const v = Float64Array.of(0.3, -2, 5, 1, 0.25);
    const back = applyQ(qr, applyQTranspose(qr, v));
    back.forEach((b, i) => expect(b).toBeCloseTo(v[i], 14));
    const norm = (a: Float64Array) => Math.hypot(...a);
    expect(norm(applyQTranspose(qr, v))).toBeCloseTo(norm(v), 13);
  });

  it("solves least squares and gives (X'X)⁻¹ for the kept columns", () => {
    const y = Float64Array.of(1, 3, 2, 5, 4);
    const fit = leastSquares(x, y);
    expect(fit.aliased).toEqual([2]);
    expect(Number.isNaN(fit.coefficients[2])).toBe(true);
    // normal equations on the kept columns: X'(y − Xb) = 0
    for (const j of [0, 1, 3]) {
      let s = 0;
      for (let i = 0; i < 5; i++) s += x.data[i + j * 5] * fit.residuals[i];
      expect(Math.abs(s)).toBeLessThan(1e-12);
    }
    const cov = unscaledCovariance(fit.qr);
    expect(cov.rows).toBe(3);
    // (X'X)(X'X)⁻¹ = I for the kept columns 0, 1, 3
    const kept = [0, 1, 3];
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let c = 0; c < 3; c++) {
          let xtx = 0;
          for (let i = 0; i < 5; i++) xtx += x.data[i + kept[a] * 5] * x.data[i + kept[c] * 5];
          s += xtx * cov.data[c + b * 3];
        }
        expect(s).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });

  it("treats a zero column as aliased and handles more columns than rows", () => {
    expect(pivotedQr(fromRows([[1, 0], [1, 0], [1, 0]])).rank).toBe(1);
    expect(pivotedQr(fromRows([[1, 2, 3], [4, 5, 7]])).rank).toBe(2);
  });
});
