import { mapScores, numberedItems, summedCompute } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";

/**
 * IPS-25, the revised Individual Placement and Support fidelity scale (a service-level review).
 *
 * 25 items rated 1–5; score = sum, 25–125; percent = score / 125 × 100.
 * Bands: 115–125 exemplary, 100–114 good, 74–99 fair, 25–73 not supported
 * employment. Missing items: none allowed.
 *
 * Source: Bond GR, Peterson AE, Becker DR, Drake RE. Validation of the Revised Individual Placement
 * and Support Fidelity Scale (IPS-25). Psychiatr Serv 2012;63(8):758–763.
 *
 * @example
 * // all 4 → 100, 80 %, "good"
 */
export const ips25: InstrumentDefinition = {
  id: "ips25",
  name: "IPS-25",
  source: "Bond GR, Peterson AE, Becker DR, Drake RE. Validation of the Revised Individual Placement and Support Fidelity Scale (IPS-25). Psychiatr Serv 2012;63(8):758-763.",
  aggregate: "sum",
  scoring: "sum of 25 item ratings (25-125); percent = sum / 125 x 100",
  items: numberedItems(25, [1, 5]),
  scales: [
    {
      name: "score",
      description: "total fidelity rating",
      range: [25, 125],
      bands: [
        { label: "not supported employment", min: 25, max: 73 },
        { label: "fair", min: 74, max: 99 },
        { label: "good", min: 100, max: 114 },
        { label: "exemplary", min: 115, max: 125 },
      ],
    },
    { name: "percent", description: "total as a percentage of 125", range: [20, 100] },
  ],
  bandScale: "score",
  missingRule: { maxMissing: 0, prorate: false, round: "half-up" },
  missingRuleSource: "trialstat default, as specified for the trials",
  compute: summedCompute("sum", (s) => ({ percent: mapScores(s.score, (v) => (v * 100) / 125) })),
};
