import type { EffectRow } from "../../packages/core/src/analysis/effect-row.js";
import type { ResultsDocument } from "../../packages/core/src/analysis/results.js";

/**
 * Result rows for tests of `reproduce`, made consistent by their definitions (effect-row.ts): the
 * effect is the estimate × the unit's factor (ppt ×100, sd ÷ control SD, currency and raw ×1), the
 * effect size the estimate ÷ the control SD, intervals estimate ± z × SE (z of the normal: 1.645,
 * 1.96, 2.576). Only what reproduce reads matters; the statistics need not come from data.
 */
export interface RowSpec {
  population?: string;
  outcome?: string;
  subgroup?: string | null;
  level?: string | null;
  unit?: "ppt" | "sd" | "raw" | string;
  estimate: number;
  std_error: number;
  p_value: number;
  p_adjusted?: number | null;
  control_sd?: number;
  control_mean?: number;
  treated_mean?: number;
  n_control?: number;
  n_treated?: number;
}

const Z: Record<number, number> = { 0.9: 1.645, 0.95: 1.96, 0.99: 2.576 };

export function effectRow(spec: RowSpec): EffectRow {
  const unit = spec.unit ?? "raw";
  const controlSd = spec.control_sd ?? 1;
  const factor = unit === "ppt" ? 100 : unit === "sd" ? 1 / controlSd : 1;
  const intervals = Object.entries(Z).map(([level, z]) => ({ level: Number(level), low: spec.estimate - z * spec.std_error, high: spec.estimate + z * spec.std_error }));
  return {
    population: spec.population ?? "all",
    outcome: spec.outcome ?? "y",
    role: "primary",
    subgroup: spec.subgroup ?? null,
    level: spec.level ?? null,
    analysis: "itt",
    estimate: spec.estimate,
    std_error: spec.std_error,
    statistic: spec.estimate / spec.std_error,
    df: null,
    p_value: spec.p_value,
    p_adjusted: spec.p_adjusted ?? null,
    intervals,
    stars: "",
    effect: spec.estimate * factor,
    effect_std_error: spec.std_error * factor,
    effect_unit: unit,
    effect_intervals: intervals.map((i) => ({ level: i.level, low: i.low * factor, high: i.high * factor })),
    effect_size: spec.estimate / controlSd,
    control_sd: controlSd,
    control_mean: spec.control_mean ?? 0,
    treated_mean: spec.treated_mean ?? 0,
    relative_change: null,
    n_control: spec.n_control ?? 100,
    n_treated: spec.n_treated ?? 100,
    n_clusters: null,
    weights: null,
    se_type: "HC2",
    dist: "z",
    model: "ols",
    interaction_p: null,
  };
}

/** A results document holding the rows (and labels), as reproduce reads one. */
export function resultsOf(rows: EffectRow[], labels: ResultsDocument["labels"] = { populations: {}, outcomes: {} }, levels = [0.9, 0.95, 0.99]): ResultsDocument {
  return { rows, labels, settings: { levels } } as unknown as ResultsDocument;
}
