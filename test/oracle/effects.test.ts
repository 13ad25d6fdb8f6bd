import { describe, expect, it } from "vitest";
import { adjustPValues, recodeQuantiles } from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";

// Made by test/oracle/effects.R with stats::p.adjust and quantile(type = 7) + cut.
const oracle = readJson<{
  p_adjust: { method: "holm" | "hochberg" | "hommel" | "bonferroni" | "BH" | "BY"; p: (number | null)[]; adjusted: (number | null)[] }[];
  quantile_bands: { x: (number | null)[]; q: number; cuts: number[]; band: (number | null)[] };
}>("test/oracle/effects.json");

describe("adjustPValues agrees with stats::p.adjust", () => {
  it.each(oracle.p_adjust.map((c) => [c.method, c.p.length, c] as const))("%s, %i p-values", (_m, _n, c) => {
    const got = adjustPValues(c.p.map((v) => v ?? NaN), c.method);
    c.adjusted.forEach((want, i) => {
      if (want === null) expect(got[i]).toBeNaN();
      else expectClose(got[i], want, 1e-12, `${c.method}[${i}]`);
    });
  });
});

describe("quantile bands agree with quantile(type = 7) and cut()", () => {
  it("terciles", () => {
    const { x, q, cuts, band } = oracle.quantile_bands;
    const r = recodeQuantiles(Float64Array.from(x, (v) => v ?? NaN), q);
    r.cuts.forEach((c, i) => expectClose(c, cuts[i], 1e-14, `cut ${i}`));
    expect(r.labels).toEqual(band.map((b) => (b === null ? null : `Q${b}`)));
  });
});
