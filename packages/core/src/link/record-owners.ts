import { quoteValue } from "../errors.js";
import type { SapProblem } from "../sap/problems.js";
import type { LoadedSource } from "./load-source.js";

/**
 * Each record's participant: its position among the retained participants, or −1 (no key, an
 * erased participant, a key never randomised). Records of erased participants and records whose key
 * was never randomised ("unmatched") are counted; the unmatched rows are listed, for the problem
 * (`unmatchedRecordsProblem`) or the flow.
 *
 * `participantOf(key)` is the participant's position among the retained, −2 for a key never
 * randomised, −3 for an erased participant.
 *
 * @example
 * // survey keys P1, P9, P2 with P1 → 0, P2 → 1, P9 not randomised
 * recordOwners(survey, participantOf); // { owner: [0, −1, 1], unmatched: [1], erased: 0 }
 */
export function recordOwners(S: LoadedSource, participantOf: (key: string) => number): { owner: Int32Array; unmatched: number[]; erased: number } {
  const owner = new Int32Array(S.table.nRows).fill(-1);
  const unmatched: number[] = [];
  let erased = 0;
  const place = (row: number, o: number) => {
    if (o >= 0) owner[row] = o;
    else if (o === NOT_RANDOMISED) unmatched.push(row);
    else if (o === ERASED) erased++;
  };
  if (S.keyCodes) {
    // one lookup per distinct key, then a pass over the codes
    const { codes, dictionary } = S.keyCodes;
    const ownerOfCode = Int32Array.from(dictionary, participantOf);
    for (let row = 0; row < codes.length; row++) place(row, codes[row] < 0 ? -1 : ownerOfCode[codes[row]]);
  } else {
    S.keys.forEach((k, row) => place(row, k === null ? -1 : participantOf(k)));
  }
  return { owner, unmatched, erased };
}

/** What `participantOf` returns for a key that was never randomised. */
export const NOT_RANDOMISED = -2;
/** What `participantOf` returns for an erased participant. */
export const ERASED = -3;

/**
 * Records whose key was never randomised stop the run (`linkage.unmatched_records: error`, the
 * default), located at the first of them: usually keys written differently in two extracts.
 * With `drop` they are only counted in the flow.
 */
export function unmatchedRecordsProblem(S: LoadedSource, unmatched: readonly number[]): SapProblem {
  const first = unmatched[0];
  return {
    file: S.file,
    line: S.table.lineOf(first),
    column: S.spec.key,
    message: `${unmatched.length} record${unmatched.length === 1 ? "" : "s"} with a key that is not randomised (first: ${quoteValue(S.keys[first] ?? "")})`,
    hint: "check that keys are written the same way in every extract (leading zeros, spaces), or set linkage.unmatched_records: drop to drop and count them",
  };
}

/** Rows grouped by participant (a counting sort, file order kept): rows[offsets[p] .. offsets[p + 1]). */
export function groupByOwner(owner: Int32Array, n: number): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (const p of owner) if (p >= 0) offsets[p + 1]++;
  for (let p = 0; p < n; p++) offsets[p + 1] += offsets[p];
  const fill = offsets.slice(0, n);
  const rows = new Int32Array(offsets[n]);
  for (let row = 0; row < owner.length; row++) {
    const p = owner[row];
    if (p >= 0) rows[fill[p]++] = row;
  }
  return { offsets, rows };
}
