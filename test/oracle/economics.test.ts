import { describe, expect, it } from "vitest";
import {
  type BenefitCostGroup,
  benefitCostMonteCarlo,
  benefitCostReturns,
  normalQuantile,
  pooledCostPerRecruit,
  presentValueFactor,
  summariseDraws,
} from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";

// Reference values made by test/oracle/economics.R (present-value sums, returns per £1, the exact
// normal distribution of a return linear in normal impacts, R's summaries of fixed draws).
interface Returns {
  cost: number;
  estimate: number[];
  exchequer: number[];
  society: number[];
  years: number[];
  discount_rate: number;
  persistence: number[];
  factor: number[];
  benefit_exchequer: number;
  benefit_society: number;
  return_exchequer: number;
  return_society: number;
  net_exchequer: number;
  net_society: number;
}
interface Linear {
  cost: number;
  estimate: number[];
  std_error: number[];
  value: number[];
  correlation: number;
  covariance: number[][];
  mean: number;
  sd: number;
  quantiles: number[];
  p_above_one: number;
  net_mean: number;
  net_sd: number;
  p_net_above_zero: number;
}
interface Oracle {
  present_value: { discount_rate: number; years: number; persistence: number; factor: number }[];
  returns: Returns[];
  linear: Linear[];
  summaries: { draws: number[]; threshold: number; mean: number; sd: number; quantiles: number[]; above: number }[];
  pooled: { name: string; parts: number[]; recruits: number[]; cost: number; published: number }[];
  quantile_probs: number[];
}
const oracle = readJson<Oracle>("test/oracle/economics.json");
const normalDensity = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

/** A group valuing the linear case's impacts at `value` to society (the exchequer values them at 0), one year. */
function linearGroup(c: Linear, joint: boolean): BenefitCostGroup {
  const outcomes = c.estimate.map((_, k) => `y${k + 1}`);
  return {
    name: "linear",
    costPerRecruit: c.cost,
    impacts: c.estimate.map((estimate, k) => ({ outcome: outcomes[k], estimate, stdError: c.std_error[k], values: { exchequer: 0, society: c.value[k] }, presentValueFactor: 1 })),
    joint: joint && outcomes.length > 1 ? [{ outcomes, covariance: c.covariance }] : [],
  };
}

describe("presentValueFactor agrees with R's sum((ρ/(1 + r))^(0:(H − 1)))", () => {
  it("over discount rates 0–10%, horizons 1–100 years and persistence 0–1 (1e-14)", () => {
    for (const c of oracle.present_value) {
      expectClose(presentValueFactor({ discountRate: c.discount_rate, years: c.years, persistence: c.persistence }), c.factor, 1e-14, JSON.stringify(c));
    }
  });
});

describe("benefitCostReturns agrees with the returns computed in R", () => {
  it("benefits, returns per £1 and net benefits for both perspectives, with discounting and persistence (1e-13)", () => {
    for (const c of oracle.returns) {
      const group: BenefitCostGroup = {
        name: "g",
        costPerRecruit: c.cost,
        impacts: c.estimate.map((estimate, k) => ({
          outcome: `y${k}`,
          estimate,
          stdError: 1,
          values: { exchequer: c.exchequer[k], society: c.society[k] },
          presentValueFactor: presentValueFactor({ discountRate: c.discount_rate, years: c.years[k], persistence: c.persistence[k] }),
        })),
      };
      const r = benefitCostReturns(group);
      const what = JSON.stringify(c.estimate);
      expectClose(r.benefit.exchequer, c.benefit_exchequer, 1e-13, `${what} exchequer benefit`);
      expectClose(r.benefit.society, c.benefit_society, 1e-13, `${what} society benefit`);
      expectClose(r.returnPerPound.exchequer, c.return_exchequer, 1e-13, `${what} financial return`);
      expectClose(r.returnPerPound.society, c.return_society, 1e-13, `${what} economic return`);
      expectClose(r.netBenefit.exchequer, c.net_exchequer, 1e-13, `${what} net exchequer`);
      expectClose(r.netBenefit.society, c.net_society, 1e-13, `${what} net society`);
    }
  });
});

describe("pooledCostPerRecruit reproduces HLT Table 2.2's pooled costs", () => {
  it("All SCR £2,292 and All OOW £3,162 from the trial groups' costs and treated recruits (R to 1e-14; the report's whole pounds exactly)", () => {
    for (const c of oracle.pooled) {
      const r = pooledCostPerRecruit(c.parts.map((cost, k) => ({ name: `part${k}`, costPerRecruit: cost, recruits: c.recruits[k] })));
      expectClose(r.costPerRecruit, c.cost, 1e-14, c.name);
      expect(Math.round(r.costPerRecruit), c.name).toBe(c.published);
      expect(r.recruits).toBe(c.recruits[0] + c.recruits[1]);
    }
  });
});

