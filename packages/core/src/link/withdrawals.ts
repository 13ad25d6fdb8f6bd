import type { SapProblem } from "../sap/problems.js";
import type { Sap } from "../sap/types.js";
import type { LoadedSource } from "./load-source.js";

/**
 * Withdrawals (docs/sap.md#linkage): each participant's withdrawal date from
 * `linkage.withdrawal` — the earliest, if the source lists several — or NaN. A withdrawn
 * participant stays in the analysis (intention to treat) with what was collected before that date.
 *
 * @example
 * // withdrawals.csv: id,withdrawn_on / P2,2021-03-01 / P2,2021-02-01
 * withdrawalDates(sap, sources, index, 3).withdrawnOn; // [NaN, day(2021-02-01), NaN]
 */
export function withdrawalDates(
  sap: Sap,
  sources: ReadonlyMap<string, LoadedSource>,
  index: ReadonlyMap<string, number>,
  n: number,
): { withdrawnOn: Float64Array; problems: SapProblem[] } {
  const withdrawnOn = new Float64Array(n).fill(NaN);
  const spec = sap.linkage.withdrawal;
  if (!spec) return { withdrawnOn, problems: [] };
  const S = sources.get(spec.source)!;
  try {
    const days = S.dates(spec.date).days;
    S.keys.forEach((k, row) => {
      if (k === null || Number.isNaN(days[row])) return;
      const i = index.get(k);
      if (i !== undefined && !(withdrawnOn[i] <= days[row])) withdrawnOn[i] = days[row];
    });
  } catch (e) {
    const err = e as { message: string; location?: { line?: number }; hint?: string };
    return { withdrawnOn, problems: [{ path: "linkage.withdrawal.date", file: S.file, line: err.location?.line, column: spec.date, message: err.message, hint: err.hint }] };
  }
  return { withdrawnOn, problems: [] };
}

/**
 * Administrative records dated on or after their participant's withdrawal are not used: their owner
 * becomes −1 (in place). `days` are the records' dates (the date column the plan's administrative
 * outcomes read). Returns how many records were dropped.
 *
 * @example
 * // owner [0, 0, 1], days [10, 20, 15], withdrawnOn [15, NaN] → owner [0, −1, 1], returns 1
 */
export function dropRecordsAfterWithdrawal(owner: Int32Array, days: Float64Array, withdrawnOn: Float64Array): number {
  let dropped = 0;
  for (let row = 0; row < owner.length; row++) {
    const p = owner[row];
    if (p >= 0 && days[row] >= withdrawnOn[p]) {
      owner[row] = -1;
      dropped++;
    }
  }
  return dropped;
}
