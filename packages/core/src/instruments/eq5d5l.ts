import { inputError } from "../errors.js";
import { namedItem } from "./summed.js";
import type { InstrumentDefinition } from "./types.js";
import { ENGLAND_2018, stateIndex, stateName } from "./value-sets.js";

const dimension = (code: string, description: string) => namedItem(code, description, [1, 5]);

/**
 * EQ-5D-5L health state and index, plus the EQ VAS.
 *
 * Five dimensions — mobility (mo), self-care (sc), usual activities (ua), pain/discomfort (pd),
 * anxiety/depression (ad) — each at level 1 (no problems) to 5; the state (e.g. 21345) is valued by a
 * value set: score = index = 1 − Σ decrements (England 2018 by default; any other from a CSV, see
 * `parseValueSet`). `vas` = the EQ VAS, 0–100 (any number), passed through when its column is given;
 * a missing VAS does not affect the index. No bands.
 * Missing items: none — an index needs all five dimensions and is never prorated.
 *
 * Source: Herdman M, Gudex C, Lloyd A, et al. Development and preliminary testing of the new
 * five-level version of EQ-5D (EQ-5D-5L). Qual Life Res 2011;20(10):1727–1736. England value set:
 * Devlin NJ, Shah KK, Feng Y, Mulhern B, van Hout B. Health Econ 2018;27(1):7–22. The questionnaire
 * wording is EuroQol's and needs a licence; none of it is shipped.
 *
 * @example
 * // 2,3,2,4,5 → state 23245 → 0.247 (England 2018); 1,1,1,1,2 → 0.922
 */
export const eq5d5l: InstrumentDefinition = {
  id: "eq5d5l",
  name: "EQ-5D-5L",
  source:
    "Herdman M, Gudex C, Lloyd A, et al. Development and preliminary testing of the new five-level version of EQ-5D (EQ-5D-5L). Qual Life Res 2011;20(10):1727-1736. Default value set: Devlin NJ, Shah KK, Feng Y, Mulhern B, van Hout B. Valuing health-related quality of life: an EQ-5D-5L value set for England. Health Econ 2018;27(1):7-22.",
  scoring: "index = value of the 5-digit state in a value set (England 2018 unless another is named); vas passed through",
  items: [
    dimension("mo", "mobility"),
    dimension("sc", "self-care"),
    dimension("ua", "usual activities"),
    dimension("pd", "pain/discomfort"),
    dimension("ad", "anxiety/depression"),
    { code: "vas", description: "EQ VAS (not part of the index)", range: [0, 100], integer: false, scored: false, optional: true, reverse: false },
  ],
  scales: [
    { name: "score", description: "index value (range of the England 2018 set; other value sets differ)", range: [-0.285, 1] },
    { name: "vas", description: "EQ VAS as answered (present only when its column is given)", range: [0, 100] },
  ],
  missingRule: { maxMissing: 0, prorate: false, round: "half-up" },
  missingRuleSource: "an index needs all five dimensions",
  usesValueSet: true,
  checkRule(rule, names) {
    if (rule.maxMissing !== 0) {
      throw inputError("an EQ-5D-5L index needs all five dimensions: it cannot be prorated", {
        location: { path: names.maxMissing },
        hint: "leave the missing-item rule of eq5d5l at its default (no missing dimension)",
      });
    }
  },
  compute(input) {
    const n = input.n;
    const valueSet = input.valueSet ?? ENGLAND_2018;
    const [mo, sc, ua, pd, ad] = input.items as Float64Array[];
    const score = new Float64Array(n);
    const answered = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const a = (mo[i] === mo[i] ? 1 : 0) + (sc[i] === sc[i] ? 1 : 0) + (ua[i] === ua[i] ? 1 : 0) + (pd[i] === pd[i] ? 1 : 0) + (ad[i] === ad[i] ? 1 : 0);
      answered[i] = a;
      if (a < 5) {
        score[i] = NaN;
        continue;
      }
      const s = stateIndex(mo[i], sc[i], ua[i], pd[i], ad[i]);
      const v = valueSet.values[s];
      if (v !== v) {
        throw input.rowError(i, `state ${stateName(s)} has no value in ${valueSet.name}`, "use a value set with all 3,125 states");
      }
      score[i] = v;
    }
    const scales: Record<string, Float64Array> = { score };
    if (input.items[5]) scales.vas = input.items[5];
    return { scales, answered, prorated: new Uint8Array(n) };
  },
};
