import { inputError, showValue } from "../../errors.js";
import { DesignCache } from "../../effects/design-cache.js";
import type { DesignColumn, EffectInput } from "../../effects/effect-input.js";
import type { EffectEstimate } from "../../effects/effect-model.js";
import type { ArmSummary } from "../../effects/arm-summaries.js";
import { significanceStars } from "../../effects/multiplicity.js";
import { subgroupEffects, treatmentEffect } from "../../effects/treatment-effect.js";
import { type OutcomeFlow, byArm } from "../../link/flow.js";
import type { OutcomeSpec } from "../../sap/types.js";
import { confidenceInterval, twoSidedP } from "../../stats/inference.js";
import { prepareCovariates } from "../covariates.js";
import type { EffectRow } from "../effect-row.js";
import type { AnalysisFrame } from "../frame.js";
import { effectUnit } from "../units.js";
import { type AnalysisContext, type AnalysisKind, type AnalysisOutput, type AnalysisSettings, outcomeCovariates } from "./kind.js";

/**
 * Intention to treat (docs/statistics.md#the-itt-estimator): every outcome in every population it
 * applies to, overall and in each level of each subgroup, everyone analysed as randomised. This
 * module builds the estimators' plain inputs from the frame — who is in the population, who is
 * excluded (not surveyed, outcome missing, covariate missing) and counted, the covariates with the
 * plan's missing-value policy, the strata, weights and clusters — and makes the typed rows.
 */
export const ittAnalysis: AnalysisKind = {
  id: "itt",
  applies: (sap) => sap.treatment !== undefined,
  run(context: AnalysisContext): AnalysisOutput {
    const { sap, settings } = context;
    const rows: EffectRow[] = [];
    const outcomeFlows: OutcomeFlow[] = [];
    const warnings: string[] = [];
    for (const population of context.populations) {
      // Outcomes analysed on the same rows share their designs (EffectInput.designs): estimate the
      // unweighted ones (administrative outcomes, usually everyone in the population) one after
      // another, then the weighted ones; rows and flow are reported in the plan's order.
      const designs = new DesignCache(2 * (1 + settings.subgroups.length));
      const order = sap.outcomes.map((o, k) => ({ o, k })).filter(({ o }) => !o.populations || o.populations.includes(population.name));
      order.sort((a, b) => Number(a.o.weights !== undefined) - Number(b.o.weights !== undefined) || a.k - b.k);
      const estimated: (OutcomeEffects | undefined)[] = [];
      for (const { o, k } of order) {
        // an outcome whose weights failed was reported with them
        if ((o.weights !== undefined && !context.weights.has(o.weights)) || population.failedOutcomes.has(k)) continue;
        estimated[k] = context.attempt(`outcomes.${k}`, () => outcomeEffects(context, population, o, designs));
      }
      for (const e of estimated) {
        if (!e) continue;
        rows.push(...e.rows);
        warnings.push(...e.warnings);
        outcomeFlows.push(e.flow);
      }
    }
    return { rows, outcomeFlows, warnings };
  },
};

interface OutcomeEffects {
  rows: EffectRow[];
  flow: OutcomeFlow;
  warnings: string[];
}

