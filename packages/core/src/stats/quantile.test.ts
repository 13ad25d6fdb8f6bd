import { describe, expect, it } from "vitest";
import { readJson } from "../../../../test/helpers.js";
import { quantileType7 } from "./quantile.js";

// test/oracle/sums-and-quantiles.R: R's quantile(x, probs, type = 7)
const oracle = readJson<{ quantiles: { x: number[]; probs: number[]; type7: number[] }[] }>("test/oracle/sums-and-quantiles.json");

describe("quantileType7", () => {
  it.each(oracle.quantiles.map((q, i) => [i, q] as const))("agrees with R's quantile(type = 7) to the bit (vector %i)", (_i, q) => {
    const sorted = Float64Array.from(q.x).sort();
    expect(q.probs.map((p) => quantileType7(sorted, p))).toEqual(q.type7);
  });

  it("is NaN for no values", () => {
    expect(quantileType7([], 0.5)).toBeNaN();
  });
});
