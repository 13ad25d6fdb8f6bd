import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CoefficientRow, type FitResult, fitFormula, parseCsv } from "@trialstat/core";
import { expectClose, expectCovarianceClose, expectRowsClose, readJson, repoPath } from "../helpers.js";

// Reference values made by test/oracle/iv.R (estimatr::iv_robust with diagnostics = TRUE, and
// estimatr::lm_lin); see that script.
interface Expected {
  n: number;
  n_dropped: number;
  rank: number;
  df_residual: number;
  r_squared: number;
  n_clusters?: number;
  terms: string[];
  coefficients: CoefficientRow[];
  vcov: number[][];
}
interface Common {
  name: string;
  data: string;
  formula: string;
  se_type: string;
  weights: string | null;
  cluster: string | null;
  level: number;
}
interface FTest {
  statistic: number | null;
  df1: number;
  df2: number;
  p_value: number | null;
}
interface IvCase extends Common {
  expected: Expected & {
    first_stage: (FTest & { regressor: string })[];
    wu_hausman: FTest;
    overidentification: { statistic: number | null; df: number; p_value: number | null };
  };
}
interface LinCase extends Common {
  covariates: string;
  expected: Expected & { centres: { term: string; centre: number }[] };
}
interface Oracle {
  iv: IvCase[];
  lin: LinCase[];
}

const oracle = readJson<Oracle>("test/oracle/iv.json");
const tables = new Map<string, ReturnType<typeof parseCsv>>();
function table(path: string) {
  if (!tables.has(path)) tables.set(path, parseCsv(readFileSync(repoPath(`test/oracle/${path}`), "utf8"), { source: path }));
  return tables.get(path)!;
}
function run(c: Common, linCovariates?: string): FitResult {
  return fitFormula(table(c.data), {
    formula: c.formula,
    se: c.se_type,
    weights: c.weights ?? undefined,
    cluster: c.cluster ?? undefined,
    level: c.level,
    linCovariates,
  });
}

const EST = 1e-8;
const REST = 1e-6;

/** The checks common to both estimators: sample, terms, every coefficient row and the covariance. */
function expectAgreement(c: Common, result: FitResult, e: Expected): void {
  expect(result.n).toBe(e.n);
  expect(result.n_dropped).toBe(e.n_dropped);
  expect(result.rank).toBe(e.rank);
  expect(result.df_residual).toBe(e.df_residual);
  expect(result.n_clusters).toBe(e.n_clusters ?? null);
  expect(result.se_type).toBe(c.se_type);
  expect(result.coefficients.map((r) => r.term)).toEqual(e.terms);
  expectClose(result.r_squared, e.r_squared, REST, "r_squared");
  expectRowsClose(result.coefficients, e.coefficients, c.name, EST, REST);
  expect(result.vcov.terms).toEqual(e.terms);
  expectCovarianceClose(result.vcov.matrix, e.vcov, c.name, REST);
}

function expectF(got: FTest | null | undefined, ref: FTest, what: string): void {
  expect(got, what).toBeTruthy();
  expectClose(got!.statistic, ref.statistic, REST, `${what} statistic`);
  expect(got!.df1, `${what} df1`).toBe(ref.df1);
  expect(got!.df2, `${what} df2`).toBe(ref.df2);
  expectClose(got!.p_value, ref.p_value, REST, `${what} p_value`, 1e-300);
}

describe.each(oracle.iv)("two-stage least squares agrees with estimatr::iv_robust: $name", (c) => {
  it("matches every coefficient, SE, df, p-value, interval, and the diagnostics", () => {
    const result = run(c);
    const e = c.expected;
    expect(result.estimator).toBe("two_stage_least_squares");
    expectAgreement(c, result, e);
    const iv = result.instrumental!;
    expect(iv.first_stage.map((f) => f.regressor)).toEqual(e.first_stage.map((f) => f.regressor));
    e.first_stage.forEach((ref, k) => expectF(iv.first_stage[k], ref, `${c.name} first-stage F (${ref.regressor})`));
    expectF(iv.wu_hausman, e.wu_hausman, `${c.name} Wu–Hausman`);
    if (e.overidentification.statistic === null) expect(iv.overidentification).toBeNull();
    else {
      const o = iv.overidentification!;
      expectClose(o.statistic, e.overidentification.statistic, REST, `${c.name} overidentification statistic`);
      expect(o.df).toBe(e.overidentification.df);
      expectClose(o.p_value, e.overidentification.p_value, REST, `${c.name} overidentification p`);
    }
    const weak = e.first_stage.filter((f) => f.statistic! < 10).map((f) => f.regressor);
    expect(result.warnings.filter((w) => w.startsWith("weak instrument")).length).toBe(weak.length);
  });
});

describe.each(oracle.lin)("Lin's adjustment agrees with estimatr::lm_lin: $name", (c) => {
  it("matches every coefficient, SE, df, p-value and interval, and the centres", () => {
    const result = run(c, c.covariates);
    const e = c.expected;
    expect(result.estimator).toBe("lin");
    expectAgreement(c, result, e);
    expect(result.lin!.centres.map((x) => x.term)).toEqual(e.centres.map((x) => x.term));
    e.centres.forEach((ref, k) => expectClose(result.lin!.centres[k].centre, ref.centre, EST, `${c.name} centre of ${ref.term}`));
  });
});

describe("the oracle covers what the estimators must agree on", () => {
  it("has every variance estimator, weights, clusters, several instruments and factor covariates", () => {
    for (const cases of [oracle.iv, oracle.lin]) {
      expect(new Set(cases.map((c) => c.se_type))).toEqual(new Set(["classical", "HC0", "HC1", "HC2", "HC3", "CR0", "stata", "CR2"]));
      expect(cases.some((c) => c.weights && c.cluster)).toBe(true);
    }
    expect(oracle.iv.some((c) => c.expected.first_stage.length === 2)).toBe(true);
    expect(oracle.iv.some((c) => c.expected.overidentification.statistic !== null)).toBe(true);
    expect(oracle.iv.some((c) => c.expected.first_stage.some((f) => f.statistic! < 10))).toBe(true);
    expect(oracle.lin.some((c) => c.expected.terms.includes("treat:gB_c"))).toBe(true);
  });
});
