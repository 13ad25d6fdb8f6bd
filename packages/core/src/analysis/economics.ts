import { inputError } from "../errors.js";
import { type BenefitCostGroup, type ByPerspective, type ValuedImpact, benefitCostReturns, perspectives } from "../economics/benefit-cost.js";
import { presentValueFactor } from "../economics/discounting.js";
import type { DrawSummary, Histogram } from "../economics/draw-summary.js";
import { DEFAULT_DRAWS, benefitCostMonteCarlo } from "../economics/monte-carlo.js";
import { pooledCostPerRecruit } from "../economics/pooled-cost.js";
import { ownEntry } from "../own-entry.js";
import { RANDOM_GENERATOR } from "../random/streams.js";
import type { EconomicsSpec } from "../sap/types.js";
import type { EffectRow } from "./effect-row.js";

/**
 * The benefit–cost analysis of a run (docs/sap.md#economics, docs/statistics.md#benefitcost-analysis):
 * from the overall effect rows of results.json and an economics specification (a plan's `economics:`
 * section, or the file of `trialstat cba`), for each population with a cost, the returns per £1 spent
 * in the layout of HLT Table 2.2 and their Monte Carlo distribution. Plain inputs are built here; the
 * arithmetic is economics/.
 *
 * Each impact is an overall intention-to-treat row's `estimate` and `std_error` (the outcome's own units: a proportion of people
 * for a binary outcome, pounds for earnings), or with `per: sd` the same divided by the controls' SD.
 * Each row of a plan is its own model, so no covariance between impacts was estimated: they are drawn
 * independently (stated in `dependence`), unless the specification gives the covariance of impacts
 * one model estimated together (`covariances`). A population lacking an estimate of a valued outcome
 * is not calculated ("n/c" in HLT Table 2.2), with the reason.
 *
 * @example
 * const economics = benefitCostAnalysis(results.rows, sap.economics!, {});
 * economics.populations[0].returns?.society.return_per_pound; // e.g. 2.32
 */
export interface EconomicsResults {
  currency: string;
  seed: number;
  draws: number;
  generator: string;
  discount_rate: number;
  horizon_years: number;
  persistence: number;
  /** How the impacts were drawn, in words. */
  dependence: string;
  values: ValueRow[];
  populations: EconomicsPopulation[];
}

export interface ValueRow {
  outcome: string;
  per: "unit" | "sd";
  exchequer: number;
  society: number;
  horizon_years: number;
  persistence: number;
  /** The present value of the benefit over its horizon per £1 of its first year. */
  present_value_factor: number;
}

export interface EconomicsPopulation {
  population: string;
  cost_per_recruit: number;
  /** The populations a pooled cost comes from (weighted by their recruits), or null for a stated cost. */
  pooled_from: string[] | null;
  recruits: number | null;
  /** Why the returns were not calculated (null when they were). */
  not_calculated: string | null;
  impacts: { outcome: string; per: "unit" | "sd"; estimate: number; std_error: number; benefit: ByPerspective<number> }[];
  returns: ByPerspective<{ benefit: number; return_per_pound: number; net_benefit: number }> | null;
  monte_carlo: {
    purpose: string;
    joint: string[][];
    independent: string[];
    exchequer: SimulatedPerspective;
    society: SimulatedPerspective;
  } | null;
}

export interface SimulatedPerspective {
  /** The return per £1; `p_above` is P(return > £1). */
  return_per_pound: DrawSummary;
  /** Benefits − cost per recruit; `p_above` is P(net benefit > 0). */
  net_benefit: DrawSummary;
  histogram: Histogram;
}

export interface EconomicsOptions {
  /** Overrides the specification's seed (the CLI's --seed). */
  seed?: number;
  draws?: number;
}

export const DEFAULT_DISCOUNT_RATE = 0.035;

