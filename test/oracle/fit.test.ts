import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  chiSquareUpperTail,
  fUpperTail,
  fitFormula,
  normalQuantile,
  normalUpperTail,
  parseCsv,
  studentTQuantile,
  studentTUpperTail,
  waldTest,
  fromRows,
  type CoefficientRow,
} from "@trialstat/core";
import { expectClose, expectCovarianceClose, expectRowsClose, readJson, repoPath } from "../helpers.js";

// Reference values made by test/oracle/fit.R (estimatr, sandwich, lmtest, car); see that script.
type Row = CoefficientRow;
interface Case {
  name: string;
  data: string;
  formula: string;
  family: "gaussian" | "binomial";
  se_type: string;
  weights: string | null;
  cluster: string | null;
  level: number;
  marginal_effect?: string | null;
  /** The reference level of factors (R's relevel). */
  reference?: Record<string, string> | null;
  expected: {
    n: number;
    n_dropped: number;
    rank: number;
    df_residual: number;
    r_squared?: number;
    n_clusters: number | null;
    terms: string[];
    aliased?: string[];
    coefficients: Row[];
    vcov: number[][];
    marginal_effect?: Record<string, number | string>;
    /** summary(lm_robust)'s R², σ and robust F; or glm's deviances, logLik, AIC, BIC and the robust Wald χ² of all slopes. */
    glance?: Record<string, number | null | { statistic: number; df: number; p_value: number }>;
  };
}
interface Oracle {
  petersen_hc1_check: number[];
  linear: Case[];
  logit: Case[];
  wald: { name: string; case: string; terms: string[]; test: "F" | "chisq"; statistic: number; df1: number; df2: number | null; p_value: number }[];
  hypotheses: { case: string; hypothesis: string; test: "F" | "chisq"; statistic: number; df1: number; df2: number | null; p_value: number }[];
  distributions: {
    pt: { df: number; t: number[]; p: number[] }[];
    qt: { df: number; p: number[]; q: number[] }[];
    pnorm: { z: number[]; p: number[] };
    qnorm: { p: number[]; q: number[] };
    pf: { df1: number; df2: number; f: number[]; p: number[] }[];
    pchisq: { df: number; x: number[]; p: number[] }[];
  };
}

const oracle = readJson<Oracle>("test/oracle/fit.json");
const tables = new Map<string, ReturnType<typeof parseCsv>>();
function table(path: string) {
  if (!tables.has(path)) tables.set(path, parseCsv(readFileSync(repoPath(`test/oracle/${path}`), "utf8"), { source: path }));
  return tables.get(path)!;
}
function run(c: Case, tests?: string[]) {
  return fitFormula(table(c.data), {
    tests,
    formula: c.formula,
    family: c.family,
    se: c.se_type,
    weights: c.weights ?? undefined,
    cluster: c.cluster ?? undefined,
    level: c.level,
    marginalEffect: c.marginal_effect ?? undefined,
    reference: c.reference ?? undefined,
  });
}

const EST = 1e-8;
const REST = 1e-6;

describe.each([...oracle.linear, ...oracle.logit])("agrees with R: $name", (c) => {
  it("matches every coefficient, SE, df, p-value and interval", () => {
    const result = run(c);
    const e = c.expected;
    expect(result.n).toBe(e.n);
    expect(result.n_dropped).toBe(e.n_dropped);
    expect(result.rank).toBe(e.rank);
    expect(result.df_residual).toBe(e.df_residual);
    expect(result.n_clusters).toBe(e.n_clusters ?? null);
    expect(result.coefficients.map((r) => r.term)).toEqual(e.terms);
    if (e.r_squared !== undefined) expectClose(result.r_squared, e.r_squared, REST, "r_squared");
    expectRowsClose(result.coefficients, e.coefficients, c.name, EST, REST);
    const kept = e.coefficients.filter((r) => r.estimate !== null).map((r) => r.term);
    expect(result.vcov.terms).toEqual(kept);
    expectCovarianceClose(result.vcov.matrix, e.vcov, c.name, REST);
    if (e.aliased && e.aliased.length) {
      expect(result.warnings.join("\n")).toContain(e.aliased.join(", "));
    }
    if (e.marginal_effect) {
      const m = result.marginal_effect!;
      for (const key of ["estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high", "mean_at_0", "mean_at_1"] as const) {
        expectClose(m[key], e.marginal_effect[key] as number, key === "estimate" ? EST : REST, `${c.name} AME ${key}`);
      }
    }
  });
});

describe("Wald tests agree with car::linearHypothesis", () => {
  it.each(oracle.wald)("$name", (w) => {
    const c = [...oracle.linear, ...oracle.logit].find((x) => x.name === w.case)!;
    const result = run(c);
    const names = result.vcov.terms;
    const estimates = names.map((t) => result.coefficients.find((r) => r.term === t)!.estimate as number);
    const got = waldTest(
      { names, estimates, vcov: fromRows(result.vcov.matrix), dfResidual: c.family === "binomial" ? undefined : result.df_residual },
      { terms: w.terms },
    );
    expect(got.test).toBe(w.test);
    expect(got.df1).toBe(w.df1);
    expect(got.df2).toBe(w.df2 ?? null);
    expectClose(got.statistic, w.statistic, REST, `${w.name} statistic`);
    expectClose(got.p_value, w.p_value, REST, `${w.name} p`);
  });
});

