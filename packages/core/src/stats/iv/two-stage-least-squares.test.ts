import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../../test/helpers.js";
import { TrialstatError } from "../../errors.js";
import { fromRows, toRows } from "../linalg/dense.js";
import { fitLinearModel } from "../linear-model.js";
import { fitTwoStageLeastSquares } from "./two-stage-least-squares.js";

// An encouragement trial: offer z, take-up d, outcome y.
const z = [0, 0, 0, 1, 1, 1, 0, 1, 1, 0];
const d = [0, 1, 0, 1, 1, 0, 0, 1, 1, 0];
const y = [1, 3, 2, 6, 5, 2, 1, 7, 4, 2];
const n = z.length;
const X = fromRows(d.map((di) => [1, di]));
const Z = fromRows(z.map((zi) => [1, zi]));
const fit = (seType: "HC0" | "classical") =>
  fitTwoStageLeastSquares({ design: X, names: ["(Intercept)", "takeup"], instruments: Z, instrumentNames: ["(Intercept)", "treat"], y: Float64Array.from(y), seType });

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const cov = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + (ai - mean(a)) * (b[i] - mean(b)), 0);

describe("two-stage least squares: closed forms of the just-identified model", () => {
  it("is the Wald estimator: the effect of the offer on y over its effect on take-up", () => {
    const f = fit("HC0");
    const wald = cov(z, y) / cov(z, d);
    // (ȳ₁ − ȳ₀)/(d̄₁ − d̄₀) by arm
    const arm = (v: number[], a: number) => mean(v.filter((_, i) => z[i] === a));
    expect(wald).toBeCloseTo((arm(y, 1) - arm(y, 0)) / (arm(d, 1) - arm(d, 0)), 13);
    expect(f.coefficients[1]).toBeCloseTo(wald, 12);
    expect(f.coefficients[0]).toBeCloseTo(mean(y) - wald * mean(d), 12);
    expect(f.endogenous).toEqual(["takeup"]);
    expect(f.excludedInstruments).toEqual(["treat"]);
  });

  it("has the HC0 sandwich (Z'X)⁻¹ Z'diag(e²)Z (X'Z)⁻¹ with structural residuals e = y − Xb", () => {
    const f = fit("HC0");
    const b = f.coefficients;
    const e = y.map((yi, i) => yi - b[0] - b[1] * d[i]);
    // A = Z'X (2 × 2), M = Z'diag(e²)Z
    const A = [
      [n, d.reduce((s, x) => s + x, 0)],
      [z.reduce((s, x) => s + x, 0), z.reduce((s, x, i) => s + x * d[i], 0)],
    ];
    const M = [
      [e.reduce((s, x) => s + x * x, 0), z.reduce((s, x, i) => s + x * e[i] * e[i], 0)],
      [z.reduce((s, x, i) => s + x * e[i] * e[i], 0), z.reduce((s, x, i) => s + x * x * e[i] * e[i], 0)],
    ];
    const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
    const Ainv = [
      [A[1][1] / det, -A[0][1] / det],
      [-A[1][0] / det, A[0][0] / det],
    ];
    // V = Ainv M Ainv'
    const V = [0, 1].map((i) => [0, 1].map((j) => [0, 1].reduce((s, k) => s + [0, 1].reduce((t, l) => t + Ainv[i][k] * M[k][l] * Ainv[j][l], 0), 0)));
    const got = toRows(f.variance.matrix);
    for (const i of [0, 1]) for (const j of [0, 1]) expect(got[i][j]).toBeCloseTo(V[i][j], 12);
    e.forEach((v, i) => expect(f.residuals[i]).toBeCloseTo(v, 12));
    expect(f.dfResidual).toBe(n - 2);
  });

  it("has the classical variance σ²(X̂'X̂)⁻¹ with σ² = Σe²/(n − k) of the structural residuals", () => {
    const f = fit("classical");
    const b = f.coefficients;
    const e = y.map((yi, i) => yi - b[0] - b[1] * d[i]);
    const sigma2 = e.reduce((s, x) => s + x * x, 0) / (n - 2);
    // X̂ = fitted take-up by arm: d̄₀ or d̄₁; (X̂'X̂)⁻¹ of [1, d̂]: its slope entry is 1/Σ(d̂ − mean)²
    const dHat = z.map((zi) => mean(d.filter((_, i) => z[i] === zi)));
    const sxx = dHat.reduce((s, v) => s + (v - mean(dHat)) ** 2, 0);
    expect(f.variance.matrix.data[3]).toBeCloseTo(sigma2 / sxx, 12);
  });
});

describe("two-stage least squares: identification", () => {
  it("refuses fewer excluded instruments than endogenous regressors", () => {
    const X3 = fromRows(d.map((di, i) => [1, di, y[i] % 2]));
    const err = errorOf<TrialstatError>(() =>
      fitTwoStageLeastSquares({ design: X3, names: ["(Intercept)", "takeup", "hours"], instruments: Z, instrumentNames: ["(Intercept)", "treat"], y: Float64Array.from(y), seType: "HC2" }),
    );
    expect(err).toBeInstanceOf(TrialstatError);
    expect(err.message).toContain("not identified: 2 endogenous regressors (takeup, hours) but 1 excluded instrument (treat)");
  });

  it("is ordinary least squares when every regressor is an instrument, with no first stage to test", () => {
    const f = fitTwoStageLeastSquares({ design: Z, names: ["(Intercept)", "treat"], instruments: Z, instrumentNames: ["(Intercept)", "treat"], y: Float64Array.from(y), seType: "HC2" });
    const ols = fitLinearModel({ design: Z, names: ["(Intercept)", "treat"], y: Float64Array.from(y), seType: "HC2" });
    expect(f.coefficients[1]).toBeCloseTo(ols.coefficients[1], 13);
    expect(f.variance.matrix.data[3]).toBeCloseTo(ols.variance.matrix.data[3], 13);
    expect(f.diagnostics).toEqual({ first_stage: [], wu_hausman: null, overidentification: null });
  });
});
