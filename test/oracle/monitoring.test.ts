import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type FunnelMethod, binomialCdf, binomialQuantile, funnelLimits, monitorOutcomes, parseCsv, serviceOutcomes, spearmanCorrelation } from "@trialstat/core";
import { expectClose, readJson, repoPath } from "../helpers.js";

// Reference values made by test/oracle/monitoring.R: Spiegelhalter's (2005) funnel limits written
// out in R with qbinom/pbinom, pbinom and qbinom themselves, the example monitoring return's rates,
// prop.test intervals and classifications, and cor(method = "spearman").
interface Oracle {
  limits: { target: number; n: number; level: number; binomial: { lower: number; upper: number }; normal: { lower: number; upper: number } }[];
  binomial_cdf: { k: number; n: number; theta: number; cdf: number }[];
  binomial_quantile: { p: number; n: number; theta: number; q: number }[];
  example: { service: string; period: string | null; people: number; jobs: number; rate: number; low: number; high: number; funnel: string; vs_target: string; vs_comparison: string; caseload?: number }[];
  spearman: { x: number[]; y: number[]; rho: number }[];
}
const oracle = readJson<Oracle>("test/oracle/monitoring.json");

describe("funnel limits agree with Spiegelhalter's formulas written in R", () => {
  it.each(["binomial", "normal"] as FunnelMethod[])("%s limits, targets 10–90%, n from 1 to 5,000, at 95% and 99.8%", (method) => {
    for (const c of oracle.limits) {
      const got = funnelLimits(c.target, c.n, c.level, method);
      const what = `${method} ${c.target} n=${c.n} ${c.level}`;
      expectClose(got.lower, c[method].lower, 1e-12, `${what} lower`, 1);
      expectClose(got.upper, c[method].upper, 1e-12, `${what} upper`, 1);
    }
  });

  it("pbinom and qbinom", () => {
    // the incomplete beta behind pbinom is good to ~1e-12 relative here (log Γ of small arguments): far inside STATISTICS.md's 1e-6
    for (const c of oracle.binomial_cdf) expectClose(binomialCdf(c.k, c.n, c.theta), c.cdf, 1e-11, `pbinom(${c.k}, ${c.n}, ${c.theta})`);
    for (const c of oracle.binomial_quantile) expect(binomialQuantile(c.p, c.n, c.theta), `qbinom(${c.p}, ${c.n}, ${c.theta})`).toBe(c.q);
  });
});

describe("monitoring the example return (examples/monitoring/outcomes.csv) agrees with R", () => {
  const table = parseCsv(readFileSync(repoPath("examples/monitoring/outcomes.csv"), "utf8"), { source: "outcomes.csv" });
  const m = monitorOutcomes(serviceOutcomes(table).rows);

  it("has each service in each period, then over both, as R orders them", () => {
    expect(m.rows.map((r) => [r.service, r.period, r.people, r.jobs])).toEqual(oracle.example.map((r) => [r.service, r.period, r.people, r.jobs]));
  });

  it("rates, Wilson intervals (prop.test(x, n, correct = FALSE)), funnel positions, benchmarks and caseloads", () => {
    oracle.example.forEach((want, k) => {
      const got = m.rows[k];
      const what = `${want.service} ${want.period ?? "all"}`;
      expect(got.rate, what).toBe(want.rate);
      expectClose(got.interval!.low, want.low, 1e-13, `${what} low`);
      expectClose(got.interval!.high, want.high, 1e-13, `${what} high`);
      expect([got.funnel, got.vs_target, got.vs_comparison], what).toEqual([want.funnel, want.vs_target, want.vs_comparison]);
      expectClose(got.caseload, want.caseload ?? null, 1e-15, `${what} caseload`);
    });
    // the return has services on every side of the funnel
    expect(new Set(m.rows.map((r) => r.funnel))).toEqual(new Set(["within 95%", "above 95%", "below 95%", "below 99.8%"]));
  });
});

describe("spearmanCorrelation agrees with R's cor(method = \"spearman\")", () => {
  it("with and without ties", () => {
    for (const c of oracle.spearman) expectClose(spearmanCorrelation(c.x, c.y).rho, c.rho, 1e-14, `${c.x} ~ ${c.y}`);
  });
});