export function benefitCostAnalysis(rows: readonly EffectRow[], spec: EconomicsSpec, options: EconomicsOptions = {}): EconomicsResults {
  const seed = options.seed ?? spec.seed;
  if (seed === undefined) {
    throw inputError("the benefit–cost Monte Carlo needs a seed", { location: { path: "economics.seed" }, hint: "give a seed such as 20240101 and keep it with the results, so that the draws can be made again" });
  }
  const draws = options.draws ?? spec.draws ?? DEFAULT_DRAWS;
  const discountRate = spec.discount_rate ?? DEFAULT_DISCOUNT_RATE;
  const horizon = spec.horizon_years ?? 1;
  const persistence = spec.persistence ?? 1;
  const values: ValueRow[] = Object.entries(spec.values).map(([outcome, v]) => {
    const years = v.horizon_years ?? horizon;
    const keep = v.persistence ?? persistence;
    return {
      outcome,
      per: v.per ?? "unit",
      exchequer: v.exchequer,
      society: v.society,
      horizon_years: years,
      persistence: keep,
      present_value_factor: presentValueFactor({ discountRate, years, persistence: keep }),
    };
  });
  // the intention-to-treat effects: per person offered the service, as the cost is per recruit
  const overall = rows.filter((r) => r.analysis === "itt" && r.subgroup === null && r.level === null);
  const populations = Object.entries(spec.costs).map(([population, cost]): EconomicsPopulation => {
    const pooled = cost.pooled
      ? pooledCostPerRecruit(cost.pooled.map((name) => ({ name, costPerRecruit: ownEntry(spec.costs, name)?.per_recruit ?? NaN, recruits: ownEntry(spec.costs, name)?.recruits ?? NaN })))
      : null;
    const costPerRecruit = pooled ? pooled.costPerRecruit : cost.per_recruit!;
    const base = { population, cost_per_recruit: costPerRecruit, pooled_from: cost.pooled ? [...cost.pooled] : null, recruits: pooled ? pooled.recruits : (cost.recruits ?? null) };
    const impacts: ValuedImpact[] = [];
    const missing: string[] = [];
    for (const v of values) {
      const row = overall.find((r) => r.population === population && r.outcome === v.outcome);
      const scale = v.per === "sd" ? row?.control_sd : 1;
      if (!row || !(scale !== undefined && scale > 0) || !Number.isFinite(row.std_error)) {
        missing.push(row ? `${v.outcome} has no spread among the controls, so no effect per SD` : `no estimate of ${v.outcome}`);
        continue;
      }
      impacts.push({ outcome: v.outcome, estimate: row.estimate / scale, stdError: row.std_error / scale, values: { exchequer: v.exchequer, society: v.society }, presentValueFactor: v.present_value_factor });
    }
    if (missing.length) return { ...base, not_calculated: `${missing.join("; ")} in ${population}`, impacts: [], returns: null, monte_carlo: null };
    const joint = (spec.covariances ?? []).filter((c) => c.population === population).map((c) => ({ outcomes: [...c.outcomes], covariance: c.matrix }));
    const group: BenefitCostGroup = { name: population, costPerRecruit, impacts, joint };
    const det = benefitCostReturns(group);
    const sim = benefitCostMonteCarlo(group, { seed, draws });
    const simulated = (s: "exchequer" | "society"): SimulatedPerspective => ({ return_per_pound: sim[s].ratio, net_benefit: sim[s].netBenefit, histogram: sim[s].histogram });
    return {
      ...base,
      not_calculated: null,
      impacts: impacts.map((i, k) => ({ outcome: i.outcome, per: values.find((v) => v.outcome === i.outcome)!.per, estimate: i.estimate, std_error: i.stdError, benefit: det.contributions[k].benefit })),
      returns: perspectives((s) => ({ benefit: det.benefit[s], return_per_pound: det.returnPerPound[s], net_benefit: det.netBenefit[s] })),
      monte_carlo: { purpose: sim.purpose, joint: sim.joint, independent: sim.independent, exchequer: simulated("exchequer"), society: simulated("society") },
    };
  });
  const jointly = (spec.covariances ?? []).length > 0;
  return {
    currency: spec.currency ?? "GBP",
    seed,
    draws,
    generator: RANDOM_GENERATOR,
    discount_rate: discountRate,
    horizon_years: horizon,
    persistence,
    dependence: jointly
      ? "impacts a model estimated together are drawn jointly normal with the covariance given; all others independently (each comes from its own model, and no covariance between models was estimated)"
      : "impacts are drawn independently: each comes from its own model, and no covariance between models was estimated",
    values,
    populations,
  };
}