function outcomeEffects(context: AnalysisContext, population: AnalysisContext["populations"][number], outcome: OutcomeSpec, designs: DesignCache): OutcomeEffects {
  const { frame, settings } = context;
  const members = population.members;
  const where = `outcome ${outcome.name}, population ${population.name}`;
  const y = frame.numeric(outcome.name, where);
  const arm = frame.linked.arm;
  const weights = outcome.weights ? context.weights.get(outcome.weights) : undefined;
  if (outcome.type === "binary") {
    for (const i of members) {
      const v = y[i];
      if (!Number.isNaN(v) && v !== 0 && v !== 1) {
        throw inputError(`the binary outcome ${outcome.name} is ${v} for participant ${showValue(frame.linked.keys[i])}`, { location: { path: `outcomes: ${outcome.name}` }, hint: "a binary outcome must be 0 or 1 (derive it with at_least:, or recode it)" });
      }
    }
  }

  // exclusions, by reason and arm
  const memberArm = pick(arm, members, Uint8Array);
  const notSurveyed = new Uint8Array(members.length);
  const missingOutcome = new Uint8Array(members.length);
  let nCandidates = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    if (weights && Number.isNaN(weights[i])) notSurveyed[k] = 1;
    else if (Number.isNaN(y[i])) missingOutcome[k] = 1;
    else nCandidates++;
  }
  // plain loops: typed-array filter() with a callback is slow, and this runs for every outcome
  const candidates = new Int32Array(nCandidates);
  for (let k = 0, c = 0; k < members.length; k++) if (!notSurveyed[k] && !missingOutcome[k]) candidates[c++] = members[k];
  const covariates = prepareCovariates(frame, candidates, outcomeCovariates(settings, outcome), settings.covariateMissing, where, settings.reference);
  const analysed = covariates.rows;
  const isAnalysed = new Uint8Array(frame.n);
  for (const i of analysed) isAnalysed[i] = 1;
  const missingCovariate = new Uint8Array(members.length);
  for (let k = 0; k < members.length; k++) missingCovariate[k] = !notSurveyed[k] && !missingOutcome[k] && !isAnalysed[members[k]] ? 1 : 0;
  const flow: OutcomeFlow = {
    population: population.name,
    outcome: outcome.name,
    in_population: byArm(memberArm),
    analysed: byArm(pick(arm, analysed, Uint8Array)),
    excluded: {
      not_surveyed: byArm(memberArm, (k) => notSurveyed[k] === 1),
      missing_outcome: byArm(memberArm, (k) => missingOutcome[k] === 1),
      missing_covariate: byArm(memberArm, (k) => missingCovariate[k] === 1),
    },
  };

  const input: EffectInput = {
    outcomeName: outcome.name,
    y: pick(y, analysed, Float64Array),
    arm: pick(arm, analysed, Uint8Array),
    covariates: covariates.columns,
    strata: population.strata.map((s) => categoricalColumn(frame, s, analysed, settings)),
    weights: weights ? pick(weights, analysed, Float64Array) : undefined,
    clusters: settings.cluster ? clusterCodes(frame, settings.cluster, analysed) : undefined,
    model: outcome.model ?? "ols",
    seType: settings.seType,
    where,
    describeRow: (row) => `participant ${showValue(frame.linked.keys[analysed[row]])}`,
    designs: { cache: designs, rowIds: analysed, weightsId: outcome.weights ?? "" },
  };
  const warnings: string[] = [];
  const overall = treatmentEffect(input);
  for (const w of overall.warnings) warnings.push(`population ${population.name}: ${w}`);
  if (overall.aliased.length) {
    warnings.push(`${where}: ${overall.aliased.join(", ")} not estimable (collinear with earlier terms) and left out of the model, as R gives NA; the treatment effect is unaffected`);
  }
  const row = rowMaker(context.settings, population.name, outcome, overall.control.sd, where);
  const rows = [row(overall.estimate, null, null, overall.control, overall.treated, null)];

  for (const s of settings.subgroups) {
    // participants whose subgroup value is missing are left out of that subgroup's model only —
    // read from the frame, since a subgroup that is also a covariate has its missing values coded
    // as a "(missing)" category (or mean-filled) among the covariates
    const present = rowsWithValue(frame, s, analysed);
    const all = present.length === analysed.length;
    const sub = all ? input : subset(input, present, analysed);
    const effects = subgroupEffects(sub, categoricalColumn(frame, s, all ? analysed : pick(analysed, present, Int32Array), settings));
    for (const w of effects.warnings) warnings.push(`population ${population.name}: ${w}`);
    for (const lv of effects.levels) rows.push(row(lv.estimate, s, lv.level, lv.control, lv.treated, effects.interactionP));
  }
  return { rows, flow, warnings };
}

/** Makes the rows of one outcome in one population: inference at the plan's levels, the unit applied once. */
function rowMaker(settings: AnalysisSettings, population: string, outcome: OutcomeSpec, controlSd: number, where: string) {
  const { unit, factor } = effectUnit(outcome, controlSd, where);
  return (e: EffectEstimate, subgroup: string | null, level: string | null, control: ArmSummary, treated: ArmSummary, interactionP: number | null): EffectRow => {
    const statistic = e.estimate / e.se;
    const p = twoSidedP(statistic, e.dist, e.df);
    const intervals = settings.levels.map((l) => ({ level: l, ...confidenceInterval(e.estimate, e.se, e.dist, e.df, l) }));
    return {
      population,
      outcome: outcome.name,
      role: outcome.role,
      subgroup,
      level,
      estimate: e.estimate,
      std_error: e.se,
      statistic,
      df: e.df,
      p_value: p,
      p_adjusted: null,
      intervals,
      stars: significanceStars(p),
      effect: e.estimate * factor,
      effect_std_error: e.se * factor,
      effect_unit: unit,
      effect_intervals: intervals.map((i) => ({ level: i.level, low: i.low * factor, high: i.high * factor })),
      effect_size: controlSd > 0 ? e.estimate / controlSd : null,
      control_sd: controlSd,
      control_mean: control.mean,
      treated_mean: treated.mean,
      relative_change: outcome.type === "binary" && control.mean !== 0 ? e.estimate / control.mean : null,
      n_control: control.n,
      n_treated: treated.n,
      n_clusters: e.nClusters,
      weights: outcome.weights ?? null,
      se_type: e.seType,
      dist: e.dist,
      model: outcome.model ?? "ols",
      interaction_p: interactionP,
    };
  };
}

