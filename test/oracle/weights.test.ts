import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type BalanceRow,
  type WeightMethod,
  type WeightSummary,
  effectiveSampleSize,
  kishDesignEffect,
  nonResponseWeights,
  parseCsv,
  rake,
  trimWeights,
} from "@trialstat/core";
import { expectClose, readJson, repoPath } from "../helpers.js";

// Reference values made by test/oracle/weights.R (glm, survey::postStratify, survey::rake,
// survey::trimWeights(strict = TRUE), Kish's design effect); see that script.
interface RSummary {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
  cv: number;
  design_effect: number;
  effective_n: number;
}
interface RBalance {
  covariate: string;
  level: string | null;
  eligible_mean: number;
  respondent_mean: number;
  weighted_mean: number;
  sd: number;
  smd_unweighted: number;
  smd_weighted: number;
}
interface Case {
  method: WeightMethod;
  cap: number | null;
  percentile: number | null;
  rake: { tolerance: number; max_iterations: number } | null;
  weights: (number | null)[];
  cells: { label: string; eligible: number; respondents: number; cap: number | null; summary: RSummary }[];
  summary: RSummary;
  balance: RBalance[];
}
interface Oracle {
  data: string;
  response: string;
  eligible: string;
  within: string[];
  covariates: Record<WeightMethod, string[]>;
  cases: Record<string, Case>;
  trim: { input: number[]; cap: number; expected: number[]; design_effect: number; effective_n: number }[];
  api_rake: {
    start: number[];
    stype: string[];
    sch_wide: string[];
    population: Record<"stype" | "sch_wide", { levels: string[]; counts: number[] }>;
    tolerance: number;
    max_iterations: number;
    expected: number[];
  };
}

const oracle = readJson<Oracle>("test/oracle/weights.json");
const table = parseCsv(readFileSync(repoPath(oracle.data), "utf8"), { source: oracle.data });
const TOL = 1e-8;

function expectSummary(ours: WeightSummary, r: RSummary, what: string) {
  expect(ours.n, `${what} n`).toBe(r.n);
  for (const [key, rKey] of [
    ["min", "min"],
    ["q1", "q1"],
    ["median", "median"],
    ["q3", "q3"],
    ["max", "max"],
    ["mean", "mean"],
    ["cv", "cv"],
    ["designEffect", "design_effect"],
    ["effectiveN", "effective_n"],
  ] as const) {
    expectClose(ours[key], r[rKey], TOL, `${what} ${key}`);
  }
}

describe.each(Object.entries(oracle.cases))("agrees with R: %s", (name, c) => {
  const result = nonResponseWeights(table, {
    response: oracle.response,
    eligible: oracle.eligible,
    within: oracle.within,
    covariates: oracle.covariates[c.method],
    method: c.method,
    missingCovariates: "indicator",
    trim: c.cap !== null || c.percentile !== null ? { cap: c.cap ?? undefined, percentile: c.percentile ?? undefined } : undefined,
    rake: c.rake ? { tolerance: c.rake.tolerance, maxIterations: c.rake.max_iterations } : undefined,
  });

  it("gives every respondent R's weight (1e-8), and no one else a weight", () => {
    expect(result.weights).toHaveLength(c.weights.length);
    c.weights.forEach((expected, i) => {
      if (expected === null) expect(result.weights[i], `row ${i + 1}`).toBeNaN();
      else expectClose(result.weights[i], expected, TOL, `${name}: weight of row ${i + 1}`);
    });
  });

  it("counts eligible people and respondents by cell, in R's order", () => {
    const d = result.diagnostics;
    expect(d.cells.map((x) => [x.label, x.eligible, x.respondents])).toEqual(c.cells.map((x) => [x.label, x.eligible, x.respondents]));
    c.cells.forEach((x, j) => {
      if (x.cap === null) expect(d.cells[j].trim).toBeNull();
      else expectClose(d.cells[j].trim?.cap, x.cap, TOL, `${x.label} cap`);
    });
  });

  it("summarises the weights as R does: quantiles (type 7), CV, Kish design effect, effective n", () => {
    const d = result.diagnostics;
    c.cells.forEach((x, j) => expectSummary(d.cells[j].summary, x.summary, `${name} ${x.label}`));
    expectSummary(d.summary, c.summary, `${name} all`);
    // trimming keeps each cell's total: mean 1 and no weight above the cap
    for (const cell of d.cells) {
      expectClose(cell.summary.mean, 1, 1e-12, `${cell.label} mean`);
      if (cell.trim) expect(cell.summary.max).toBeLessThanOrEqual(cell.trim.cap);
    }
  });

  it("computes the standardised mean differences R computes", () => {
    const overall = result.diagnostics.balance.filter((b) => b.cell === null);
    expect(overall.map((b) => [b.covariate, b.level])).toEqual(c.balance.map((b) => [b.covariate, b.level]));
    c.balance.forEach((r, j) => {
      const b: BalanceRow = overall[j];
      const what = `${name} balance ${r.covariate} ${r.level ?? ""}`;
      expectClose(b.eligibleMean, r.eligible_mean, TOL, `${what} eligible mean`);
      expectClose(b.respondentMean, r.respondent_mean, TOL, `${what} respondent mean`);
      expectClose(b.weightedMean, r.weighted_mean, TOL, `${what} weighted mean`);
      expectClose(b.sd, r.sd, TOL, `${what} sd`);
      expectClose(b.smdUnweighted, r.smd_unweighted, TOL, `${what} SMD before`, 1e-6);
      expectClose(b.smdWeighted, r.smd_weighted, TOL, `${what} SMD after`, 1e-6);
    });
  });
});

describe("agrees with survey::trimWeights(strict = TRUE) and the Kish design effect", () => {
  it.each(oracle.trim.map((t, j) => [j, t] as const))("case %i", (_, t) => {
    const result = trimWeights(Float64Array.from(t.input), t.cap);
    t.expected.forEach((e, i) => expectClose(result.weights[i], e, TOL, `trimmed weight ${i + 1}`));
    expect(Math.max(...result.weights)).toBeLessThanOrEqual(t.cap);
    expectClose(kishDesignEffect(t.input), t.design_effect, TOL, "design effect");
    expectClose(effectiveSampleSize(t.input), t.effective_n, TOL, "effective n");
  });
});

describe("agrees with survey::rake on survey's own api example", () => {
  it("rakes apiclus1 to the stype and sch.wide margins", () => {
    const a = oracle.api_rake;
    const margin = (name: "stype" | "sch_wide", values: string[]) => {
      const p = a.population[name];
      return { name, levels: p.levels, codes: Int32Array.from(values, (v) => p.levels.indexOf(v)), population: Float64Array.from(p.counts) };
    };
    const result = rake(Float64Array.from(a.start), [margin("stype", a.stype), margin("sch_wide", a.sch_wide)], {
      tolerance: a.tolerance,
      maxIterations: a.max_iterations,
    });
    a.expected.forEach((e, i) => expectClose(result.weights[i], e, TOL, `raked weight ${i + 1}`));
  });
});
