import { inputError } from "../errors.js";
import { mapScores, numberedItems, settingTo, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/** Raw score 7..35 → metric score (Rasch conversion, Stewart-Brown et al. 2009); index = raw − 7. */
export const SWEMWBS_METRIC: readonly number[] = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11,
  25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35.0,
];

/** The notice reports using SWEMWBS must carry. */
export const SWEMWBS_NOTICE =
  "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.";

/**
 * SWEMWBS, Short Warwick-Edinburgh Mental Wellbeing Scale.
 *
 * 7 items, 1 "None of the time" … 5 "All of the time" (labels are not built in: map them with
 * `labels`); raw = sum, 7–35; score = metric score from the Rasch conversion table (`SWEMWBS_METRIC`),
 * 7.00–35.00. No bands. Missing items: none allowed. If a SAP allows some with prorating, the prorated
 * raw sum must be rounded (half up) to a whole number to be converted; `round: "none"` is refused.
 *
 * Source: Stewart-Brown S, Tennant A, Tennant R, Platt S, Parkinson J, Weich S. Internal construct
 * validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis using data from
 * the Scottish Health Education Population Survey. Health Qual Life Outcomes 2009;7:15.
 * Free to use after registering with the owners; reports carry `SWEMWBS_NOTICE`.
 *
 * @example
 * // items 3,3,3,3,3,3,3 → raw 21, score 19.25
 */
export const swemwbs: InstrumentDefinition = {
  id: "swemwbs",
  name: "SWEMWBS",
  source:
    "Stewart-Brown S, Tennant A, Tennant R, Platt S, Parkinson J, Weich S. Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis using data from the Scottish Health Education Population Survey. Health Qual Life Outcomes 2009;7:15.",
  notice: SWEMWBS_NOTICE,
  aggregate: "sum",
  scoring: "raw = sum of 7 items (7-35); score = metric score from the Rasch conversion table (7.00-35.00)",
  items: numberedItems(7, [1, 5]),
  scales: [
    { name: "score", description: "metric score (Rasch conversion of the raw score)", range: [7, 35] },
    { name: "raw", description: "sum of the 7 items", range: [7, 35] },
  ],
  missingRule: { maxMissing: 0, prorate: false, round: "half-up" },
  missingRuleSource: "trialstat default, as specified for the trials",
  checkRule(rule, names) {
    if (rule.maxMissing > 0 && rule.round !== "half-up") {
      throw inputError("the SWEMWBS conversion table needs a whole raw score: a prorated raw score must be rounded", {
        location: { path: names.round },
        hint: `give ${settingTo(names.round, "half-up")}, or allow no missing items`,
      });
    }
  },
  compute: summedCompute("sum", (s) => ({ score: mapScores(s.score, (raw) => SWEMWBS_METRIC[raw - 7]), raw: s.score })),
};
