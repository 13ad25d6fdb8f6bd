import { PHQ_FREQUENCY_LABELS, numberedItems, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * GAD-7, Generalized Anxiety Disorder scale.
 *
 * Score = sum of 7 items (0 "Not at all" … 3 "Nearly every day"), 0–21.
 * Bands: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
 * Missing items: our default, as no rule is published: 1 missing → prorated (mean of answered × 7,
 * rounded half up, as PHQ-9); 2 or more → no score.
 *
 * Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized
 * anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097.
 *
 * @example
 * // items 2,2,2,2,2,2,NA → 12 × 7 / 6 = 14, "moderate" (prorated)
 */
export const gad7: InstrumentDefinition = {
  id: "gad7",
  name: "GAD-7",
  source:
    "Spitzer RL, Kroenke K, Williams JBW, Lowe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.",
  aggregate: "sum",
  scoring: "sum of 7 items",
  items: numberedItems(7, [0, 3], { labels: PHQ_FREQUENCY_LABELS }),
  scales: [
    {
      name: "score",
      description: "anxiety severity, sum of 7 items",
      range: [0, 21],
      bands: [
        { label: "minimal", min: 0, max: 4 },
        { label: "mild", min: 5, max: 9 },
        { label: "moderate", min: 10, max: 14 },
        { label: "severe", min: 15, max: 21 },
      ],
    },
  ],
  bandScale: "score",
  missingRule: { maxMissing: 1, prorate: true, round: "half-up" },
  missingRuleSource: "trialstat default: no rule is published; prorated as PHQ-9",
  compute: summedCompute("sum"),
};
