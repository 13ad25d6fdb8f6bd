import { PHQ_FREQUENCY_LABELS, numberedItems, phqBands, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * PHQ-9, Patient Health Questionnaire depression module.
 *
 * Items 1–9 (0 "Not at all" … 3 "Nearly every day"); score = sum of items 1–9, 0–27.
 * Bands: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
 * Item 10 (how difficult the problems made life, 0 "Not difficult at all" … 3 "Extremely difficult") is
 * checked and passed through as `difficulty` but never scored.
 * Missing items: up to 2 of items 1–9 → prorated: mean of the answered items × 9, rounded half up to a
 * whole number (Arrieta et al. 2017); 3 or more → no score.
 *
 * Source: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity
 * measure. J Gen Intern Med 2001;16(9):606–613. Prorating: Arrieta et al. 2017.
 *
 * @example
 * // items 1,2,3,0,1,2,3,0,1 → score 13, "moderate"; items 3,3,3,3,3,3,3,NA,NA → 27 (prorated)
 * // 2,2,2,2,1,1,1,NA,NA → 11 × 9 / 7 = 14.14 → 14
 */
export const phq9: InstrumentDefinition = {
  id: "phq9",
  name: "PHQ-9",
  source:
    "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16(9):606-613. Prorating: Arrieta et al. 2017.",
  aggregate: "sum",
  scoring: "sum of items 1-9 (item 10, difficulty, is recorded but not scored)",
  items: [
    ...numberedItems(9, [0, 3], { labels: PHQ_FREQUENCY_LABELS }),
    {
      code: "10",
      description: "functional difficulty (not scored)",
      range: [0, 3],
      integer: true,
      scored: false,
      optional: true,
      reverse: false,
      labels: { "Not difficult at all": 0, "Somewhat difficult": 1, "Very difficult": 2, "Extremely difficult": 3 },
    },
  ],
  scales: [
    { name: "score", description: "depression severity, sum of items 1-9", range: [0, 27], bands: phqBands(27) },
    { name: "difficulty", description: "item 10 as answered (present only when its column is given)", range: [0, 3] },
  ],
  bandScale: "score",
  missingRule: { maxMissing: 2, prorate: true, round: "half-up" },
  missingRuleSource: "Arrieta et al. 2017",
  compute: summedCompute("sum", (_, input): Record<string, Float64Array> => (input.items[9] ? { difficulty: input.items[9] } : {})),
};
