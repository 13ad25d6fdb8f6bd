import { mapScores, numberedItems, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * WHO-5 Well-Being Index.
 *
 * 5 items, 0 "At no time" … 5 "All of the time"; score = raw sum, 0–25; percent = raw × 4, 0–100.
 * Bands on the percentage: ≤ 28 "likely depression", ≤ 50 "poor wellbeing", above 50 "not poor
 * wellbeing" (our label: the source names only the two thresholds). A score at or below 28 is also
 * poor wellbeing; the band names the more severe. Missing items: none allowed.
 *
 * Source: World Health Organization Regional Office for Europe. Wellbeing measures in primary health
 * care: the DepCare project. Copenhagen: WHO, 1998. Topp CW, Østergaard SD, Søndergaard S, Bech P.
 * The WHO-5 Well-Being Index: a systematic review of the literature. Psychother Psychosom
 * 2015;84(3):167–176.
 *
 * @example
 * // items 3,3,2,2,2 → raw 12, percent 48, "poor wellbeing"; 7 → 28, "likely depression"
 */
export const who5: InstrumentDefinition = {
  id: "who5",
  name: "WHO-5",
  source:
    "WHO Regional Office for Europe. Wellbeing measures in primary health care: the DepCare project. Copenhagen: WHO, 1998. Topp CW, Ostergaard SD, Sondergaard S, Bech P. The WHO-5 Well-Being Index: a systematic review of the literature. Psychother Psychosom 2015;84(3):167-176.",
  aggregate: "sum",
  scoring: "raw = sum of 5 items (0-25); percent = raw x 4 (0-100); bands from the percentage",
  items: numberedItems(5, [0, 5], {
    labels: {
      "At no time": 0,
      "Some of the time": 1,
      "Less than half of the time": 2,
      "More than half of the time": 3,
      "Most of the time": 4,
      "All of the time": 5,
    },
  }),
  scales: [
    { name: "score", description: "raw sum of the 5 items", range: [0, 25] },
    {
      name: "percent",
      description: "raw x 4",
      range: [0, 100],
      bands: [
        { label: "likely depression", min: 0, max: 28 },
        { label: "poor wellbeing", min: 29, max: 50 },
        { label: "not poor wellbeing", min: 51, max: 100 },
      ],
    },
  ],
  bandScale: "percent",
  missingRule: { maxMissing: 0, prorate: false, round: "half-up" },
  missingRuleSource: "trialstat default, as specified for the trials",
  compute: summedCompute("sum", (s) => ({ percent: mapScores(s.score, (raw) => raw * 4) })),
};
