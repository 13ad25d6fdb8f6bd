import { addMonths, monthIndex } from "../data/dates.js";
import type { WindowSpec } from "../sap/types.js";

/**
 * Outcomes from long administrative records (tax, benefits) in a window after each participant's
 * randomisation date — weeks or months employed, employed at least N weeks, total earnings,
 * months on benefit. docs/sap.md#administrative-outcomes.
 *
 * The window: with d the randomisation date,
 * - records dated to the day count when addMonths(d, start) ≤ date < addMonths(d, start + months)
 *   (half-open, so consecutive windows never share a day);
 * - records dated to a month (YYYY-MM) count when their month is one of the `months` calendar
 *   months after the month in which the window opens: offsets start + 1 … start + months from the
 *   month of randomisation. The month of randomisation itself (offset 0) is a part month and never
 *   counts, so a 12-month window always holds exactly 12 monthly periods.
 *
 * Measures over the records in the window:
 * - sum:   Σ value. A record with a missing value makes the participant's total missing
 *          (`missing: missing`, the default), or is left out (`missing: skip`) as R's
 *          `aggregate(value ~ id, FUN = sum)` leaves it out (its default na.action, na.omit, drops
 *          the record before summing) — so a participant whose every record in the window is
 *          missing has no records there, and `absent` decides their value;
 * - count: the number of distinct periods (days, or months) with at least one record meeting the
 *          condition (value ≥ at_least, or = equals, or else non-zero) — two employers in one
 *          month make one month employed;
 * - any:   1 if count > 0.
 * `at_least` turns sum or count into a binary outcome. No records in the window gives 0, or
 * missing with `absent: missing`.
 *
 * @example
 * // monthly weeks-in-work records, 12 months: employed at least 13 weeks?
 * windowOutcome({ dates, monthly: true, values: weeks, start: randomised, window: { months: 12 },
 *   measure: "sum", atLeast: 13, records });
 */
export interface WindowOutcomeInput {
  /** Day numbers of the records' dates (first day of month when monthly). */
  dates: Float64Array;
  monthly: boolean;
  /** The measured column, per record (NaN missing); for count/any with `equals` on text, 1/0. */
  values: Float64Array;
  /** Randomisation day per participant. */
  randomisedOn: Float64Array;
  window: WindowSpec;
  measure: "sum" | "count" | "any";
  /** For count/any: which records qualify. */
  condition?: { atLeast?: number; equals?: number };
  /** Binary outcome: 1 when the measure is at least this. */
  atLeast?: number;
  absent?: "zero" | "missing";
  /** For sum: a record with a missing value makes the total missing (default), or is skipped. */
  missing?: "missing" | "skip";
  /** Each participant's records: rows[offsets[i] .. offsets[i + 1]). */
  records: { offsets: Int32Array; rows: Int32Array };
  /** recordMonths(dates) when monthly, if the caller has it already (several outcomes from one source share it). */
  recordMonth?: Int32Array;
}

export interface WindowOutcome {
  values: Float64Array;
  /** Participants with a missing value inside the window (sum only): their total is missing, or was summed without it (skip). */
  missingValue: number;
  /** Records with a missing value inside the window (sum only). */
  recordsMissingValue: number;
  /** Participants with no records in the window. */
  noRecords: number;
}

export function windowOutcome(input: WindowOutcomeInput): WindowOutcome {
  const { dates, monthly, values, randomisedOn, window, measure, records } = input;
  const n = randomisedOn.length;
  const start = window.start ?? 0;
  const out = new Float64Array(n);
  let missingValue = 0;
  let recordsMissingValue = 0;
  let noRecords = 0;
  const skip = input.missing === "skip";
  const qualifies = (v: number) => {
    if (Number.isNaN(v)) return false;
    const c = input.condition;
    if (c?.equals !== undefined) return v === c.equals;
    if (c?.atLeast !== undefined) return v >= c.atLeast;
    return v !== 0;
  };
  // monthly records: compare calendar-month indices (computed once per record, not per comparison)
  const recordMonth = monthly ? (input.recordMonth ?? recordMonths(dates)) : undefined;
  // the qualifying periods of one participant, reused (distinct ones counted after sorting)
  let periods = new Float64Array(64);
  for (let p = 0; p < n; p++) {
    const d = randomisedOn[p];
    const base = monthly ? monthIndex(d) : 0;
    const from = monthly ? base + start + 1 : addMonths(d, start);
    const to = monthly ? base + start + window.months : addMonths(d, start + window.months);
    let inWindow = 0;
    let sum = 0;
    let missing = false;
    let nPeriods = 0;
    for (let k = records.offsets[p]; k < records.offsets[p + 1]; k++) {
      const row = records.rows[k];
      const t = dates[row];
      if (Number.isNaN(t)) continue;
      const inside = monthly ? recordMonth![row] >= from && recordMonth![row] <= to : t >= from && t < to;
      if (!inside) continue;
      const v = values[row];
      if (measure === "sum" && Number.isNaN(v)) {
        recordsMissingValue++;
        missing = true;
        if (skip) continue;
      }
      inWindow++;
      if (measure === "sum") {
        sum += Number.isNaN(v) ? 0 : v;
      } else if (qualifies(v)) {
        if (nPeriods === periods.length) {
          const grown = new Float64Array(periods.length * 2);
          grown.set(periods);
          periods = grown;
        }
        periods[nPeriods++] = t;
      }
    }
    if (missing) missingValue++;
    let value: number;
    if (inWindow === 0) {
      noRecords++;
      value = input.absent === "missing" ? NaN : 0;
    } else if (measure === "sum") {
      value = missing && !skip ? NaN : sum;
    } else {
      value = measure === "any" ? (nPeriods > 0 ? 1 : 0) : distinctCount(periods, nPeriods);
    }
    out[p] = input.atLeast !== undefined && !Number.isNaN(value) ? (value >= input.atLeast ? 1 : 0) : value;
  }
  return { values: out, missingValue, recordsMissingValue, noRecords };
}

/** The calendar-month index of each record's date (0 where missing), for monthly records. */
export function recordMonths(dates: Float64Array): Int32Array {
  // (a loop, not Int32Array.from: from() on a typed array first copies it into a boxed list)
  const months = new Int32Array(dates.length);
  for (let i = 0; i < dates.length; i++) months[i] = Number.isNaN(dates[i]) ? 0 : monthIndex(dates[i]);
  return months;
}

/** The number of distinct values among the first n (sorted in place). */
function distinctCount(values: Float64Array, n: number): number {
  if (n < 2) return n;
  const part = values.subarray(0, n).sort();
  let distinct = 1;
  for (let i = 1; i < n; i++) if (part[i] !== part[i - 1]) distinct++;
  return distinct;
}
