import { showValue } from "../errors.js";
import { ownEntry } from "../own-entry.js";
import type { SapProblem } from "../sap/problems.js";
import type { LoadedSource } from "./load-source.js";

/**
 * One record per participant from a wide source (docs/sap.md#sources): a participant with several
 * records is a problem (the first such participant is reported, with the lines of all their
 * records) unless the source says which to keep — `duplicates: { keep: first | last, by: column }`,
 * ordering by the column (dates as dates, numbers as numbers, text in code-point order; a missing
 * value sorts first, so `keep: last` never prefers it; ties and no `by` keep file order).
 *
 * @example
 * // survey rows: P1 (line 2, 2021-01-05), P1 (line 3, 2021-01-02) with keep: last, by: interview_date
 * oneRecordEach(survey, grouped, keys, "survey"); // { rowFor: [0], resolved: 1 } — line 2, the later interview
 */
export function oneRecordEach(
  S: LoadedSource,
  records: { offsets: Int32Array; rows: Int32Array },
  keys: readonly string[],
  name: string,
): { rowFor: Int32Array; resolved: number; problem?: SapProblem } {
  const n = records.offsets.length - 1;
  const rowFor = new Int32Array(n).fill(-1);
  const rule = S.spec.duplicates;
  const order = rule?.by ? orderValues(S, rule.by) : undefined;
  let resolved = 0;
  let problem: SapProblem | undefined;
  for (let p = 0; p < n; p++) {
    const rows = records.rows.subarray(records.offsets[p], records.offsets[p + 1]);
    if (rows.length === 0) continue;
    if (rows.length === 1) {
      rowFor[p] = rows[0];
      continue;
    }
    if (!rule) {
      problem ??= {
        file: S.file,
        line: S.table.lineOf(rows[1]),
        column: S.spec.key,
        message: `participant ${showValue(keys[p])} has ${rows.length} records (lines ${Array.from(rows, (r) => S.table.lineOf(r)).join(", ")})`,
        hint: `a wide source has one record per participant; if duplicates are expected, say which to keep: sources.${name}.duplicates: { keep: last, by: <date column> }`,
      };
      continue;
    }
    const sorted = order ? Array.from(rows).sort((a, b) => order[a] - order[b] || a - b) : rows;
    rowFor[p] = rule.keep === "first" ? sorted[0] : sorted[sorted.length - 1];
    resolved += rows.length - 1;
  }
  return { rowFor, resolved, problem };
}

/** Sort keys for resolving duplicates: dates as day numbers, numbers as numbers, else text order; missing −∞. */
function orderValues(S: LoadedSource, column: string): Float64Array {
  const spec = ownEntry(S.spec.columns, column);
  if (spec?.type === "date" || spec?.type === "number" || (spec === undefined && S.table.column(column).kind === "number")) {
    const values = spec?.type === "date" ? S.dates(column).days : S.numbers(column);
    return Float64Array.from(values, (v) => (Number.isNaN(v) ? -Infinity : v));
  }
  const texts = S.texts(column);
  const sorted = [...new Set(texts.filter((t): t is string => t !== null))].sort();
  const rank = new Map(sorted.map((t, i) => [t, i]));
  return Float64Array.from(texts, (t) => (t === null ? -Infinity : rank.get(t)!));
}
