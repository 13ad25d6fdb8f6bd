import type { EffectRow } from "../effects/itt.js";

/** results.json: every pre-specified estimate, how it was computed, and what it was computed from. */
export interface ResultsDocument {
  trialstat_version: string;
  sap: { file: string; title: string; registration: { id: string; sap_version: string; date: string }; sha256: string };
  inputs: { source: string; file: string; sha256: string; rows: number }[];
  settings: {
    se_type: string;
    cluster: string | null;
    levels: number[];
    covariates: string[];
    covariate_missing: string;
    subgroups: string[];
    multiplicity: { family: string | string[]; method: string; across: string }[];
  };
  rows: ResultRow[];
  weights: Record<string, unknown>;
  derived: Record<string, Record<string, number>>;
  /** The SAP's labels (the name where it gives none), for tables and plots. */
  labels: { populations: Record<string, string>; outcomes: Record<string, string> };
  /** Departures from the registered plan (SAP.lock): the SAP changed since it was locked, or was re-registered after a change. */
  deviations: string[];
  warnings: string[];
}

/** One row of results.json / results.csv, flat, with the fields in a fixed order. */
export type ResultRow = Record<string, string | number | null>;

export function flattenRow(r: EffectRow, levels: readonly number[]): ResultRow {
  const out: ResultRow = {
    population: r.population,
    outcome: r.outcome,
    role: r.role,
    subgroup: r.subgroup,
    level: r.level,
    estimate: r.estimate,
    std_error: r.std_error,
    statistic: r.statistic,
    df: r.df,
    p_value: r.p_value,
    p_adjusted: r.p_adjusted,
  };
  for (const l of levels) {
    const k = levelKey(l);
    out[`conf_low_${k}`] = r.conf[`conf_low_${k}`];
    out[`conf_high_${k}`] = r.conf[`conf_high_${k}`];
  }
  out.stars = r.stars;
  out.effect_size = r.effect_size;
  out.effect_unit = r.effect_unit;
  for (const l of levels) {
    const k = levelKey(l);
    out[`effect_conf_low_${k}`] = r.effect_conf[`effect_conf_low_${k}`];
    out[`effect_conf_high_${k}`] = r.effect_conf[`effect_conf_high_${k}`];
  }
  Object.assign(out, {
    sd_used: r.sd_used,
    control_mean: r.control_mean,
    treated_mean: r.treated_mean,
    relative_change: r.relative_change,
    n_control: r.n_control,
    n_treated: r.n_treated,
    n_clusters: r.n_clusters,
    weights: r.weights,
    se_type: r.se_type,
    dist: r.dist,
    model: r.model,
    interaction_p: r.interaction_p ?? null,
  });
  return out;
}

export function levelKey(level: number): string {
  return String(Math.round(level * 1000) / 10);
}
