import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../test/helpers.js";
import { pearsonChiSquare } from "./chi-square-test.js";

describe("pearsonChiSquare", () => {
  it("agrees with R's chisq.test(correct = FALSE)", () => {
    // chisq.test(matrix(c(10, 30, 20, 40), 2), correct = FALSE)
    const a = pearsonChiSquare([[10, 20], [30, 40]]);
    expectClose(a.statistic, 0.793650793650794, 1e-12, "X²");
    expectClose(a.p, 0.372998483613487, 1e-10, "p");
    expect(a.df).toBe(1);
    // chisq.test(matrix(c(12, 5, 9, 7, 30, 3, 8, 11, 2, 6, 4, 9), 3), correct = FALSE)
    const b = pearsonChiSquare([[12, 7, 8, 6], [5, 30, 11, 4], [9, 3, 2, 9]]);
    expectClose(b.statistic, 31.2597273562949, 1e-12, "X²");
    expectClose(b.p, 2.26126463046804e-5, 1e-9, "p");
    expect(b.df).toBe(6);
    expect(b.smallExpected).toBeGreaterThan(0);
  });

  it("drops empty rows and columns; a table left without two of each has no test", () => {
    expect(pearsonChiSquare([[10, 0, 20], [30, 0, 40], [0, 0, 0]]).df).toBe(1);
    expect(Number.isNaN(pearsonChiSquare([[10, 20]]).p)).toBe(true);
  });
});