describe("model figures agree with summary(lm_robust), glance, logLik, AIC and BIC", () => {
  const cases = [...oracle.linear, ...oracle.logit].filter((c) => c.expected.glance);
  it("has figures for every linear and logit case but the collinear one", () => expect(cases.length).toBe(oracle.linear.length + oracle.logit.length - 1));
  it.each(cases)("$name", (c) => {
    const m = run(c).model;
    const g = c.expected.glance!;
    if (c.family === "gaussian") {
      // the I() powers' variance has condition number 1e10: its inverse, and so F, keeps 5 digits fewer
      const ill = c.name === "d1 powers by I()" ? 1e-5 : REST;
      for (const key of ["r_squared", "adj_r_squared", "sigma"] as const) expectClose(m[key], g[key] as number, REST, `${c.name} ${key}`);
      for (const key of ["statistic", "p_value"] as const) expectClose(m[key], g[key] as number, ill, `${c.name} ${key}`);
      expectClose(m.statistic, g.statistic_lm_robust as number, 1e-3, `${c.name} F as summary(lm_robust) prints it`);
      expect(m.test).toBe("F");
      expect(m.df).toBe(g.df);
      expect(m.df_denominator).toBe(g.df_denominator);
    } else {
      for (const key of ["deviance", "null_deviance"] as const) expectClose(m[key], g[key] as number, REST, `${c.name} ${key}`);
      expect(m.df_null).toBe(g.df_null);
      for (const key of ["log_lik", "aic", "bic"] as const) {
        if (g[key] === undefined || g[key] === null) expect(m[key], `${c.name} ${key}: weighted, none`).toBeNull();
        else expectClose(m[key], g[key] as number, REST, `${c.name} ${key}`);
      }
      const w = g.wald_all_slopes as { statistic: number; df: number; p_value: number };
      expect(m.test).toBe("chisq");
      expect(m.df).toBe(w.df);
      expectClose(m.statistic, w.statistic, REST, `${c.name} Wald χ²`);
      expectClose(m.p_value, w.p_value, REST, `${c.name} Wald p`);
    }
  });
});

describe("fit's tests of hypotheses written as text agree with car::linearHypothesis", () => {
  it.each(oracle.hypotheses)("$case: $hypothesis", (h) => {
    const c = [...oracle.linear, ...oracle.logit].find((x) => x.name === h.case)!;
    const [got] = run(c, [h.hypothesis]).tests!;
    expect(got.test).toBe(h.test);
    expect(got.df1).toBe(h.df1);
    expect(got.df2).toBe(h.df2 ?? null);
    expectClose(got.statistic, h.statistic, REST, `${h.hypothesis} statistic`);
    expectClose(got.p_value, h.p_value, REST, `${h.hypothesis} p`);
  });
});

describe("sandwich's PetersenCL check values", () => {
  it("gives Stata-style clustered SEs 0.06701270 and 0.05059573", () => {
    const c = oracle.linear.find((x) => x.name === "PetersenCL stata")!;
    const result = run(c);
    expect(result.coefficients[0].std_error!.toFixed(8)).toBe("0.06701270");
    expect(result.coefficients[1].std_error!.toFixed(8)).toBe("0.05059573");
    expectClose(result.coefficients[0].std_error, oracle.petersen_hc1_check[0], 1e-10, "intercept vs vcovCL");
    expectClose(result.coefficients[1].std_error, oracle.petersen_hc1_check[1], 1e-10, "x vs vcovCL");
  });
});

describe("distribution functions agree with R in the tails", () => {
  const d = oracle.distributions;
  it("pt", () => d.pt.forEach(({ df, t, p }) => t.forEach((x, i) => expectClose(studentTUpperTail(-x, df), p[i], 1e-9, `pt(${x}, ${df})`, 1e-300))));
  it("qt", () => d.qt.forEach(({ df, p, q }) => p.forEach((x, i) => expectClose(studentTQuantile(x, df), q[i], 1e-9, `qt(${x}, ${df})`, 1e-12))));
  it("pnorm", () => d.pnorm.z.forEach((z, i) => expectClose(normalUpperTail(-z), d.pnorm.p[i], 1e-12, `pnorm(${z})`, 1e-300)));
  it("qnorm", () => d.qnorm.p.forEach((p, i) => expectClose(normalQuantile(p), d.qnorm.q[i], 1e-13, `qnorm(${p})`, 1e-12)));
  it("pf", () => d.pf.forEach(({ df1, df2, f, p }) => f.forEach((x, i) => expectClose(fUpperTail(x, df1, df2), p[i], 1e-9, `pf(${x}, ${df1}, ${df2})`, 1e-300))));
  it("pchisq", () => d.pchisq.forEach(({ df, x, p }) => x.forEach((v, i) => expectClose(chiSquareUpperTail(v, df), p[i], 1e-10, `pchisq(${v}, ${df})`, 1e-300))));
});
