import type { EconomicsPopulation, EconomicsResults, SimulatedPerspective } from "../analysis/economics.js";
import type { ResultsDocument } from "../analysis/results.js";
import { DEFAULT_DECIMALS, formatCount, formatFixed, roundTo } from "./decimals.js";
import { formatEffect } from "./headline.js";
import { type ReportTable, num, sectionRow, text } from "./table-model.js";

/**
 * The benefit–cost analysis (analysis/economics.ts) as report tables. `returnsTable` is HLT Table 2.2:
 * "Summary of the costs and returns obtained for the trials" — cost per recruit to the treatment
 * group, financial (exchequer) and economic (society) return for every £1 spent, "n/c" where a
 * population's returns were not calculated. `monteCarloTable` gives each return's distribution over
 * the Monte Carlo draws: mean, median, 90% and 95% intervals, the probability the return exceeds £1,
 * and the net benefit per recruit. `valuesTable` lists what each unit of impact is worth.
 *
 * Money per £1 is shown to two decimals (£0.02, as the report); costs and net benefits in whole units.
 *
 * @example
 * returnsTable(results.economics!, results.labels).rows[0].cells.map((c) => c.text); // ["SCR in work", "£2,116", "£0.02", "£2.32"]
 */
type Labels = ResultsDocument["labels"];

export function returnsTable(e: EconomicsResults, labels: Labels): ReportTable {
  const pounds = (x: number, places: number) => money(x, e.currency, places);
  return {
    id: "economics-returns",
    title: "Summary of the costs and returns obtained for the trials",
    columns: [{ header: [""] }, { header: ["Costs per recruit to treatment group"] }, { header: [`Financial return for every ${pounds(1, 0)} spent`] }, { header: [`Economic return for every ${pounds(1, 0)} spent`] }],
    rows: e.populations.map((p) => ({
      cells: [
        text(labels.populations[p.population] ?? p.population),
        num(roundTo(p.cost_per_recruit, 0), pounds(p.cost_per_recruit, 0)),
        ...(["exchequer", "society"] as const).map((s) => (p.returns ? num(roundTo(p.returns[s].return_per_pound, 2), pounds(p.returns[s].return_per_pound, 2)) : text("n/c"))),
      ],
    })),
    notes: [
      "Financial return: benefits to the exchequer; economic return: benefits to society, valued on their own and not added to the exchequer's (a benefit no longer paid is a transfer, worth nothing to society; tax is part of the earnings society counts), each per unit spent on the service, from the impacts per person randomised to treatment. n/c: not calculated.",
      ...e.populations.filter((p) => p.pooled_from).map((p) => `${labels.populations[p.population] ?? p.population}: cost per recruit pooled from ${p.pooled_from!.map((q) => labels.populations[q] ?? q).join(" and ")}, weighted by their recruits to the treatment group (${formatCount(p.recruits)}).`),
      ...e.populations.filter((p) => p.not_calculated).map((p) => `${labels.populations[p.population] ?? p.population}: n/c — ${p.not_calculated}.`),
      discountingNote(e),
    ],
  };
}

