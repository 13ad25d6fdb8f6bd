import { inputError } from "../errors.js";

/**
 * The cost per recruit of a pooled population (e.g. All SCR = SCR in work + SCR out of work): the
 * total cost of its parts over their recruits to the treatment group,
 *
 *   C = Σ_i C_i · n_i / Σ_i n_i,
 *
 * C_i the cost per recruit to part i's treatment group and n_i its recruits to that group. This is
 * how the HLT report's pooled costs arise: (£2,116 × 1,260 + £2,416 × 1,799) / 3,059 = £2,292 for All
 * SCR and (£2,416 × 1,799 + £3,893 × 1,837) / 3,636 = £3,162 for All OOW (Table 2.2 from its Table
 * 1.1's treatment-group counts; the text gives the same: "this led to a per person spend of
 * £2,292.00 for the treatment group across SCR").
 *
 * @example
 * pooledCostPerRecruit([{ name: "scr_iw", costPerRecruit: 2116, recruits: 1260 }, { name: "scr_oow", costPerRecruit: 2416, recruits: 1799 }]);
 * // { costPerRecruit: 2292.43…, recruits: 3059 }
 */
export interface CostPart {
  name: string;
  costPerRecruit: number;
  recruits: number;
}

export function pooledCostPerRecruit(parts: readonly CostPart[]): { costPerRecruit: number; recruits: number } {
  if (parts.length < 2) throw inputError("a pooled cost needs two or more parts", { location: { path: "costs" }, hint: "pool the populations that make up the pooled one, e.g. [scr_iw, scr_oow]" });
  let total = 0;
  let recruits = 0;
  for (const p of parts) {
    if (!(Number.isFinite(p.costPerRecruit) && p.costPerRecruit > 0) || !(Number.isInteger(p.recruits) && p.recruits > 0)) {
      throw inputError(`the cost of ${p.name} needs a positive cost per recruit and a whole number of recruits to pool it`, {
        location: { path: `costs.${p.name}` },
        hint: "give per_recruit and recruits (people randomised to the treatment group) for each part",
      });
    }
    total += p.costPerRecruit * p.recruits;
    recruits += p.recruits;
  }
  return { costPerRecruit: total / recruits, recruits };
}
