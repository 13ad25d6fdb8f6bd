import { PHQ_FREQUENCY_LABELS, mapScores, numberedItems, phqBands, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * PHQ-8: items 1–8 of the PHQ-9 (the self-harm item left out).
 *
 * Score = sum of the 8 items (0–3 each), 0–24; bands as PHQ-9 with 20–24 severe; a score of 10 or more
 * is "current depression" (`current_depression` = 1, else 0). An unrounded prorated score (`round:
 * "none"`) above 9 counts, as it takes the moderate band (the band rule: above an upper limit of 9 is
 * the next band), so that a row is never "moderate" and not currently depressed.
 * Missing items: our default, as no rule is published: 1 missing → prorated (mean of answered × 8,
 * rounded half up, as PHQ-9); 2 or more → no score.
 *
 * Source: Kroenke K, Strine TW, Spitzer RL, Williams JBW, Berry JT, Mokdad AH. The PHQ-8 as a measure
 * of current depression in the general population. J Affect Disord 2009;114(1-3):163–173.
 *
 * @example
 * // items 1,1,1,1,2,2,1,1 → 10, "moderate", current_depression 1
 */
export const phq8: InstrumentDefinition = {
  id: "phq8",
  name: "PHQ-8",
  source:
    "Kroenke K, Strine TW, Spitzer RL, Williams JBW, Berry JT, Mokdad AH. The PHQ-8 as a measure of current depression in the general population. J Affect Disord 2009;114(1-3):163-173.",
  aggregate: "sum",
  scoring: "sum of items 1-8 of the PHQ-9; 10 or more = current depression",
  items: numberedItems(8, [0, 3], { labels: PHQ_FREQUENCY_LABELS }),
  scales: [
    { name: "score", description: "depression severity, sum of 8 items", range: [0, 24], bands: phqBands(24) },
    { name: "current_depression", description: "1 if the score is 10 or more, else 0", range: [0, 1] },
  ],
  bandScale: "score",
  missingRule: { maxMissing: 1, prorate: true, round: "half-up" },
  missingRuleSource: "trialstat default: no rule is published; prorated as PHQ-9",
  compute: summedCompute("sum", (s) => ({ current_depression: mapScores(s.score, (v) => (v > 9 ? 1 : 0)) })),
};
