import { TrialstatError } from "../errors.js";
import { ownEntry } from "../own-entry.js";
import { type MdesResult, minimumDetectableEffect } from "../stats/power/minimum-detectable-effect.js";
import type { DesignSpec, OutcomeSpec, Sap } from "../sap/types.js";
import type { EffectRow } from "./effect-row.js";

/**
 * What each population of a plan could detect (docs/sap.md#design): the minimum detectable effect
 * of every population × outcome the plan's `design:` section covers, by Bloom's formula
 * (stats/power/minimum-detectable-effect.ts), in SDs and in the unit the outcome is reported in —
 * the MDES table of a protocol, and of a SAP in the HLT style ("what each trial group could detect").
 *
 * Two bases, named in every row:
 * - **planned** (no run): the sizes the plan states (n, or clusters × cluster size), its allocation,
 *   and for survey outcomes — those weighted for non-response — its expected response rate and the
 *   design effect of the weights.
 * - **achieved** (after a run): each overall intention-to-treat row's analysed people (n_treated + n_control, who
 *   already are the respondents, so the response rate is 1) and their treated share, the clusters the
 *   model counted, and the design effect of the outcome's weights as built (Kish's 1 + CV² over all
 *   their respondents, `weights.<name>.summary.designEffect`). R², the ICC and the number of
 *   covariates are always the plan's.
 *
 * A binary outcome's MDE in percentage points needs the control group's proportion p1: the plan's
 * `control_rate` when it states one (`control_rate_source: "plan"`), else the run's control mean
 * ("run"); planned without one, only the MDES in SDs is given. An outcome reported in currency or raw
 * units gets its MDE in them from the plan's `sd`, else the run's control SD.
 *
 * @example
 * designMdes(sap).rows[0]; // { population: "scr_iw", outcome: "employed13w", basis: "planned", mdes: 0.112, mde: 4.9, unit: "ppt", … }
 */
export type MdesBasis = "planned" | "achieved";

export interface MdesRow {
  population: string;
  outcome: string;
  basis: MdesBasis;
  design: "individual" | "cluster";
  /** People in the MDES: randomised (planned) or analysed (achieved). */
  n: number;
  n_treated: number;
  n_control: number;
  clusters: number | null;
  cluster_size: number | null;
  icc: number | null;
  treated_share: number;
  response_rate: number;
  design_effect: number;
  /** Where the design effect came from: the plan, the run's weights, or none (an unweighted outcome). */
  design_effect_source: "plan" | "weights" | "none";
  r2: number;
  covariates: number;
  df: number | null;
  multiplier: number;
  /** The standard error of the impact in SDs. */
  standard_error: number;
  /** The minimum detectable effect in SDs of the outcome. */
  mdes: number;
  /** The unit the outcome is reported in, and the MDE in it (null when that needs a p1 or SD nobody gave). */
  unit: string;
  mde: number | null;
  control_rate: number | null;
  control_rate_source: "plan" | "run" | null;
  sd: number | null;
  sd_source: "plan" | "run" | null;
}

export interface DesignResults {
  basis: MdesBasis;
  sig_level: number;
  power: number;
  alternative: "two.sided" | "one.sided";
  distribution: "t" | "normal";
  rows: MdesRow[];
}

/** What a run contributes: its effect rows and the design effect of each set of weights. */
export interface AchievedSizes {
  rows: readonly EffectRow[];
  weightDesignEffects: Readonly<Record<string, number>>;
}

