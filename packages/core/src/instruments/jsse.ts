import { numberedItems, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * JSSE, job search self-efficacy: the 9-item form used in the IPS-in-IAPT (2015) and Health-led
 * Employment Trials evaluations.
 *
 * 9 items, 1 "Not at all" … 5 "A great deal"; score = sum, 9–45; `mean` = mean of the answered items,
 * 1–5. No bands. Missing items: none allowed by default; a SAP may allow some, and the sum is then
 * prorated (mean of answered × 9, rounded half up like PHQ-9 unless `round: "none"`), while `mean`
 * stays the unrounded mean of the answered items.
 *
 * Source: the 9 items as printed in the IPS-in-IAPT evaluation (2015), stem "Whether or not you are
 * employed or unemployed now, how confident do you feel about doing the following things successfully?";
 * used in the HLT evaluation (DWP research report 1025, 2022).
 *
 * @example
 * // items 1,2,3,4,5,4,3,2,1 → score 25, mean 2.777…
 */
export const jsse: InstrumentDefinition = {
  id: "jsse",
  name: "JSSE",
  source:
    "Job search self-efficacy, 9-item form as printed in the IPS-in-IAPT evaluation (2015) and used in the Health-led Employment Trials evaluation (DWP research report 1025, 2022).",
  aggregate: "sum",
  scoring: "sum of 9 items (9-45); mean of the answered items (1-5)",
  items: numberedItems(9, [1, 5], { labels: { "Not at all": 1, "A great deal": 5 } }),
  scales: [
    { name: "score", description: "sum of the 9 items", range: [9, 45] },
    { name: "mean", description: "mean of the answered items", range: [1, 5] },
  ],
  missingRule: { maxMissing: 0, prorate: false, round: "half-up" },
  missingRuleSource: "trialstat default, as specified for the trials",
  compute: summedCompute("sum", (s) => ({ mean: s.mean })),
};