/** A categorical design column of a frame variable over some rows (numeric codes stay numbers, read as a factor). */
function categoricalColumn(frame: AnalysisFrame, name: string, rows: Int32Array, settings: AnalysisSettings): DesignColumn {
  const c = frame.get(name);
  const reference = settings.reference.get(name);
  const values = c.kind === "number" ? pick(c.values, rows, Float64Array) : Array.from(rows, (i) => c.values[i]);
  return { name, kind: "categorical", values, ...(reference !== undefined && { reference }) };
}

/**
 * Each row's cluster, coded in the sorted order of the clusters' values as text (as a model frame
 * codes a cluster column), so that sums over clusters run in the same order however the rows came.
 */
function clusterCodes(frame: AnalysisFrame, name: string, rows: Int32Array): NonNullable<EffectInput["clusters"]> {
  const c = frame.get(name);
  const keys = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const v = c.kind === "number" ? (Number.isNaN(c.values[rows[k]]) ? null : String(c.values[rows[k]])) : c.values[rows[k]];
    if (v === null) {
      throw inputError(`the cluster ${name} is missing for participant ${showValue(frame.linked.keys[rows[k]])}`, {
        location: { path: "inference.cluster" },
        hint: "every analysed participant needs a cluster: fill it in, or check the column named",
      });
    }
    keys[k] = v;
  }
  return { ...codeClusters(keys), label: name };
}

/** Codes in the sorted order of the keys, with the keys in that order. */
function codeClusters<K extends string | number>(keys: readonly K[]): { codes: Int32Array; count: number; levels: K[] } {
  const levels = [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(levels.map((l, i) => [l, i]));
  return { codes: Int32Array.from(keys, (key) => index.get(key)!), count: levels.length, levels };
}

/** Indices (into rows) of the rows whose value of a variable is present. */
function rowsWithValue(frame: AnalysisFrame, name: string, rows: Int32Array): Int32Array {
  const c = frame.get(name);
  const out: number[] = [];
  if (c.kind === "number") {
    for (let k = 0; k < rows.length; k++) if (!Number.isNaN(c.values[rows[k]])) out.push(k);
  } else {
    for (let k = 0; k < rows.length; k++) if (c.values[rows[k]] !== null) out.push(k);
  }
  return Int32Array.from(out);
}

/** The input restricted to some of its rows (indices into them); `ids` are the rows' frame rows. */
function subset(input: EffectInput, keep: Int32Array, ids: Int32Array): EffectInput {
  const column = (c: DesignColumn): DesignColumn =>
    c.kind === "numeric" ? { ...c, values: pick(c.values, keep, Float64Array) } : { ...c, values: c.values instanceof Float64Array ? pick(c.values, keep, Float64Array) : Array.from(keep, (k) => (c.values as readonly (string | null)[])[k]) };
  const rowIds = pick(ids, keep, Int32Array);
  return {
    ...input,
    y: pick(input.y, keep, Float64Array),
    arm: pick(input.arm, keep, Uint8Array),
    covariates: input.covariates.map(column),
    strata: input.strata.map(column),
    weights: input.weights && pick(input.weights, keep, Float64Array),
    // the clusters present in the subset, in their order (codes follow the sorted cluster values)
    clusters: input.clusters && subsetClusters(input.clusters, keep),
    describeRow: (row) => input.describeRow!(keep[row]),
    designs: input.designs && { ...input.designs, rowIds },
  };
}

/** The clusters of some rows, recoded to those present (still in sorted order of their values). */
function subsetClusters(clusters: NonNullable<EffectInput["clusters"]>, keep: Int32Array): NonNullable<EffectInput["clusters"]> {
  const { codes, count, levels } = codeClusters(Array.from(keep, (k) => clusters.codes[k]));
  return { codes, count, label: clusters.label, ...(clusters.levels && { levels: levels.map((c) => clusters.levels![c]) }) };
}

/** values[rows[k]] for each k, as a typed array (a plain loop: typed-array from() with a callback is slow). */
function pick<T extends Float64Array | Uint8Array | Int32Array>(values: ArrayLike<number>, rows: ArrayLike<number>, Typed: new (length: number) => T): T {
  const out = new Typed(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}
