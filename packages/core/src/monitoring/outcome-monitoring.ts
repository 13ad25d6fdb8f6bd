import { inputError } from "../errors.js";
import { type FunnelMethod, type FunnelPosition, funnelPosition } from "../stats/funnel-limits.js";
import { wilsonInterval } from "../stats/single-arm/wilson-interval.js";
import { type Benchmark, CASELOAD_GUIDANCE, IPS_BENCHMARK, USUAL_SUPPORT_BENCHMARK } from "./benchmarks.js";
import type { ServiceOutcome } from "./service-outcomes.js";

/**
 * Monitoring of employment services' job outcomes (docs/statistics.md#service-outcome-monitoring):
 * for each service in each period, and for each service over every period together —
 *
 * - the job outcome rate, jobs ÷ people supported, with its Wilson interval
 *   (`prop.test(jobs, people, correct = FALSE)`);
 * - the rate against the target benchmark (default IPS, 55%) and a comparison (default usual
 *   support, 25%): above when the whole interval is above it, below when the whole interval is
 *   below, else consistent with it;
 * - its place on the funnel plot around the target: within the 95% limits, or beyond the 95% or
 *   the 99.8% limit on either side (exact binomial limits with interpolation, Spiegelhalter 2005:
 *   stats/funnel-limits.ts);
 * - the caseload: people supported per employment specialist (FTE), against the guidance's limit
 *   for the period (40 clients a year, pro rata for a shorter period: benchmarks.ts).
 *
 * @example
 * monitorOutcomes([{ service: "JCP South", period: "2015-16", people: 25, jobs: 5, specialists: 1, line: 2 }]);
 * // rows[0]: rate 0.2, Wilson 95% [0.0886, 0.3913], below IPS (55%), consistent with usual support (25%), funnel "below 99.8%", caseload 25 (limit 40)
 */
export interface MonitoringOptions {
  target?: Benchmark;
  /** A second reference rate, drawn on the funnel plot and compared in the table; null for none. */
  comparison?: Benchmark | null;
  /** Clients per employment specialist per year (default 40). */
  caseloadPerYear?: number;
  /** How long each period is, in months (default 12): the caseload limit is pro rata. */
  periodMonths?: number;
  /** The Wilson interval's level (default 0.95). */
  level?: number;
  /** Funnel limits: exact binomial with interpolation (default) or the normal approximation. */
  method?: FunnelMethod;
}

export type BenchmarkComparison = "above" | "below" | "consistent";

export interface MonitoringRow {
  service: string;
  /** null: every period together. */
  period: string | null;
  people: number;
  jobs: number;
  /** null with nobody supported. */
  rate: number | null;
  interval: { level: number; low: number; high: number } | null;
  vs_target: BenchmarkComparison | null;
  vs_comparison: BenchmarkComparison | null;
  funnel: FunnelPosition | null;
  specialists: number | null;
  /** People supported per specialist; null without specialists (and for every period together). */
  caseload: number | null;
  over_caseload_limit: boolean | null;
}

export interface Monitoring {
  target: Benchmark;
  comparison: Benchmark | null;
  level: number;
  method: FunnelMethod;
  caseload: { per_year: number; period_months: number; limit: number; source: string };
  services: string[];
  periods: string[];
  /** Each service in each period (periods in order), then each service over every period. */
  rows: MonitoringRow[];
}

export function monitorOutcomes(outcomes: readonly ServiceOutcome[], options: MonitoringOptions = {}): Monitoring {
  const target = options.target ?? IPS_BENCHMARK;
  const comparison = options.comparison === undefined ? USUAL_SUPPORT_BENCHMARK : options.comparison;
  const level = options.level ?? 0.95;
  const method = options.method ?? "binomial";
  const perYear = options.caseloadPerYear ?? CASELOAD_GUIDANCE.clientsPerYear;
  const months = options.periodMonths ?? 12;
  for (const b of [target, ...(comparison ? [comparison] : [])]) {
    if (!(b.rate > 0 && b.rate < 1)) throw inputError(`the ${b.label} benchmark must be a rate between 0 and 1, got ${b.rate}`, { hint: "e.g. 0.55 for 55%" });
  }
  if (!(perYear > 0)) throw inputError(`the caseload limit must be above 0, got ${perYear}`, { hint: `the guidance's figure is ${CASELOAD_GUIDANCE.clientsPerYear} clients per specialist per year` });
  if (!(months > 0 && months <= 120)) throw inputError(`a period must last between 0 and 120 months, got ${months}`, { hint: "e.g. 12 for years, 3 for quarters" });
  const limit = (perYear * months) / 12;
  const services = [...new Set(outcomes.map((o) => o.service))];
  const periods = [...new Set(outcomes.map((o) => o.period))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const row = (service: string, period: string | null, people: number, jobs: number, specialists: number | null): MonitoringRow => {
    const compare = (b: Benchmark | null, low: number, high: number): BenchmarkComparison | null => (b === null ? null : low > b.rate ? "above" : high < b.rate ? "below" : "consistent");
    if (people === 0) {
      return { service, period, people, jobs, rate: null, interval: null, vs_target: null, vs_comparison: null, funnel: null, specialists, caseload: specialists ? 0 : null, over_caseload_limit: specialists ? false : null };
    }
    const w = wilsonInterval(jobs, people, { level });
    const caseload = specialists ? people / specialists : null;
    return {
      service,
      period,
      people,
      jobs,
      rate: jobs / people,
      interval: { level, low: w.lower, high: w.upper },
      vs_target: compare(target, w.lower, w.upper),
      vs_comparison: compare(comparison, w.lower, w.upper),
      funnel: funnelPosition(jobs, people, target.rate, method),
      specialists,
      caseload,
      over_caseload_limit: caseload === null ? null : caseload > limit,
    };
  };

  const rows: MonitoringRow[] = [];
  for (const period of periods) {
    for (const service of services) {
      const o = outcomes.find((x) => x.service === service && x.period === period);
      if (o) rows.push(row(service, period, o.people, o.jobs, o.specialists));
    }
  }
  for (const service of services) {
    const own = outcomes.filter((o) => o.service === service);
    rows.push(row(service, null, own.reduce((s, o) => s + o.people, 0), own.reduce((s, o) => s + o.jobs, 0), null));
  }
  return { target, comparison, level, method, caseload: { per_year: perYear, period_months: months, limit, source: CASELOAD_GUIDANCE.source }, services, periods, rows };
}
