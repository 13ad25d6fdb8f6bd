import type { ServiceOutcome } from "../monitoring/service-outcomes.js";
import { spearmanCorrelation } from "../stats/rank-correlation.js";
import { wilsonInterval } from "../stats/single-arm/wilson-interval.js";
import { type FidelityReviews, firstAndLast } from "./fidelity-reviews.js";

/**
 * Fidelity against job outcomes across services: each service's latest fidelity review beside its
 * job outcome rate over every period of its outcomes (jobs ÷ people supported, with the Wilson
 * interval), in order of fidelity, and Spearman's rank correlation between the two across the
 * services that have both. The correlation is descriptive — with a handful of services a p-value
 * would say little, and none is given; the table lets a reader see which services break the
 * pattern. Services with reviews but no outcomes, or outcomes but no reviews, are listed so that
 * none is dropped unseen.
 *
 * The guidance's claim this looks at: "a higher score on this scale is linked to improved job
 * outcomes" (IPS commissioning guidance, para. 26).
 *
 * @example
 * // Project 100: end fidelity PP 88, JCP West 91, JCP South 89; jobs 2/17, 4/22, 5/25 → ρ = 0.5
 * fidelityAgainstOutcomes(reviews, outcomes).rho; // 0.5
 */
export interface FidelityOutcomeRow {
  service: string;
  /** The latest review's date, total (25–125), percentage and band. */
  date: string;
  total: number;
  percent: number;
  band: string;
  people: number;
  jobs: number;
  rate: number | null;
  interval: { level: number; low: number; high: number } | null;
}

export interface FidelityAgainstOutcomes {
  rows: FidelityOutcomeRow[];
  /** Spearman's ρ between the latest total and the job rate; null with fewer than 3 services or no variation. */
  rho: number | null;
  n: number;
  reviewsOnly: string[];
  outcomesOnly: string[];
}

export function fidelityAgainstOutcomes(reviews: FidelityReviews, outcomes: readonly ServiceOutcome[], level = 0.95): FidelityAgainstOutcomes {
  const withOutcomes = new Set(outcomes.map((o) => o.service));
  const rows: FidelityOutcomeRow[] = [];
  for (const service of reviews.services) {
    if (!withOutcomes.has(service)) continue;
    const latest = firstAndLast(reviews, service).last;
    const own = outcomes.filter((o) => o.service === service);
    const people = own.reduce((s, o) => s + o.people, 0);
    const jobs = own.reduce((s, o) => s + o.jobs, 0);
    const w = people > 0 ? wilsonInterval(jobs, people, { level }) : null;
    rows.push({ service, date: latest.date, total: latest.total, percent: latest.percent, band: latest.band, people, jobs, rate: people > 0 ? jobs / people : null, interval: w && { level, low: w.lower, high: w.upper } });
  }
  rows.sort((a, b) => b.total - a.total);
  const rated = rows.filter((r) => r.rate !== null);
  const { rho } = rated.length >= 3 ? spearmanCorrelation(rated.map((r) => r.total), rated.map((r) => r.rate!)) : { rho: null };
  return {
    rows,
    rho,
    n: rated.length,
    reviewsOnly: reviews.services.filter((s) => !withOutcomes.has(s)),
    outcomesOnly: [...withOutcomes].filter((s) => !reviews.services.includes(s)),
  };
}
