import type { DesignColumn, EffectInput } from "../../effects/effect-input.js";
import { subgroupEffects, treatmentEffect } from "../../effects/treatment-effect.js";
import { type ByArm, type OutcomeFlow, byArm } from "../../link/flow.js";
import type { OutcomeSpec } from "../../sap/types.js";
import type { EffectRow } from "../effect-row.js";
import { type AnalysisFrame, pickTexts } from "../frame.js";
import { rowMaker } from "./effect-rows.js";
import type { AnalysisContext, AnalysisKind, AnalysisOutput, PlanPopulation } from "./kind.js";
import { pick } from "../frame.js";
import { categoricalColumn, codeClusters, outcomeInput } from "./outcome-input.js";
import { SharedInputs } from "./shared-inputs.js";
import { populationWarning } from "./population-warning.js";

/**
 * Intention to treat (docs/statistics.md#the-itt-estimator): every outcome in every population it
 * applies to, overall and in each level of each subgroup, everyone analysed as randomised. The
 * estimator's plain inputs come from outcome-input.ts (who is analysed and who is excluded, and
 * why); this module fits the overall and subgroup models and makes the typed rows.
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
      // Outcomes analysed on the same rows share their columns and designs (shared-inputs.ts): estimate the
      // unweighted ones (administrative outcomes, usually everyone in the population) one after
      // another, then the weighted ones; rows and flow are reported in the plan's order.
      const shared = new SharedInputs(2 * (1 + settings.subgroups.length));
      const order = sap.outcomes.map((o, k) => ({ o, k })).filter(({ o }) => !o.populations || o.populations.includes(population.name));
      order.sort((a, b) => Number(a.o.weights !== undefined) - Number(b.o.weights !== undefined) || a.k - b.k);
      const estimated: (OutcomeEffects | undefined)[] = [];
      for (const { o, k } of order) {
        // an outcome whose weights failed was reported with them
        if ((o.weights !== undefined && !context.weights.has(o.weights)) || population.failedOutcomes.has(k)) continue;
        estimated[k] = context.attempt(`outcomes.${k}`, () => outcomeEffects(context, population, o, shared));
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

function outcomeEffects(context: AnalysisContext, population: PlanPopulation, outcome: OutcomeSpec, shared: SharedInputs): OutcomeEffects {
  const { frame, settings } = context;
  const { input, analysed, flow, where } = outcomeInput(context, population, outcome, shared);
  const warnings: string[] = [];
  const overall = treatmentEffect(input);
  for (const w of overall.warnings) warnings.push(populationWarning(population.name, w));
  if (overall.aliased.length) {
    warnings.push(`${where}: ${overall.aliased.join(", ")} not estimable (collinear with earlier terms) and left out of the model, as R gives NA; the treatment effect is unaffected`);
  }
  const row = rowMaker(context.settings, "itt", population.name, outcome, overall.control.sd, where);
  const rows = [row(overall.estimate, null, null, overall.control, overall.treated, null)];
  // participants analysed overall but left out of a subgroup's effects for want of its value, counted in the flow
  const subgroupMissing = new Map<string, ByArm>();

  for (const s of settings.subgroups) {
    // participants whose subgroup value is missing are left out of that subgroup's model only —
    // read from the frame, since a subgroup that is also a covariate has its missing values coded
    // as a "(missing)" category (or mean-filled) among the covariates
    // the same for every outcome analysed on these rows (outcomeInput hands out one array per set of rows)
    const columns = shared.forArray(analysed, `subgroup ${s}`, () => subgroupColumns(context, input, analysed, s));
    if (columns.missing) subgroupMissing.set(s, columns.missing);
    const effects = subgroupEffects(columns.present ? subset(input, columns.present, columns.rest) : input, columns.subgroup);
    for (const w of effects.warnings) warnings.push(populationWarning(population.name, w));
    for (const lv of effects.levels) rows.push(row(lv.estimate, s, lv.level, lv.control, lv.treated, effects.interactionP));
  }
  return { rows, flow: subgroupMissing.size ? { ...flow, subgroup_missing: Object.fromEntries(subgroupMissing) } : flow, warnings };
}

/** Whether row k of n is not among `kept` (sorted indices). */
function excludedFrom(kept: Int32Array, n: number): (k: number) => boolean {
  const left = new Uint8Array(n).fill(1);
  for (const k of kept) left[k] = 0;
  return (k) => left[k] === 1;
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

/**
 * A subgroup's column over the analysed rows that have a value of it and, when some do not, those
 * rows (indices into the analysed rows) with the input's other columns over them.
 */
interface SubgroupColumns {
  subgroup: DesignColumn;
  present?: Int32Array;
  /** The analysed rows without a value of the subgroup, by arm (with `present`). */
  missing?: ByArm;
  rest: Pick<EffectInput, "covariates" | "strata" | "clusters"> & { rowIds: Int32Array };
}

function subgroupColumns(context: AnalysisContext, input: EffectInput, analysed: Int32Array, s: string): SubgroupColumns {
  const { frame, settings } = context;
  const present = rowsWithValue(frame, s, analysed);
  if (present.length === analysed.length) return { subgroup: categoricalColumn(frame, s, analysed, settings), rest: { covariates: input.covariates, strata: input.strata, clusters: input.clusters, rowIds: analysed } };
  const column = (c: DesignColumn): DesignColumn =>
    c.kind === "numeric" ? { ...c, values: pick(c.values, present, Float64Array) } : { ...c, values: c.values instanceof Float64Array ? pick(c.values, present, Float64Array) : pickTexts(c.values as readonly (string | null)[], present) };
  const rowIds = pick(analysed, present, Int32Array);
  return {
    subgroup: categoricalColumn(frame, s, rowIds, settings),
    present,
    missing: byArm(input.arm, excludedFrom(present, analysed.length)),
    rest: {
      covariates: input.covariates.map(column),
      strata: input.strata.map(column),
      // the clusters present in the subset, in their order (codes follow the sorted cluster values)
      clusters: input.clusters && subsetClusters(input.clusters, present),
      rowIds,
    },
  };
}

/** The input restricted to some of its rows (indices into them), whose other columns are given. */
function subset(input: EffectInput, keep: Int32Array, rest: SubgroupColumns["rest"]): EffectInput {
  return {
    ...input,
    y: pick(input.y, keep, Float64Array),
    arm: pick(input.arm, keep, Uint8Array),
    covariates: rest.covariates,
    strata: rest.strata,
    weights: input.weights && pick(input.weights, keep, Float64Array),
    clusters: rest.clusters,
    describeRow: (row) => input.describeRow!(keep[row]),
    designs: input.designs && { ...input.designs, rowIds: rest.rowIds },
  };
}

/** The clusters of some rows, recoded to those present (still in sorted order of their values). */
function subsetClusters(clusters: NonNullable<EffectInput["clusters"]>, keep: Int32Array): NonNullable<EffectInput["clusters"]> {
  const { codes, count, levels } = codeClusters(Array.from(keep, (k) => clusters.codes[k]));
  return { codes, count, label: clusters.label, ...(clusters.levels && { levels: levels.map((c) => clusters.levels![c]) }) };
}
