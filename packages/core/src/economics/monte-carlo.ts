import { inputError } from "../errors.js";
import { multivariateNormal } from "../random/multivariate-normal.js";
import { standardNormal } from "../random/normal.js";
import { RANDOM_GENERATOR, RandomStreams } from "../random/streams.js";
import { choleskyFactor } from "../stats/linalg/cholesky.js";
import { fromRows } from "../stats/linalg/dense.js";
import { type BenefitCostGroup, type ByPerspective, type JointImpacts, PERSPECTIVES, checkGroup, perspectives } from "./benefit-cost.js";
import { type DrawSummary, type Histogram, histogram, summariseDraws } from "./draw-summary.js";

/**
 * The Monte Carlo of a benefit–cost analysis (HLT synthesis report, section 2.1: "randomly selects
 * values from the probability distributions of each impact estimate, based on their standard errors
 * 10,000 times … to simulate the distribution of benefit-cost ratios"): D draws of the impacts from
 * the normal distributions their estimates and standard errors describe, and for each draw the
 * benefits, the return per £1 and the net benefit of benefit-cost.ts, for both perspectives.
 *
 * Draw d takes, in order, for each block of jointly estimated impacts (`group.joint`) a vector
 * τ̂ + L·z (`multivariateNormal`, L the Cholesky factor of the block's covariance), then for each
 * remaining impact τ̂_k + se_k·z, z standard normal (`standardNormal`). Impacts in no block are
 * independent: that is the honest assumption for estimates from separate models (each outcome of a
 * plan is its own regression), whose covariance nobody estimated; it is stated with the results.
 * The cost is fixed. Both perspectives use the same draws of the impacts.
 *
 * Every draw comes from one stream, `RandomStreams(seed).stream("benefit-cost:" + group name, 0)`
 * (random/streams.ts): a population's draws depend on the seed and its name only, not on which other
 * populations are analysed or in what order; the same seed gives the same bytes.
 *
 * Closed form it must agree with (test): one impact valued v, no discounting — the ratio is
 * N(v·τ̂/C, (v·se/C)²), so its quantiles are v·τ̂/C + (v·se/C)·z_p and P(ratio > 1) = Φ((v·τ̂ − C)/(v·se)).
 *
 * @example
 * const sim = benefitCostMonteCarlo(group, { seed: 20240101, draws: 10000 });
 * sim.society.ratio.median; sim.society.ratio.p_above; // P(return per £1 > 1)
 */
export const BENEFIT_COST_PURPOSE = "benefit-cost";
export const DEFAULT_DRAWS = 10_000;
export const MAX_DRAWS = 10_000_000;

export interface MonteCarloOptions {
  seed: number;
  draws: number;
  /** Bins of each histogram (default 40). */
  bins?: number;
}

export interface PerspectiveSimulation {
  /** The return per £1 spent (threshold 1: the share of draws where benefits exceed costs). */
  ratio: DrawSummary;
  /** Benefits minus cost per recruit (threshold 0). */
  netBenefit: DrawSummary;
  /** Of the return per £1. */
  histogram: Histogram;
}

export interface BenefitCostSimulation extends ByPerspective<PerspectiveSimulation> {
  seed: number;
  draws: number;
  generator: string;
  /** The stream the draws came from. */
  purpose: string;
  /** Outcomes drawn jointly normal (one list per model) and those drawn independently. */
  joint: string[][];
  independent: string[];
}

