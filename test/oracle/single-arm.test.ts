import { describe, expect, it } from "vitest";
import type { ChangeRow } from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";
import { runSap } from "../sap/run-sap.js";

// test/oracle/single-arm.R computes, from the IPS-in-IAPT example's committed data, what the
// example's plan (examples/ips-in-iapt/sap.yaml) must report: the flow by site; each measure's
// completers, means and ranges, t.test(end, start, paired = TRUE) and wilcox.test(end, start,
// paired = TRUE, conf.int = TRUE); prop.test(x, n, correct = FALSE) intervals; counts; and the
// Talking Therapies measures written out in R from their definitions.
type Spread = { mean: number; sd?: number; min: number; max: number };
interface Oracle {
  flow: { label: string; site: string | null; n: number }[];
  changes: {
    population: string;
    measure: string;
    site: string | null;
    n: number;
    both: number;
    start_only: number;
    end_only: number;
    neither: number;
    start?: Spread;
    end?: Spread;
    change?: Spread;
    t?: { estimate: number; std_error: number; statistic: number; df: number; p_value: number; low: number; high: number };
    wilcoxon?: { estimate: number; statistic: number; p_value: number; low: number; high: number; achieved_level: number; method: string };
  }[];
  rates: { population: string; outcome: string; site: string | null; n: number; denominator: number; count: number; wilson?: { low: number; high: number } }[];
  counts: { population: string; outcome: string; site: string | null; n: number; missing: number; with_any: number; total: number; mean_per_person: number; mean_among_any?: number; min: number; max: number }[];
  talking_therapies: { population: string; measure: string; site: string | null; n: number; denominator: number; count: number; wilson?: { low: number; high: number } }[];
}

const oracle = readJson<Oracle>("test/oracle/single-arm.json");
const run = runSap("examples/ips-in-iapt/sap.yaml");
const single = run.results.single_arm!;
const where = (r: { population?: string; site: string | null }) => `${r.population ?? ""} ${r.site ?? "total"}`;

function closeSpread(got: ChangeRow["start"], want: Spread | undefined, what: string) {
  if (!want) return expect(got, what).toBeNull();
  expectClose(got!.mean, want.mean, 1e-13, `${what} mean`);
  expectClose(got!.sd, want.sd ?? null, 1e-13, `${what} sd`);
  expect([got!.min, got!.max], what).toEqual([want.min, want.max]);
}

describe("a single-arm evaluation agrees with R (examples/ips-in-iapt, test/oracle/single-arm.R)", () => {
  it("counts every stage of the flow at each site and in total", () => {
    expect(single.flow.map((r) => [r.label, r.site, r.n])).toEqual(oracle.flow.map((r) => [r.label, r.site, r.n]));
  });

  it("has one change row per measure, population and site, in R's order", () => {
    expect(single.changes.map((r) => [r.population, r.measure, r.site])).toEqual(oracle.changes.map((r) => [r.population, r.measure, r.site]));
  });

  it.each(oracle.changes.map((r, k) => [`${r.measure} ${where(r)}`, k] as const))("change in %s: completers, means, t.test and wilcox.test", (what, k) => {
    const want = oracle.changes[k];
    const got = single.changes[k];
    expect([got.n, got.both, got.start_only, got.end_only, got.neither], what).toEqual([want.n, want.both, want.start_only, want.end_only, want.neither]);
    closeSpread(got.start, want.start, `${what} start`);
    closeSpread(got.end, want.end, `${what} end`);
    closeSpread(got.change, want.change, `${what} change`);
    if (!want.t) expect(got.t, what).toBeNull();
    else {
      const t = got.t!;
      expectClose(t.estimate, want.t.estimate, 1e-13, `${what} t estimate`);
      expectClose(t.std_error, want.t.std_error, 1e-12, `${what} t se`);
      expectClose(t.statistic, want.t.statistic, 1e-12, `${what} t`);
      expect(t.df).toBe(want.t.df);
      expectClose(t.p_value, want.t.p_value, 1e-10, `${what} t p`);
      expectClose(t.intervals[0].low, want.t.low, 1e-12, `${what} t low`, 1);
      expectClose(t.intervals[0].high, want.t.high, 1e-12, `${what} t high`, 1);
    }
    if (!want.wilcoxon) expect(got.wilcoxon, what).toBeNull();
    else {
      const w = got.wilcoxon!;
      expect(w.statistic, `${what} V`).toBe(want.wilcoxon.statistic);
      expect(w.method).toBe(want.wilcoxon.method);
      expectClose(w.p_value, want.wilcoxon.p_value, 1e-12, `${what} signed-rank p`);
      expectClose(w.estimate, want.wilcoxon.estimate, 1e-12, `${what} HL`, 1);
      expectClose(w.intervals[0].low, want.wilcoxon.low, 1e-12, `${what} HL low`, 1);
      expectClose(w.intervals[0].high, want.wilcoxon.high, 1e-12, `${what} HL high`, 1);
      expectClose(w.intervals[0].achieved_level, want.wilcoxon.achieved_level, 1e-14, `${what} achieved level`);
    }
  });

  it("reports paid job rates with Wilson intervals (prop.test(x, n, correct = FALSE))", () => {
    expect(single.rates.map((r) => [where(r), r.n, r.denominator, r.count])).toEqual(oracle.rates.map((r) => [where(r), r.n, r.denominator, r.count]));
    oracle.rates.forEach((want, k) => {
      const got = single.rates[k];
      expectClose(got.intervals[0].low, want.wilson!.low, 1e-13, `${where(want)} low`);
      expectClose(got.intervals[0].high, want.wilson!.high, 1e-13, `${where(want)} high`);
    });
  });

  it("counts appointments, applications, interviews and job outcomes (people with any, totals, averages, ranges)", () => {
    expect(single.counts.map((r) => [r.outcome, where(r), r.n, r.missing, r.with_any, r.total, r.min, r.max])).toEqual(
      oracle.counts.map((r) => [r.outcome, where(r), r.n, r.missing, r.with_any, r.total, r.min, r.max]),
    );
    oracle.counts.forEach((want, k) => {
      expectClose(single.counts[k].mean_per_person, want.mean_per_person, 1e-14, `${want.outcome} ${where(want)} per person`);
      expectClose(single.counts[k].mean_among_any, want.mean_among_any ?? null, 1e-14, `${want.outcome} ${where(want)} among any`);
    });
  });

  it("computes Talking Therapies reliable change and recovery as R does from the definitions", () => {
    expect(single.talking_therapies.map((r) => [r.measure, where(r), r.n, r.denominator, r.count])).toEqual(oracle.talking_therapies.map((r) => [r.measure, where(r), r.n, r.denominator, r.count]));
    oracle.talking_therapies.forEach((want, k) => {
      const got = single.talking_therapies[k];
      if (!want.wilson) return expect(got.intervals, `${want.measure} ${where(want)}`).toEqual([]);
      expectClose(got.intervals[0].low, want.wilson.low, 1e-13, `${want.measure} ${where(want)} low`);
      expectClose(got.intervals[0].high, want.wilson.high, 1e-13, `${want.measure} ${where(want)} high`);
    });
  });
});
