import { type EffectRow, intervalAt, levelKey } from "../analysis/effect-row.js";
import type { PrintedNumber } from "./printed-number.js";
import type { PublishedStatistic } from "./published-statistics.js";

/**
 * What a printed cell is compared with: the field of a result row its statistic names, in the unit
 * it is printed in (docs/reproduce.md#statistics), with the standard error in that unit that a
 * difference is measured in.
 *
 * Effects (estimate, std_error, conf_low, conf_high, interval): a bare number is in the unit the
 * plan reports (`effect`, `effect_std_error`, `effect_intervals`); ppt or % is the estimate × 100
 * (a binary outcome, whose effect the plan reports in ppt); sd is the estimate ÷ the controls' SD
 * (as `effect_size`); a currency is the estimate of an outcome the plan reports in that currency.
 * Means: bare on the outcome's scale, % × 100, a currency as is. Counts are exact. A unit the row
 * has no value in (£ for a binary outcome) is not found, with a note saying why.
 *
 * @example
 * cellTarget(row, "estimate", parsePrintedNumber("3.5ppt"), 0.95);
 * // { found: true, values: [row.estimate * 100], se: row.std_error * 100, exact: false }
 */
/** The unit a cell is printed in (stars: none). */
type PrintedUnit = Pick<PrintedNumber, "unit" | "currency">;

export type CellTarget = { found: true; values: number[]; se: number | null; exact: boolean } | { found: false; note: string };

export function cellTarget(row: EffectRow, statistic: PublishedStatistic, printed: PrintedUnit, confidence: number): CellTarget {
  const found = (values: (number | null | undefined)[], se: number | null, exact = false): CellTarget =>
    values.every((v): v is number => typeof v === "number") ? { found: true, values, se, exact } : { found: false, note: `the run has no ${statistic.replace("_", " ")} for this row` };
  switch (statistic) {
    case "p_value":
    case "stars":
      return found([row.p_value], null);
    case "p_adjusted":
      return row.p_adjusted === null ? { found: false, note: "the run adjusted no p-value for this outcome (it is in no multiplicity family of the plan)" } : found([row.p_adjusted], null);
    case "n_control":
      return found([row.n_control], null, true);
    case "n_treated":
      return found([row.n_treated], null, true);
    case "control_mean":
    case "treated_mean": {
      const mean = statistic === "control_mean" ? row.control_mean : row.treated_mean;
      if (printed.unit === "percent") return found([mean * 100], null);
      if (printed.unit === "currency" && printed.currency !== row.effect_unit) return { found: false, note: unitNote(row, printed) };
      return found([mean], null);
    }
    case "effect_size":
      if (row.effect_size === null) return { found: false, note: "the controls' outcome does not vary, so there is no effect size" };
      return found([row.effect_size], row.std_error / row.control_sd);
    default: {
      const scale = effectScale(row, printed);
      if (scale === undefined) return { found: false, note: unitNote(row, printed) };
      const se = scale === "reported" ? row.effect_std_error : row.std_error * scale;
      if (statistic === "estimate") return found([scale === "reported" ? row.effect : row.estimate * scale], se);
      if (statistic === "std_error") return found([se], null);
      const interval = intervalAt(scale === "reported" ? row.effect_intervals : row.intervals, confidence);
      if (!interval) return { found: false, note: `the run has no ${`${levelKey(confidence)}%`} interval (its levels: ${levelsOf(row).join(", ") || "none"})` };
      const ends = scale === "reported" ? [interval.low, interval.high] : [interval.low * scale, interval.high * scale];
      return found(statistic === "conf_low" ? [ends[0]] : statistic === "conf_high" ? [ends[1]] : ends, se);
    }
  }
}

/** The factor from the outcome's scale to the printed unit, "reported" for a bare number, undefined when the row has no value in it. */
function effectScale(row: EffectRow, printed: PrintedUnit): number | "reported" | undefined {
  switch (printed.unit) {
    case null:
      return "reported";
    case "percent":
      return row.effect_unit === "ppt" ? 100 : undefined;
    case "sd":
      return row.control_sd > 0 ? 1 / row.control_sd : undefined;
    case "currency":
      return printed.currency === row.effect_unit ? 1 : undefined;
  }
}

function unitNote(row: EffectRow, printed: PrintedUnit): string {
  const unit = printed.unit === "currency" ? printed.currency : printed.unit === "percent" ? "ppt or %" : printed.unit;
  const reported = row.effect_unit === "ppt" ? "a binary outcome, reported in ppt" : row.effect_unit === "sd" ? "reported in SDs" : row.effect_unit === "raw" ? "reported in its own units" : `reported in ${row.effect_unit}`;
  return `printed in ${unit}, but the outcome is ${reported}: the run has no value in ${unit}`;
}

function levelsOf(row: EffectRow): string[] {
  return row.intervals.map((i) => `${levelKey(i.level)}%`);
}