export function benefitCostMonteCarlo(group: BenefitCostGroup, options: MonteCarloOptions): BenefitCostSimulation {
  checkGroup(group);
  const { draws } = options;
  if (!(Number.isInteger(draws) && draws >= 2 && draws <= MAX_DRAWS)) {
    throw inputError(`the number of Monte Carlo draws must be a whole number from 2 to ${MAX_DRAWS}, got ${draws}`, { location: { path: "draws" }, hint: `e.g. ${DEFAULT_DRAWS}, as the HLT evaluation` });
  }
  const impacts = group.impacts;
  const position = new Map(impacts.map((i, k) => [i.outcome, k]));
  const blocks = (group.joint ?? []).map((block, b) => jointBlock(group, block, b, position));
  const inBlock = new Set(blocks.flatMap((b) => b.members));
  const independent = impacts.map((_, k) => k).filter((k) => !inBlock.has(k));
  // the benefit of one unit of each impact, by perspective: v_{k,s}·A_k
  const weight = perspectives((s) => impacts.map((i) => i.values[s] * i.presentValueFactor));

  const purpose = `${BENEFIT_COST_PURPOSE}:${group.name}`;
  const rng = new RandomStreams(options.seed).stream(purpose, 0);
  const cost = group.costPerRecruit;
  const benefits = perspectives(() => new Float64Array(draws));
  const tau = new Float64Array(impacts.length);
  for (let d = 0; d < draws; d++) {
    for (const b of blocks) {
      const x = multivariateNormal(rng, b.mean, b.factor, b.out);
      b.members.forEach((k, j) => (tau[k] = x[j]));
    }
    for (const k of independent) tau[k] = impacts[k].estimate + impacts[k].stdError * standardNormal(rng);
    for (const s of PERSPECTIVES) {
      let benefit = 0;
      for (let k = 0; k < tau.length; k++) benefit += tau[k] * weight[s][k];
      benefits[s][d] = benefit;
    }
  }
  const simulate = (s: (typeof PERSPECTIVES)[number]): PerspectiveSimulation => {
    const ratio = benefits[s].map((b) => b / cost);
    const net = benefits[s].map((b) => b - cost);
    return { ratio: summariseDraws(ratio, 1), netBenefit: summariseDraws(net, 0), histogram: histogram(ratio, options.bins) };
  };
  return {
    seed: options.seed,
    draws,
    generator: RANDOM_GENERATOR,
    purpose,
    joint: blocks.map((b) => b.members.map((k) => impacts[k].outcome)),
    independent: independent.map((k) => impacts[k].outcome),
    ...perspectives(simulate),
  };
}

/** A block of jointly drawn impacts, checked: known outcomes, each in one block, a symmetric covariance whose diagonal is their squared standard errors. */
function jointBlock(group: BenefitCostGroup, block: JointImpacts, b: number, position: Map<string, number>) {
  const where = `the benefit–cost analysis of ${group.name}: joint impacts ${b + 1}`;
  const k = block.outcomes.length;
  const members = block.outcomes.map((o) => {
    const at = position.get(o);
    if (at === undefined) throw inputError(`${where} names ${o}, which is not a valued impact`, { location: { path: "covariances" }, hint: "list only outcomes that have a value" });
    return at;
  });
  if (new Set(members).size !== k || k < 2) throw inputError(`${where} must name two or more different outcomes`, { location: { path: "covariances" } });
  const c = block.covariance;
  if (c.length !== k || c.some((row) => row.length !== k)) throw inputError(`${where}: the covariance must be ${k} × ${k}, one row and column per outcome`, { location: { path: "covariances" } });
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (!Number.isFinite(c[i][j]) || Math.abs(c[i][j] - c[j][i]) > 1e-12 * Math.max(Math.abs(c[i][j]), Math.abs(c[j][i]), 1e-300)) {
        throw inputError(`${where}: the covariance must be a symmetric matrix of finite numbers`, { location: { path: "covariances" } });
      }
    }
    const variance = group.impacts[members[i]].stdError ** 2;
    if (Math.abs(c[i][i] - variance) > 1e-8 * Math.max(variance, 1e-300)) {
      throw inputError(`${where}: the variance of ${block.outcomes[i]} is ${c[i][i]}, but its standard error squared is ${variance}`, {
        location: { path: "covariances" },
        hint: "the covariance's diagonal holds the squared standard errors of the same estimates",
      });
    }
  }
  let factor;
  try {
    factor = choleskyFactor(fromRows(c));
  } catch {
    throw inputError(`${where}: the covariance is not positive semidefinite`, { location: { path: "covariances" }, hint: "a covariance of estimates has no negative variance along any direction; check its off-diagonal entries" });
  }
  return { members, mean: Float64Array.from(members, (m) => group.impacts[m].estimate), factor, out: new Float64Array(k) };
}