export function designMdes(sap: Sap, achieved?: AchievedSizes): DesignResults {
  const design = sap.design as DesignSpec;
  const sigLevel = design.sig_level ?? 0.05;
  const power = design.power ?? 0.8;
  const alternative = design.alternative ?? "two.sided";
  const distribution = design.distribution ?? "t";
  const cluster = design.icc !== undefined;
  const outcomes = sap.outcomes.filter((o) => (design.outcomes ? Object.hasOwn(design.outcomes, o.name) : o.role === "primary"));
  const rows: MdesRow[] = [];
  // the overall intention-to-treat rows: what the trial randomised, not Lin's or the CACE's
  const overall = achieved?.rows.filter((r) => r.analysis === "itt" && r.subgroup === null && r.level === null);
  for (const outcome of outcomes) {
    const spec = ownEntry(design.outcomes, outcome.name) ?? {};
    const survey = outcome.weights !== undefined;
    const populations = overall
      ? [...new Set(overall.filter((r) => r.outcome === outcome.name).map((r) => r.population))]
      : Object.keys(sap.populations).filter((p) => Object.hasOwn(design.populations, p) && (outcome.populations ?? [p]).includes(p));
    for (const population of populations) {
      const planned = design.populations[population];
      const row = overall?.find((r) => r.population === population && r.outcome === outcome.name);
      const planRate = typeof spec.control_rate === "number" ? spec.control_rate : ownEntry(spec.control_rate, population);
      const runRate = row && row.control_mean > 0 && row.control_mean < 1 ? row.control_mean : undefined;
      const p1 = outcome.type === "binary" ? (planRate ?? runRate) : undefined;
      const sd = outcome.type === "binary" ? undefined : (spec.sd ?? (row && row.control_sd > 0 ? row.control_sd : undefined));
      const weightsDeff = survey && row ? achieved?.weightDesignEffects[outcome.weights!] : undefined;
      const plannedDeff = survey || spec.deff !== undefined ? (spec.deff ?? design.deff ?? 1) : 1;
      const deff = weightsDeff ?? plannedDeff;
      const input = row
        ? {
            n: cluster ? undefined : row.n_treated + row.n_control,
            clusters: cluster ? (row.n_clusters ?? planned?.clusters) : undefined,
            treatedShare: row.n_treated / (row.n_treated + row.n_control),
            responseRate: 1,
          }
        : {
            n: cluster ? undefined : planned.n,
            clusters: cluster ? planned.clusters : undefined,
            treatedShare: allocationShare(planned.allocation ?? design.allocation),
            responseRate: spec.response_rate ?? (survey ? (planned.response_rate ?? design.response_rate ?? 1) : 1),
          };
      const clusterSize = cluster ? (row ? (row.n_treated + row.n_control) / input.clusters! : planned.cluster_size) : undefined;
      let r: MdesResult;
      try {
        r = minimumDetectableEffect({
          ...input,
          ...(cluster ? { clusterSize, icc: design.icc } : {}),
          p1: p1 ?? undefined,
          power,
          sigLevel,
          alternative,
          distribution,
          r2: spec.r2 ?? design.r2 ?? 0,
          r2Cluster: cluster ? (design.r2_cluster ?? 0) : undefined,
          covariates: design.covariates ?? 0,
          designEffect: deff,
        });
      } catch (e) {
        if (!(e instanceof TrialstatError)) throw e;
        throw e.restated(`the MDES of ${outcome.name} in ${population}: ${e.message}`, { path: `design.populations.${population}` });
      }
      rows.push({
        population,
        outcome: outcome.name,
        basis: row ? "achieved" : "planned",
        ...mdesSizes(r),
        treated_share: r.treatedShare,
        response_rate: r.responseRate,
        design_effect: r.designEffect,
        design_effect_source: weightsDeff !== undefined ? "weights" : survey || spec.deff !== undefined ? "plan" : "none",
        r2: r.r2,
        covariates: r.covariates,
        df: Number.isFinite(r.df) ? r.df : null,
        multiplier: r.multiplier,
        standard_error: r.standardError,
        mdes: r.mdes,
        ...mdeInUnit(outcome, r, sd),
        control_rate: p1 ?? null,
        control_rate_source: p1 === undefined ? null : planRate !== undefined ? "plan" : "run",
        sd: sd ?? null,
        sd_source: sd === undefined ? null : spec.sd !== undefined ? "plan" : "run",
      });
    }
  }
  return { basis: achieved ? "achieved" : "planned", sig_level: sigLevel, power, alternative, distribution, rows };
}

/** The design and sizes of an MDES, with the names JSON gives them (here and in `trialstat power --format json`). */
export function mdesSizes(r: MdesResult): Pick<MdesRow, "design" | "n" | "n_treated" | "n_control" | "clusters" | "cluster_size" | "icc"> {
  return { design: r.design, n: r.n, n_treated: r.nTreated, n_control: r.nControl, clusters: r.clusters, cluster_size: r.clusterSize, icc: r.icc };
}

/** The MDE in the outcome's reported unit: ppt from p1, SD as the MDES, currency and raw units from σ. */
function mdeInUnit(outcome: OutcomeSpec, r: MdesResult, sd: number | undefined): { unit: string; mde: number | null } {
  switch (outcome.report) {
    case "ppt":
      return { unit: "ppt", mde: r.p1 === null ? null : r.delta * 100 };
    case "sd":
      return { unit: "sd", mde: r.mdes };
    case "currency":
      return { unit: outcome.currency ?? "currency", mde: sd === undefined ? null : r.mdes * sd };
    default:
      return { unit: "raw", mde: sd === undefined ? null : r.mdes * sd };
  }
}

/** The treated share P of an allocation: a share (0.5) or a treated:control ratio ("2:1"); 1:1 by default. */
export function allocationShare(allocation: number | string | undefined): number {
  if (allocation === undefined) return 0.5;
  if (typeof allocation === "number") return allocation;
  const [treated, control] = allocation.split(":").map((s) => Number(s.trim()));
  return treated / (treated + control);
}

/** The Kish design effect of each set of non-response weights a run built (results.json `weights.<name>.summary.designEffect`). */
export function weightDesignEffects(weights: Readonly<Record<string, unknown>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, d] of Object.entries(weights)) {
    const deff = (d as { summary?: { designEffect?: unknown } } | null)?.summary?.designEffect;
    if (typeof deff === "number" && deff >= 1) out[name] = deff;
  }
  return out;
}
