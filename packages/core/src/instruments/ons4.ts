import { namedItem } from "./summed.js";
import type { Band, InstrumentDefinition } from "./types.js";

const POSITIVE: Band[] = [
  { label: "low", min: 0, max: 4 },
  { label: "medium", min: 5, max: 6 },
  { label: "high", min: 7, max: 8 },
  { label: "very high", min: 9, max: 10 },
];
const ANXIETY: Band[] = [
  { label: "very low", min: 0, max: 1 },
  { label: "low", min: 2, max: 3 },
  { label: "medium", min: 4, max: 5 },
  { label: "high", min: 6, max: 10 },
];

const item = (code: string, description: string) => namedItem(code, description, [0, 10]);

/**
 * ONS4, the ONS personal wellbeing questions: four separate items, 0 (not at all) to 10 (completely),
 * with no total.
 *
 * Each item is its own scale, passed through with its band: `satisfied` (life satisfaction),
 * `worthwhile`, `happy` (yesterday): 0–4 low, 5–6 medium, 7–8 high, 9–10 very high; `anxious`
 * (yesterday): 0–1 very low, 2–3 low, 4–5 medium, 6–10 high. A missing item leaves only its own scale
 * missing; `answered` counts the items answered. There is no `score`, no prorating and no missing-item
 * rule.
 *
 * Source: Office for National Statistics, Personal well-being user guidance (thresholds for the four
 * personal well-being questions).
 *
 * @example
 * // 8,7,4,6 → satisfied 8 "high", worthwhile 7 "high", happy 4 "low", anxious 6 "high"
 */
export const ons4: InstrumentDefinition = {
  id: "ons4",
  name: "ONS4",
  source: "Office for National Statistics. Personal well-being user guidance (the four ONS personal well-being questions and their thresholds).",
  scoring: "four separate items, each banded; no total",
  items: [item("satisfied", "life satisfaction"), item("worthwhile", "things done in life are worthwhile"), item("happy", "happiness yesterday"), item("anxious", "anxiety yesterday")],
  scales: [
    { name: "satisfied", description: "life satisfaction", range: [0, 10], bands: POSITIVE },
    { name: "worthwhile", description: "worthwhile", range: [0, 10], bands: POSITIVE },
    { name: "happy", description: "happiness yesterday", range: [0, 10], bands: POSITIVE },
    { name: "anxious", description: "anxiety yesterday (higher is worse)", range: [0, 10], bands: ANXIETY },
  ],
  missingRuleSource: "no total, so nothing to prorate",
  compute(input) {
    const n = input.n;
    const items = input.items as Float64Array[];
    const answered = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let a = 0;
      for (const column of items) if (column[i] === column[i]) a++;
      answered[i] = a;
    }
    return { scales: { satisfied: items[0], worthwhile: items[1], happy: items[2], anxious: items[3] }, answered, prorated: new Uint8Array(n) };
  },
};
