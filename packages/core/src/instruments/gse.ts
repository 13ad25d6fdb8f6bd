import { numberedItems, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * GSE, General Self-Efficacy Scale.
 *
 * 10 items, 1 "Not at all true" … 4 "Exactly true"; score = sum, 10–40. No bands.
 * Missing items: up to 3 → prorated: mean of answered × 10, rounded half up to a whole number (our
 * choice, as PHQ-9, so that every score is a possible sum); 4 or more → no score.
 *
 * Source: Schwarzer R, Jerusalem M. Generalized Self-Efficacy scale. In: Weinman J, Wright S,
 * Johnston M, eds. Measures in health psychology: a user's portfolio. Causal and control beliefs.
 * Windsor, UK: NFER-NELSON; 1995:35–37.
 *
 * @example
 * // items 3,3,3,3,3,3,3,NA,NA,NA → 30 (prorated); 4,3,3,3,3,3,3,NA,NA,NA → 22 × 10 / 7 = 31.43 → 31
 */
export const gse: InstrumentDefinition = {
  id: "gse",
  name: "GSE",
  source:
    "Schwarzer R, Jerusalem M. Generalized Self-Efficacy scale. In: Weinman J, Wright S, Johnston M, eds. Measures in health psychology: a user's portfolio. Causal and control beliefs. Windsor, UK: NFER-NELSON; 1995:35-37.",
  aggregate: "sum",
  scoring: "sum of 10 items",
  items: numberedItems(10, [1, 4], { labels: { "Not at all true": 1, "Hardly true": 2, "Moderately true": 3, "Exactly true": 4 } }),
  scales: [{ name: "score", description: "sum of the 10 items", range: [10, 40] }],
  missingRule: { maxMissing: 3, prorate: true, round: "half-up" },
  missingRuleSource: "trialstat default as specified for the trials; rounding half up is our choice, as PHQ-9",
  compute: summedCompute("sum"),
};
