import type { AnalysisFrame } from "./frame.js";
import { levelsOf, valueText } from "./descriptives.js";

/**
 * Counts behind the response-rate table in the layout of HLT Table 6.2: columns are trial group ×
 * arm (treated, then control, as the HLT prints them) and a total; rows are the retained
 * participants (randomised, not erased) and, for each survey wave, those it expected (not
 * withdrawn before it fell due) and those who responded. Without a trial group the columns are the
 * two arms. Participants whose trial group is missing count only in the total.
 */
export interface ResponseCounts {
  /** The trial-group variable, or null. */
  group: string | null;
  columns: { group: string | null; arm: "treated" | "control" }[];
  /** Per column, then the total as the last entry. */
  retained: number[];
  waves: { source: string; label: string | null; months: number; eligible: number[]; responded: number[] }[];
}

export function responseCounts(frame: AnalysisFrame, group: string | null): ResponseCounts {
  const all = Int32Array.from({ length: frame.n }, (_, i) => i);
  const groupColumn = group ? frame.get(group, "output.trial_group") : null;
  const levels: (string | null)[] = groupColumn ? levelsOf(groupColumn, all, []) : [null];
  const columns = levels.flatMap((g) => (["treated", "control"] as const).map((arm) => ({ group: g, arm })));
  const columnOf = (i: number): number => {
    const armIndex = frame.linked.arm[i] === 1 ? 0 : 1;
    if (!groupColumn) return armIndex;
    const v = valueText(groupColumn, i);
    return v === null ? -1 : levels.indexOf(v) * 2 + armIndex;
  };
  const tally = (include: (i: number) => boolean) => {
    const out = new Array<number>(columns.length + 1).fill(0);
    for (let i = 0; i < frame.n; i++) {
      if (!include(i)) continue;
      const j = columnOf(i);
      if (j >= 0) out[j]++;
      out[columns.length]++;
    }
    return out;
  };
  const waves = [...frame.linked.waves.entries()].map(([source, w]) => ({
    source,
    label: frame.sap.sources[source].label ?? null,
    months: frame.sap.sources[source].wave!.months,
    eligible: tally((i) => w.eligible[i] === 1),
    responded: tally((i) => w.eligible[i] === 1 && w.responded[i] === 1),
  }));
  return { group, columns, retained: tally(() => true), waves };
}
