import { type TrialstatError, inputError, showValue } from "../../errors.js";
import type { DesignColumn, EffectInput } from "../../effects/effect-input.js";
import { type OutcomeFlow, byArm } from "../../link/flow.js";
import type { OutcomeSpec } from "../../sap/types.js";
import { prepareCovariates } from "../covariates.js";
import { type AnalysisFrame, pick, pickTexts } from "../frame.js";
import { type AnalysisContext, type AnalysisSettings, type PlanPopulation, outcomeCovariates } from "./kind.js";
import type { SharedInputs } from "./shared-inputs.js";
import { valueText } from "../descriptives.js";

/** The error for a binary outcome's value that is neither 0 nor 1 nor missing, naming the participant. */
export function notBinary(frame: AnalysisFrame, outcome: string, value: number, row: number): TrialstatError {
  return inputError(`the binary outcome ${outcome} is ${value} for participant ${showValue(frame.linked.keys[row])}`, {
    location: { path: `outcomes: ${outcome}` },
    hint: "a binary outcome must be 0 or 1 (derive it with at_least:, or recode it)",
  });
}

/** The error for a count outcome's value that is not a whole number of at least 0, naming the participant. */
function notCount(frame: AnalysisFrame, outcome: string, value: number, row: number): TrialstatError {
  return inputError(`the count outcome ${outcome} is ${value} for participant ${showValue(frame.linked.keys[row])}`, {
    location: { path: `outcomes: ${outcome}` },
    hint: "a count outcome is a whole number of at least 0 (months employed, contacts): check the data, or make the outcome type: continuous",
  });
}

/**
 * The plain estimator input of one outcome in one population, built from the frame as every kind
 * of analysis needs it (analysis/kinds/): who is in the population, who is excluded — not surveyed
 * (no weight), outcome missing, covariate missing — and counted by arm in the outcome's flow, the
 * covariates with the plan's missing-value policy, the strata, weights and clusters. The ITT and
 * the analyses beside it (Lin, CACE, randomisation inference, the bootstrap) all start from it, so
 * they analyse exactly the same participants.
 *
 * `shared` lets the outcomes of a population share their rows' model columns and factored designs
 * (shared-inputs.ts).
 *
 * @example
 * const { input, analysed, flow } = outcomeInput(context, population, outcome);
 * treatmentEffect(input).estimate;
 */
export interface OutcomeInput {
  input: EffectInput;
  /** The frame rows analysed, in the order of the input's rows. */
  analysed: Int32Array;
  flow: OutcomeFlow;
  /** "outcome y, population all": how messages name this analysis. */
  where: string;
}

export function outcomeInput(context: AnalysisContext, population: PlanPopulation, outcome: OutcomeSpec, shared?: SharedInputs): OutcomeInput {
  const { frame, settings } = context;
  const members = population.members;
  const where = `outcome ${outcome.name}, population ${population.name}`;
  const y = frame.numeric(outcome.name, where);
  const arm = frame.linked.arm;
  const weights = outcome.weights ? context.weights.get(outcome.weights) : undefined;
  if (outcome.type === "binary" || outcome.type === "count") {
    for (let at = 0; at < members.length; at++) {
      const i = members[at];
      const v = y[i];
      if (Number.isNaN(v)) continue;
      if (outcome.type === "binary" ? v !== 0 && v !== 1 : !(Number.isInteger(v) && v >= 0)) {
        throw (outcome.type === "binary" ? notBinary : notCount)(frame, outcome.name, v, i);
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
  const names = outcomeCovariates(settings, outcome);
  const columnsOf = (): RowColumns => {
    const covariates = prepareCovariates(frame, candidates, names, settings.covariateMissing, where, settings.reference);
    const rows = covariates.rows;
    return {
      rows,
      covariates: covariates.columns,
      // complete for every member (population-checks.ts)
      strata: population.strata.map((s) => categoricalColumn(frame, s, rows, settings)),
      clusters: settings.cluster ? clusterCodes(frame, settings.cluster, rows) : undefined,
    };
  };
  // outcomes with the same candidates (the same respondents) have the same columns: built once
  const columns = shared ? shared.forRows(`covariates ${names.join(",")}`, candidates, columnsOf) : columnsOf();
  const analysed = columns.rows;
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
    covariates: columns.covariates,
    strata: columns.strata,
    weights: weights ? pick(weights, analysed, Float64Array) : undefined,
    clusters: columns.clusters,
    model: outcome.model ?? "ols",
    seType: settings.seType,
    where,
    describeRow: (row) => `participant ${showValue(frame.linked.keys[analysed[row]])}`,
    ...(shared && { designs: { cache: shared.designs, rowIds: analysed, weightsId: outcome.weights ?? "" } }),
  };
  return { input, analysed, flow, where };
}

/** The model columns of a set of analysed rows (the same for every outcome analysed on them). */
interface RowColumns {
  rows: Int32Array;
  covariates: DesignColumn[];
  strata: DesignColumn[];
  clusters: EffectInput["clusters"];
}

/** A categorical design column of a frame variable over some rows (numeric codes stay numbers, read as a factor). */
export function categoricalColumn(frame: AnalysisFrame, name: string, rows: Int32Array, settings: AnalysisSettings): DesignColumn {
  const c = frame.get(name);
  const reference = settings.reference.get(name);
  const values = c.kind === "number" ? pick(c.values, rows, Float64Array) : pickTexts(c.values, rows);
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
    const v = valueText(c, rows[k]);
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
export function codeClusters<K extends string | number>(keys: readonly K[]): { codes: Int32Array; count: number; levels: K[] } {
  const levels = [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(levels.map((l, i) => [l, i]));
  return { codes: Int32Array.from(keys, (key) => index.get(key)!), count: levels.length, levels };
}

/**
 * The groups that the combinations of some variables make over some rows (randomisation blocks or
 * strata), coded in the sorted order of their labels ("SCR × OOW"), as randomisation inference takes
 * them. A missing value is an input error located at `path`: every participant analysed was
 * randomised in some block or stratum.
 */
export function crossedGroups(frame: AnalysisFrame, names: readonly string[], rows: Int32Array, path: string): { codes: Int32Array; count: number; labels: string[] } {
  for (const name of names) requireEvery(frame, name, rows, path, "every participant analysed needs the block or stratum they were randomised in");
  const columns = names.map((name) => frame.get(name));
  const keys = Array.from(rows, (i) => columns.map((c) => valueText(c, i)).join(" × "));
  const { codes, count, levels } = codeClusters(keys);
  return { codes, count, labels: levels };
}

/**
 * A located input error for the first of `rows` whose `name` is missing: a block or stratum is part
 * of how the trial was randomised, so a participant without one cannot be analysed as randomised
 * (and must not drop out of the model unannounced, as a missing covariate would).
 */
function requireEvery(frame: AnalysisFrame, name: string, rows: Int32Array, path: string, hint: string): void {
  const c = frame.get(name);
  for (const i of rows) {
    if (valueText(c, i) === null) {
      throw inputError(`${name} is missing for participant ${showValue(frame.linked.keys[i])}`, { location: { path }, hint });
    }
  }
}
