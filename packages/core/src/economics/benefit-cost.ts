import { inputError } from "../errors.js";

/**
 * The deterministic returns of a programme per £1 spent, in the layout of HLT Table 2.2 (DWP research
 * report 1025, 2022: "financial return for every £1 spent", "economic return for every £1 spent"),
 * from plain inputs: the cost per recruit to the treatment group and the impacts per recruit, each
 * with the value of one unit of it to the exchequer and to society.
 *
 * For perspective s (exchequer: the financial return to the public purse; society: the economic
 * return to everyone, the exchequer included), impacts τ_k per recruit randomised to treatment (the
 * intention-to-treat effects), values v_{k,s} per unit a year and present-value factors A_k
 * (discounting.ts) for benefits that recur:
 *
 *   B_s = Σ_k τ_k · v_{k,s} · A_k,   return per £1 = B_s / C,   net benefit = B_s − C,
 *
 * C the cost per recruit to the treatment group. Both are per recruit: the ITT effect is the average
 * over everyone offered the service, and so is the cost. Costs are taken as known; their uncertainty
 * is not modelled. The Monte Carlo of the same quantities is monte-carlo.ts.
 *
 * Sources: HM Treasury, The Green Book (2022), ch. 6 (benefit–cost ratio, net present social value);
 * HLT synthesis report, section 2.1 and 6.2.4.
 *
 * @example
 * benefitCostReturns({ name: "scr_iw", costPerRecruit: 2000, impacts: [
 *   { outcome: "employed", estimate: 0.03, stdError: 0.015, values: { exchequer: 8000, society: 20000 }, presentValueFactor: 1 },
 * ] }).returnPerPound; // { exchequer: 0.12, society: 0.3 }
 */
export const PERSPECTIVES = ["exchequer", "society"] as const;
export type Perspective = (typeof PERSPECTIVES)[number];
export type ByPerspective<T> = Record<Perspective, T>;

export interface ValuedImpact {
  outcome: string;
  /** The impact per recruit, in the unit the values are per (e.g. a proportion: people employed per recruit). */
  estimate: number;
  stdError: number;
  /** £ (or the analysis's currency) per unit of impact in one year, by perspective. */
  values: ByPerspective<number>;
  /** A, the present value of the benefit over its horizon per £1 of its first year's value (1: one year). */
  presentValueFactor: number;
}

/**
 * Impacts that one model estimated together, with the covariance of their estimates (rows and columns
 * in the order of `outcomes`): drawn jointly normal. Impacts in no block are drawn independently.
 */
export interface JointImpacts {
  outcomes: string[];
  covariance: number[][];
}

export interface BenefitCostGroup {
  /** The population (trial group) the impacts and cost are for. */
  name: string;
  costPerRecruit: number;
  impacts: ValuedImpact[];
  joint?: JointImpacts[];
}

export interface BenefitCostReturns {
  costPerRecruit: number;
  /** B_s, the present value of the benefits per recruit. */
  benefit: ByPerspective<number>;
  returnPerPound: ByPerspective<number>;
  netBenefit: ByPerspective<number>;
  /** τ_k · v_{k,s} · A_k for each impact, in the order given. */
  contributions: { outcome: string; benefit: ByPerspective<number> }[];
}

export function benefitCostReturns(group: BenefitCostGroup): BenefitCostReturns {
  checkGroup(group);
  const contributions = group.impacts.map((i) => ({
    outcome: i.outcome,
    benefit: perspectives((s) => i.estimate * i.values[s] * i.presentValueFactor),
  }));
  const benefit = perspectives((s) => contributions.reduce((sum, c) => sum + c.benefit[s], 0));
  const cost = group.costPerRecruit;
  return { costPerRecruit: cost, benefit, returnPerPound: perspectives((s) => benefit[s] / cost), netBenefit: perspectives((s) => benefit[s] - cost), contributions };
}

/** A value for each perspective, in PERSPECTIVES' order. */
export function perspectives<T>(f: (s: Perspective) => T): ByPerspective<T> {
  return { exchequer: f("exchequer"), society: f("society") };
}

/** The checks every use of a group shares: a positive cost, finite impacts and values, each outcome once. */
export function checkGroup(group: BenefitCostGroup): void {
  const where = `the benefit–cost analysis of ${group.name}`;
  if (!(Number.isFinite(group.costPerRecruit) && group.costPerRecruit > 0)) {
    throw inputError(`${where}: the cost per recruit must be a positive amount, got ${group.costPerRecruit}`, { location: { path: `costs.${group.name}` }, hint: "the cost of the service per person randomised to the treatment group" });
  }
  if (group.impacts.length === 0) throw inputError(`${where}: no impact is valued`, { location: { path: "values" }, hint: "give a value for at least one outcome" });
  const seen = new Set<string>();
  for (const i of group.impacts) {
    if (seen.has(i.outcome)) throw inputError(`${where}: the outcome ${i.outcome} is valued twice`, { location: { path: `values.${i.outcome}` } });
    seen.add(i.outcome);
    const numbers = [i.estimate, i.stdError, i.values.exchequer, i.values.society, i.presentValueFactor];
    if (!numbers.every(Number.isFinite) || i.stdError < 0 || i.presentValueFactor <= 0) {
      throw inputError(`${where}: the impact on ${i.outcome} needs a finite estimate, a standard error of at least 0, finite values and a positive present-value factor`, {
        location: { path: `values.${i.outcome}` },
        hint: "check the impact's estimate and standard error, and the values per unit",
      });
    }
  }
}
