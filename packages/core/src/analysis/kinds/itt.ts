import { DesignCache } from "../../effects/design-cache.js";
import type { DesignColumn, EffectInput } from "../../effects/effect-input.js";
import { subgroupEffects, treatmentEffect } from "../../effects/treatment-effect.js";
import type { OutcomeFlow } from "../../link/flow.js";
import type { OutcomeSpec } from "../../sap/types.js";
import type { EffectRow } from "../effect-row.js";
import type { AnalysisFrame } from "../frame.js";
import { rowMaker } from "./effect-rows.js";
import type { AnalysisContext, AnalysisKind, AnalysisOutput, PlanPopulation } from "./kind.js";
import { categoricalColumn, codeClusters, outcomeInput, pick } from "./outcome-input.js";

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

function outcomeEffects(context: AnalysisContext, population: PlanPopulation, outcome: OutcomeSpec, designs: DesignCache): OutcomeEffects {
  const { frame, settings } = context;
  const { input, analysed, flow, where } = outcomeInput(context, population, outcome, designs);
  const warnings: string[] = [];
  const overall = treatmentEffect(input);
  for (const w of overall.warnings) warnings.push(`population ${population.name}: ${w}`);
  if (overall.aliased.length) {
    warnings.push(`${where}: ${overall.aliased.join(", ")} not estimable (collinear with earlier terms) and left out of the model, as R gives NA; the treatment effect is unaffected`);
  }
  const row = rowMaker(context.settings, "itt", population.name, outcome, overall.control.sd, where);
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