describe("summariseDraws agrees with R's mean, sd, quantile(type = 7) and mean(x > threshold)", () => {
  it("on fixed draws (1e-13)", () => {
    for (const c of oracle.summaries) {
      const s = summariseDraws(Float64Array.from(c.draws), c.threshold);
      const what = `${c.draws.length} draws`;
      expectClose(s.mean, c.mean, 1e-13, `${what} mean`);
      expectClose(s.sd, c.sd, 1e-13, `${what} sd`, 1e-300);
      expectClose(s.p_above, c.above, 1e-15, `${what} above`);
      const got = [s.q025, s.q05, s.median, s.q95, s.q975];
      got.forEach((q, k) => expectClose(q, c.quantiles[k], 1e-13, `${what} quantile ${oracle.quantile_probs[k]}`));
    }
  });
});

describe("the Monte Carlo approaches the closed form of a linear case", () => {
  // for a ratio that is N(m, s²): the mean's MC standard error is s/√D, the share's √(P(1 − P)/D),
  // the sd's about s/√(2(D − 1)), and the p-quantile's √(p(1 − p)/D)/φ(z_p)·s
  const within = (D: number, c: Linear, sim: ReturnType<typeof benefitCostMonteCarlo>, k: number) => {
    const r = sim.society.ratio;
    const what = `case ${JSON.stringify(c.estimate)}, ${D} draws`;
    expect(Math.abs(r.mean - c.mean), `${what} mean`).toBeLessThan(k * (c.sd / Math.sqrt(D)));
    expect(Math.abs(r.sd - c.sd), `${what} sd`).toBeLessThan(k * (c.sd / Math.sqrt(2 * (D - 1))));
    const p = c.p_above_one;
    expect(Math.abs(r.p_above - p), `${what} P(ratio > 1)`).toBeLessThan(k * Math.sqrt((p * (1 - p)) / D) + 1e-12);
    const got = [r.q025, r.q05, r.median, r.q95, r.q975];
    oracle.quantile_probs.forEach((prob, j) => {
      const se = (Math.sqrt((prob * (1 - prob)) / D) / normalDensity(normalQuantile(prob))) * c.sd;
      expect(Math.abs(got[j] - c.quantiles[j]), `${what} quantile ${prob}`).toBeLessThan(k * se);
    });
    // the net benefit is the same draws in pounds: B − C
    const n = sim.society.netBenefit;
    expect(Math.abs(n.mean - c.net_mean), `${what} net mean`).toBeLessThan(k * (c.net_sd / Math.sqrt(D)));
    expect(n.p_above).toBe(r.p_above);
  };

  it("every summary within 4 Monte Carlo standard errors of its exact value, at 1,000, 10,000 and 100,000 draws (one and two impacts, correlated both ways)", () => {
    for (const c of oracle.linear) {
      for (const D of [1_000, 10_000, 100_000]) within(D, c, benefitCostMonteCarlo(linearGroup(c, true), { seed: 20240101, draws: D }), 4);
    }
  });

  it("the error shrinks as √D: over 40 seeds, the root-mean-square error of the mean at 10,000 draws is about √10 times smaller than at 1,000", () => {
    const c = oracle.linear[0];
    const rms = (D: number) => {
      let ss = 0;
      for (let seed = 1; seed <= 40; seed++) ss += (benefitCostMonteCarlo(linearGroup(c, true), { seed, draws: D }).society.ratio.mean - c.mean) ** 2;
      return Math.sqrt(ss / 40);
    };
    const ratio = rms(1_000) / rms(10_000);
    // √10 = 3.16; with 40 seeds the ratio of two RMS errors has a spread of about ±25%
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(5);
  });

  it("ignoring the correlation of jointly estimated impacts gets the spread wrong: drawn independently, the sd is √(Σ v²se²)/C, not the joint one", () => {
    const c = oracle.linear[2]; // correlation 0.6
    const independentSd = Math.sqrt(c.value.reduce((s, v, k) => s + (v * c.std_error[k]) ** 2, 0)) / c.cost;
    const joint = benefitCostMonteCarlo(linearGroup(c, true), { seed: 7, draws: 100_000 }).society.ratio.sd;
    const apart = benefitCostMonteCarlo(linearGroup(c, false), { seed: 7, draws: 100_000 }).society.ratio.sd;
    expect(Math.abs(joint - c.sd) / c.sd).toBeLessThan(0.02);
    expect(Math.abs(apart - independentSd) / independentSd).toBeLessThan(0.02);
    expect(c.sd / independentSd).toBeGreaterThan(1.2);
  });
});
