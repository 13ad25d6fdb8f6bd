import { describe, expect, it } from "vitest";
import {
  type MdesInput,
  type PowerAlternative,
  type TTestPowerType,
  R_UNIROOT_TOL,
  minimumDetectableEffect,
  noncentralTCdf,
  powerPropTest,
  powerTTest,
} from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";

// Reference values made by test/oracle/power.R (pt, power.t.test, power.prop.test, and Bloom's
// MDES formulas written out in R); see that script. `r` is what R returns with its default uniroot
// tolerance, `exact` the same call with tol = 1e-13.
type Maybe = number | null;
interface TCase {
  input: { n: Maybe; delta: Maybe; sd: Maybe; sig_level: Maybe; power: Maybe; type: TTestPowerType; alternative: PowerAlternative; strict: boolean };
  r: { n: number; delta: number; sd: number; sig_level: number; power: number };
  exact: { n: number; delta: number; sd: number; sig_level: number; power: number };
}
interface PropCase {
  input: { n: Maybe; p1: Maybe; p2: Maybe; sig_level: Maybe; power: Maybe; alternative: PowerAlternative; strict: boolean };
  r: { n: number; p1: number; p2: number; sig_level: number; power: number };
  exact: { n: number; p1: number; p2: number; sig_level: number; power: number };
}
interface MdesCase {
  input: Record<string, number | string>;
  expected: Record<string, number>;
}
interface Oracle {
  noncentral_t: { q: number; df: number; ncp: number; lower: number; upper: number }[];
  power_t_test: TCase[];
  power_prop_test: PropCase[];
  mdes: MdesCase[];
}

const oracle = readJson<Oracle>("test/oracle/power.json");
const KEYS = ["n", "delta", "sd", "sig_level", "power"] as const;
const PROP_KEYS = ["n", "p1", "p2", "sig_level", "power"] as const;

/** R's argument names (sig.level, written sig_level in the fixture) to ours (sigLevel), and back. */
function fromR<T extends { sig_level: Maybe }>(input: T): Omit<T, "sig_level"> & { sigLevel: Maybe } {
  const { sig_level, ...rest } = input;
  return { ...rest, sigLevel: sig_level };
}
function toR<T extends { sigLevel: number }>(result: T): Omit<T, "sigLevel"> & { sig_level: number } {
  const { sigLevel, ...rest } = result;
  return { ...rest, sig_level: sigLevel };
}

describe("noncentralTCdf agrees with R's pt(q, df, ncp)", () => {
  it("in both tails, over a grid of q, df and ncp", () => {
    for (const c of oracle.noncentral_t) {
      const what = `pt(${c.q}, ${c.df}, ${c.ncp})`;
      // R sums AS 243's series in long double and stops it when the rest is below 1e-12 (absolute),
      // so both are accurate to 1e-12 absolute and no better in relative terms in the upper tail
      expect(Math.abs(noncentralTCdf(c.q, c.df, c.ncp) - c.lower), what).toBeLessThan(1e-12);
      expect(Math.abs(noncentralTCdf(c.q, c.df, c.ncp, false) - c.upper), `${what}, upper`).toBeLessThan(1e-12);
    }
  });
});

describe("powerTTest agrees with R's power.t.test", () => {
  const cases = oracle.power_t_test;
  const input = (c: TCase, tol?: number) => ({ ...fromR(c.input), tol });
  const ours = (r: ReturnType<typeof powerTTest>) => toR(r);

  it("solves every unknown to R's exact solution (1e-9) and computes power to 1e-12", () => {
    for (const c of cases) {
      const got = ours(powerTTest(input(c)));
      for (const k of KEYS) expectClose(got[k], c.exact[k], c.input[k] === null && k !== "power" ? 1e-9 : 1e-12, `${JSON.stringify(c.input)} ${k}`);
    }
  });

  it("with R's own tolerance, lands where R's uniroot stops (1e-10)", () => {
    for (const c of cases) {
      const got = ours(powerTTest(input(c, R_UNIROOT_TOL)));
      for (const k of KEYS) expectClose(got[k], c.r[k], 1e-10, `${JSON.stringify(c.input)} ${k} (R's tol)`);
    }
  });

  it("R's default answer is within 4e-4 (relative) of the exact solution, which is why trialstat solves exactly", () => {
    let worst = 0;
    for (const c of cases) for (const k of KEYS) if (c.input[k] === null) worst = Math.max(worst, Math.abs(c.r[k] - c.exact[k]) / Math.abs(c.exact[k]));
    expect(worst).toBeGreaterThan(1e-6);
    expect(worst).toBeLessThan(4e-4);
  });
});

describe("powerPropTest agrees with R's power.prop.test", () => {
  const input = (c: PropCase, tol?: number) => ({ ...fromR(c.input), tol });
  const ours = (r: ReturnType<typeof powerPropTest>) => toR(r);

  it("solves every unknown to R's exact solution (1e-9) and computes power to 1e-12", () => {
    for (const c of oracle.power_prop_test) {
      const got = ours(powerPropTest(input(c)));
      for (const k of PROP_KEYS) expectClose(got[k], c.exact[k], c.input[k] === null && k !== "power" ? 1e-9 : 1e-12, `${JSON.stringify(c.input)} ${k}`);
    }
  });

  it("with R's own tolerance, lands where R's uniroot stops (1e-10)", () => {
    for (const c of oracle.power_prop_test) {
      const got = ours(powerPropTest(input(c, R_UNIROOT_TOL)));
      for (const k of PROP_KEYS) expectClose(got[k], c.r[k], 1e-10, `${JSON.stringify(c.input)} ${k} (R's tol)`);
    }
  });
});

describe("minimumDetectableEffect agrees with Bloom's formulas written in R", () => {
  const inputOf = (raw: Record<string, number | string>): MdesInput => ({
    n: raw.n as number | undefined,
    clusters: raw.clusters as number | undefined,
    clusterSize: raw.cluster_size as number | undefined,
    icc: raw.icc as number | undefined,
    delta: raw.delta as number | undefined,
    p1: raw.p1 as number | undefined,
    power: raw.power as number | undefined,
    sigLevel: raw.sig_level as number,
    alternative: raw.alternative as PowerAlternative,
    treatedShare: raw.treated_share as number,
    r2: raw.r2 as number,
    r2Cluster: raw.r2_cluster as number | undefined,
    covariates: raw.covariates as number,
    responseRate: raw.response_rate as number,
    designEffect: raw.design_effect as number,
    distribution: raw.distribution as "t" | "normal",
  });
  const FIELD: Record<string, string> = { standard_error: "standardError", cluster_size: "clusterSize" };

  it("MDES, power, n, clusters and cluster size, to 1e-9", () => {
    expect(oracle.mdes.length).toBeGreaterThan(100);
    for (const c of oracle.mdes) {
      const got = minimumDetectableEffect(inputOf(c.input)) as unknown as Record<string, number>;
      for (const [k, v] of Object.entries(c.expected)) expectClose(got[FIELD[k] ?? k], v, 1e-9, `${JSON.stringify(c.input)} ${k}`);
    }
  });
});
