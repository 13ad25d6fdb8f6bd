import type { AnalysisFrame } from "./frame.js";
import { levelsOf, valueText } from "./descriptives.js";

/**
 * Baseline balance by arm in one population: for a numeric variable the mean and SD in each arm;
 * for a categorical one the count and share of each category among those with a value; and the
 * standardised difference, treated minus control, over the pooled SD —
 * (m₁ − m₀)/√((s₁² + s₀²)/2) for means (sample SDs), (p₁ − p₀)/√((p₁(1 − p₁) + p₀(1 − p₀))/2) for
 * shares — 0 when both arms have the same single value. |d| above 0.1 is the usual flag.
 */
export interface BalanceItem {
  variable: string;
  /** A category, or null for a numeric variable. */
  level: string | null;
  control: ArmSummary;
  treated: ArmSummary;
  smd: number;
}

export interface ArmSummary {
  /** People with a value. */
  n: number;
  /** Numeric: the mean; categorical: the share (0–1) in this category. */
  mean: number;
  /** Numeric: the SD; categorical: null. */
  sd: number | null;
  /** Categorical: people in this category. */
  count: number | null;
}

export interface BalanceTable {
  population: string;
  n: { control: number; treated: number };
  items: BalanceItem[];
}

export function baselineBalance(frame: AnalysisFrame, population: string, members: Int32Array, variables: readonly string[]): BalanceTable {
  const arm = frame.linked.arm;
  const byArm = [members.filter((i) => arm[i] === 0), members.filter((i) => arm[i] === 1)];
  const items: BalanceItem[] = [];
  for (const variable of variables) {
    const column = frame.get(variable, "output.balance.variables");
    if (column.kind === "number") {
      const [c, t] = byArm.map((rows) => moments(Array.from(rows, (i) => column.values[i]).filter((v) => !Number.isNaN(v))));
      items.push({ variable, level: null, control: c, treated: t, smd: smd(t.mean - c.mean, ((t.sd ?? 0) ** 2 + (c.sd ?? 0) ** 2) / 2) });
      continue;
    }
    const levels = levelsOf(column, members, []);
    const counts = byArm.map((rows) => {
      const m = new Map<string, number>();
      let n = 0;
      for (let at = 0; at < rows.length; at++) {
        const i = rows[at];
        const v = valueText(column, i);
        if (v === null) continue;
        n++;
        m.set(v, (m.get(v) ?? 0) + 1);
      }
      return { n, m };
    });
    for (const level of levels) {
      const [c, t] = counts.map(({ n, m }) => {
        const count = m.get(level) ?? 0;
        return { n, count, mean: n ? count / n : NaN, sd: null };
      });
      items.push({ variable, level, control: c, treated: t, smd: smd(t.mean - c.mean, (t.mean * (1 - t.mean) + c.mean * (1 - c.mean)) / 2) });
    }
  }
  return { population, n: { control: byArm[0].length, treated: byArm[1].length }, items };
}

function moments(values: number[]): ArmSummary {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  return { n, mean, sd, count: null };
}

function smd(difference: number, pooledVariance: number): number {
  if (Number.isNaN(difference) || Number.isNaN(pooledVariance)) return NaN;
  if (pooledVariance === 0) return difference === 0 ? 0 : NaN;
  return difference / Math.sqrt(pooledVariance);
}
