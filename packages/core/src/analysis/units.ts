import { analysisError } from "../errors.js";
import type { OutcomeSpec } from "../sap/types.js";

/**
 * The unit an outcome's effect is reported in (docs/sap.md#outcomes), written once: the factor that
 * takes an estimate on the outcome's scale to the reported `effect` — ppt ×100 (a binary outcome's
 * proportion in percentage points), sd ÷ the control group's SD, currency and raw ×1. The report
 * prints `effect` and never scales again.
 *
 * @example
 * effectUnit({ report: "ppt", ... }, 0.48).factor; // 100
 */
export function effectUnit(outcome: Pick<OutcomeSpec, "name" | "report" | "currency">, controlSd: number, where: string): { unit: string; factor: number } {
  switch (outcome.report) {
    case "ppt":
      return { unit: "ppt", factor: 100 };
    case "sd":
      if (!(controlSd > 0)) {
        throw analysisError(`the outcome ${outcome.name} does not vary in the control group (${where}), so an effect in SD units is undefined`, { hint: "report it in raw units, or check the outcome's derivation" });
      }
      return { unit: "sd", factor: 1 / controlSd };
    case "currency":
      return { unit: outcome.currency ?? "currency", factor: 1 };
    default:
      return { unit: "raw", factor: 1 };
  }
}

/**
 * The same factor read back from a result row — its `effect_unit` and `control_sd` — for numbers a
 * row holds on the outcome's scale only (the intervals of randomisation inference and the
 * bootstrap, the bounds): ppt ×100, sd ÷ the control SD, others ×1.
 *
 * @example
 * rowUnitFactor({ effect_unit: "ppt", control_sd: 0.48 }); // 100
 */
export function rowUnitFactor(row: { effect_unit: string; control_sd: number }): number {
  return row.effect_unit === "ppt" ? 100 : row.effect_unit === "sd" ? 1 / row.control_sd : 1;
}
