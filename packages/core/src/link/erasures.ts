import type { SapProblem } from "../sap/problems.js";
import type { Sap } from "../sap/types.js";
import type { LoadedSource } from "./load-source.js";

/**
 * Participants whose data must be erased (docs/sap.md#linkage): those with a record in
 * `linkage.erasure.source` whose `column` reads `value` (compared as text, as written). They are
 * counted in the flow as randomised and erased, and removed from every source. A key in the
 * erasure source that was never randomised erases nobody.
 *
 * @example
 * // withdrawals.csv: id,erased / P2,yes / P9,yes   with erasure: { source: withdrawals, column: erased, value: "yes" }
 * erasedParticipants(sap, sources, index, 3).erased; // Uint8Array [0, 1, 0]
 */
export function erasedParticipants(
  sap: Sap,
  sources: ReadonlyMap<string, LoadedSource>,
  index: ReadonlyMap<string, number>,
  n: number,
): { erased: Uint8Array; problems: SapProblem[] } {
  const erased = new Uint8Array(n);
  const spec = sap.linkage.erasure;
  if (!spec) return { erased, problems: [] };
  const S = sources.get(spec.source)!;
  if (!S.table.hasColumn(spec.column)) return { erased, problems: [{ path: "linkage.erasure.column", file: S.file, message: `no column "${spec.column}" in ${S.file}` }] };
  const flags = S.texts(spec.column);
  const value = String(spec.value);
  S.keys.forEach((k, row) => {
    if (k === null || flags[row] !== value) return;
    const i = index.get(k);
    if (i !== undefined) erased[i] = 1;
  });
  return { erased, problems: [] };
}
