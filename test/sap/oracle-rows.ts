import { type EffectRow, flattenRow } from "@trialstat/core";
import { expectClose } from "../helpers.js";

/** A results row as an R oracle script writes it (test/oracle/plan.R, sap.R): flattened fields. */
export type OracleRow = Record<string, string | number | null>;

const KEY = ["population", "outcome", "subgroup", "level"] as const;

/** Each row's identity, to compare the order of trialstat's rows with the oracle's. */
export function rowKeys(rows: readonly (EffectRow | OracleRow)[]): unknown[][] {
  return rows.map((r) => KEY.map((k) => (r as Record<string, unknown>)[k]));
}

/** it.each cases: a label per oracle row and its index. */
export function oracleCases(rows: readonly OracleRow[]): (readonly [string, number])[] {
  return rows.map((r, i) => [`${r.population} / ${r.outcome} / ${r.subgroup ?? "overall"} ${r.level ?? ""}`, i] as const);
}

/**
 * Every field the oracle wrote agrees with trialstat's flattened row: estimates and means to 1e-8,
 * everything else to 1e-6 (STATISTICS.md), relative, with a floor of 1e-12.
 */
export function expectOracleRow(got: EffectRow, want: OracleRow, label: string): void {
  const flat = flattenRow(got);
  for (const field of Object.keys(want)) {
    if ((KEY as readonly string[]).includes(field)) continue;
    const tol = ["estimate", "effect", "effect_size"].includes(field) || field.endsWith("_mean") ? 1e-8 : 1e-6;
    expectClose(flat[field] as number | null, want[field] as number | null, tol, `${label}: ${field}`, 1e-12);
  }
}
