import { describe, expect, it } from "vitest";
import type { TrialstatError } from "../errors.js";
import { type BenefitCostGroup } from "./benefit-cost.js";
import { presentValueFactor } from "./discounting.js";
import { histogram } from "./draw-summary.js";
import { benefitCostMonteCarlo } from "./monte-carlo.js";

const group = (name = "scr_iw"): BenefitCostGroup => ({
  name,
  costPerRecruit: 2116,
  impacts: [
    { outcome: "employed", estimate: 0.03, stdError: 0.016, values: { exchequer: 3100, society: 9000 }, presentValueFactor: 1 },
    { outcome: "health", estimate: 0.02, stdError: 0.011, values: { exchequer: 0, society: 70000 }, presentValueFactor: 1 },
  ],
});

function errorOf(f: () => unknown): TrialstatError {
  try {
    f();
  } catch (e) {
    return e as TrialstatError;
  }
  throw new Error("expected an error");
}

describe("benefitCostMonteCarlo", () => {
  it("the same seed gives the same bytes; another seed, other draws", () => {
    const a = JSON.stringify(benefitCostMonteCarlo(group(), { seed: 11, draws: 5000 }));
    expect(JSON.stringify(benefitCostMonteCarlo(group(), { seed: 11, draws: 5000 }))).toBe(a);
    expect(JSON.stringify(benefitCostMonteCarlo(group(), { seed: 12, draws: 5000 }))).not.toBe(a);
  });

  it("a population's draws depend on its name and the seed, not on other populations", () => {
    const alone = benefitCostMonteCarlo(group("wmca"), { seed: 3, draws: 1000 });
    benefitCostMonteCarlo(group("scr_iw"), { seed: 3, draws: 1000 });
    expect(benefitCostMonteCarlo(group("wmca"), { seed: 3, draws: 1000 })).toEqual(alone);
    expect(benefitCostMonteCarlo(group("scr_oow"), { seed: 3, draws: 1000 }).society.ratio.mean).not.toBe(alone.society.ratio.mean);
    expect(alone.purpose).toBe("benefit-cost:wmca");
  });

  it("states how the impacts were drawn: independently unless a block says they were estimated together", () => {
    const sim = benefitCostMonteCarlo(group(), { seed: 1, draws: 100 });
    expect(sim.joint).toEqual([]);
    expect(sim.independent).toEqual(["employed", "health"]);
    const cov = 0.5 * 0.016 * 0.011;
    const joint = benefitCostMonteCarlo({ ...group(), joint: [{ outcomes: ["employed", "health"], covariance: [[0.016 ** 2, cov], [cov, 0.011 ** 2]] }] }, { seed: 1, draws: 100 });
    expect(joint.joint).toEqual([["employed", "health"]]);
    expect(joint.independent).toEqual([]);
  });

  it("an impact with no uncertainty gives every draw the deterministic return", () => {
    const g = group();
    g.impacts = g.impacts.map((i) => ({ ...i, stdError: 0, presentValueFactor: presentValueFactor({ discountRate: 0.035, years: 2 }) }));
    const sim = benefitCostMonteCarlo(g, { seed: 1, draws: 50 });
    const a = (0.03 * 9000 + 0.02 * 70000) * (1 + 1 / 1.035) / 2116;
    expect(sim.society.ratio.median).toBeCloseTo(a, 12);
    expect(sim.society.ratio.sd).toBeCloseTo(0, 12);
    expect(sim.society.histogram.counts).toEqual([50]);
  });

  it("refuses a covariance whose diagonal is not the squared standard errors, or that is not positive semidefinite", () => {
    const bad = { ...group(), joint: [{ outcomes: ["employed", "health"], covariance: [[0.01, 0], [0, 0.011 ** 2]] }] };
    expect(errorOf(() => benefitCostMonteCarlo(bad, { seed: 1, draws: 10 })).message).toMatch(/variance of employed is 0.01, but its standard error squared is 0.000256/);
    const c = 2 * 0.016 * 0.011;
    const indefinite = { ...group(), joint: [{ outcomes: ["employed", "health"], covariance: [[0.016 ** 2, c], [c, 0.011 ** 2]] }] };
    expect(errorOf(() => benefitCostMonteCarlo(indefinite, { seed: 1, draws: 10 })).message).toMatch(/not positive semidefinite/);
    expect(errorOf(() => benefitCostMonteCarlo({ ...group(), joint: [{ outcomes: ["employed", "jobs"], covariance: [[1, 0], [0, 1]] }] }, { seed: 1, draws: 10 })).message).toMatch(/names jobs, which is not a valued impact/);
  });

  it("refuses a non-positive cost, too few draws and a seed that is not a whole number", () => {
    expect(errorOf(() => benefitCostMonteCarlo({ ...group(), costPerRecruit: 0 }, { seed: 1, draws: 10 })).message).toMatch(/cost per recruit must be a positive amount/);
    expect(errorOf(() => benefitCostMonteCarlo(group(), { seed: 1, draws: 1 })).message).toMatch(/whole number from 2/);
    expect(errorOf(() => benefitCostMonteCarlo(group(), { seed: 1.5, draws: 10 })).message).toMatch(/seed must be a whole number/);
  });
});

describe("histogram", () => {
  it("puts every draw in one of the equal-width bins from the minimum to the maximum, the maximum in the last", () => {
    const h = histogram(Float64Array.from([0, 1, 2, 3, 4]), 4);
    expect(h.edges).toEqual([0, 1, 2, 3, 4]);
    expect(h.counts).toEqual([1, 1, 1, 2]);
  });
});
