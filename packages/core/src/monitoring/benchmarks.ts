/**
 * The reference figures a service's job outcomes are monitored against, each named by its source
 * (the texts are in ../shared/reports). A user may set others; these are the defaults.
 *
 * - IPS, 55%, and usual support, 25%: the mean competitive employment rates of the IPS and the
 *   control groups over 28 randomised trials of IPS, as the IPS commissioning guidance quotes them
 *   (paragraph 25a, from the IPS Employment Center's summary of the evidence). The Centre for Mental
 *   Health's briefing "Doing what works" (2009) gives the same contrast from its own sources: 61%
 *   against 23% (Bond, Drake & Becker 2008) and, in the six-country EQOLISE trial, 55% against 28%.
 * - Caseload: "a fully-trained employment specialist can work with around 40 clients per year"
 *   (IPS commissioning guidance, paragraph 38) — a number of clients over a year, so a shorter
 *   period is compared with its share of it (40 × months / 12).
 */
export interface Benchmark {
  /** A proportion, 0–1. */
  rate: number;
  label: string;
  source: string;
}

export const IPS_BENCHMARK: Benchmark = {
  rate: 0.55,
  label: "IPS",
  source: "IPS commissioning guidance, para. 25a: mean competitive employment rate with IPS over 28 randomised trials (IPS Employment Center)",
};

export const USUAL_SUPPORT_BENCHMARK: Benchmark = {
  rate: 0.25,
  label: "usual support",
  source: "IPS commissioning guidance, para. 25a: mean competitive employment rate of the control groups of the same 28 trials",
};

export const CASELOAD_GUIDANCE = {
  clientsPerYear: 40,
  source: "IPS commissioning guidance, para. 38: a fully-trained employment specialist can work with around 40 clients per year",
} as const;