export function monteCarloTable(e: EconomicsResults, labels: Labels): ReportTable {
  const pounds = (x: number, places: number) => money(x, e.currency, places);
  const interval = (lo: number, hi: number, places: number) => `${pounds(lo, places)} to ${pounds(hi, places)}`;
  const rows = e.populations
    .filter((p): p is EconomicsPopulation & { monte_carlo: NonNullable<EconomicsPopulation["monte_carlo"]> } => p.monte_carlo !== null)
    .flatMap((p) => [
      sectionRow(labels.populations[p.population] ?? p.population),
      ...(["exchequer", "society"] as const).map((s) => {
        const m: SimulatedPerspective = p.monte_carlo[s];
        const r = m.return_per_pound;
        const n = m.net_benefit;
        return {
          cells: [
            text(s === "exchequer" ? "Financial (exchequer)" : "Economic (society)"),
            num(roundTo(p.returns![s].return_per_pound, 2), pounds(p.returns![s].return_per_pound, 2)),
            num(roundTo(r.mean, 2), pounds(r.mean, 2)),
            num(roundTo(r.median, 2), pounds(r.median, 2)),
            text(interval(r.q05, r.q95, 2)),
            text(interval(r.q025, r.q975, 2)),
            num(roundTo(r.p_above, 3), formatFixed(r.p_above, 3)),
            num(roundTo(n.mean, 0), pounds(n.mean, 0)),
            text(interval(n.q025, n.q975, 0)),
          ],
        };
      }),
    ]);
  const mcse = Math.max(0, ...e.populations.flatMap((p) => (p.monte_carlo ? [p.monte_carlo.exchequer.return_per_pound.mcse_p, p.monte_carlo.society.return_per_pound.mcse_p] : [])));
  return {
    id: "economics-monte-carlo",
    title: `Benefit–cost ratios over ${formatFixed(e.draws, 0)} Monte Carlo draws of the impacts`,
    columns: [
      { header: [""] },
      { header: [`Return per ${pounds(1, 0)}`, "Estimate"] },
      { header: [`Return per ${pounds(1, 0)}`, "Mean"] },
      { header: [`Return per ${pounds(1, 0)}`, "Median"] },
      { header: [`Return per ${pounds(1, 0)}`, "90% interval"] },
      { header: [`Return per ${pounds(1, 0)}`, "95% interval"] },
      { header: [`Return per ${pounds(1, 0)}`, `P(return > ${pounds(1, 0)})`] },
      { header: ["Net benefit per recruit", "Mean"] },
      { header: ["Net benefit per recruit", "95% interval"] },
    ],
    rows,
    notes: [
      `Each draw takes every impact from a normal distribution with its estimate and standard error; ${e.dependence}. Costs are fixed. Intervals: 5th–95th and 2.5th–97.5th percentiles of the draws (type-7 quantiles).`,
      `Seed ${e.seed} (${e.generator}); each population's draws come from its own stream, so the same seed gives the same results. Monte Carlo standard error of each probability at most ${formatFixed(mcse, 4)}.`,
    ],
  };
}

export function valuesTable(e: EconomicsResults, labels: Labels): ReportTable {
  return {
    id: "economics-values",
    title: "Value of one unit of each impact",
    columns: [{ header: ["Outcome"], align: "left" }, { header: ["Per"] }, { header: ["Exchequer", "per year"] }, { header: ["Society", "per year"] }, { header: ["Years"] }, { header: ["Persistence"] }, { header: ["Present value factor"] }],
    rows: e.values.map((v) => ({
      cells: [
        text(labels.outcomes[v.outcome] ?? v.outcome),
        text(v.per === "sd" ? "SD" : "unit"),
        num(v.exchequer, money(v.exchequer, e.currency, 2)),
        num(v.society, money(v.society, e.currency, 2)),
        num(v.horizon_years, String(v.horizon_years)),
        num(v.persistence, formatFixed(v.persistence, 2)),
        num(roundTo(v.present_value_factor, 4), formatFixed(v.present_value_factor, 4)),
      ],
    })),
    notes: ["Unit: one unit of the outcome (a binary outcome's unit is one person: an impact of 3ppt is 0.03 per recruit); SD: one standard deviation among the controls.", discountingNote(e)],
  };
}

function discountingNote(e: EconomicsResults): string {
  const longest = Math.max(...e.values.map((v) => v.horizon_years));
  return longest === 1
    ? "Benefits are counted for the trial's year only, undiscounted."
    : `Benefits recurring beyond the trial's year are discounted at ${formatFixed(e.discount_rate * 100, 1)}% a year (year 0, the trial's, undiscounted).`;
}

/** An amount of money with its currency's symbol and a true minus: £2,116, −£0.40. */
export function money(x: number, currency: string, places: number): string {
  return formatEffect(x, currency, { ...DEFAULT_DECIMALS, currency: places });
}
