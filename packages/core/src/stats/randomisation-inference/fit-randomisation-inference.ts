import { inputError, quoteValue } from "../../errors.js";
import type { ModelFrame } from "../formula/model-frame.js";
import type { ModelMatrix } from "../formula/model-matrix.js";
import { type VariableExpr, variableLabel } from "../formula/parse.js";
import { selectColumns } from "../linalg/dense.js";
import type { LabelledGroups } from "./assignment-scheme.js";
import { type RandomisationInference, randomisationInference } from "./randomisation-inference.js";

/**
 * Randomisation inference for a fitted formula (`trialstat fit --ri`): the arm is a 0/1 variable
 * that enters the formula as a main effect only (`--arm`, default the first variable after `~`);
 * the covariates are the other design columns, intercept included; weights are the fit's. With
 * `--cluster`, whole clusters are re-randomised when the arm is constant within every cluster (a
 * cluster-randomised trial), else single rows. `--blocks` / `--strata` name columns holding the
 * permuted blocks and strata; they must be present in every row the model uses.
 *
 * @example
 * fitRandomisationInference(frame, design, { draws: 10000, seed: 1, blocks: "block" }, 0.95);
 * // { term: "treat", estimate, ri_p_value, ri_draws: 10000, ri_seed: 1, ri_exact: false, ... }
 */
export interface FitRandomisationOptions {
  /** Size of the reference set; designs with at most this many assignments are enumerated. */
  draws: number;
  seed: number;
  blocks?: string;
  strata?: string;
  /** The arm variable; default the first variable on the right of ~. */
  arm?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface FitRandomisationInference {
  term: string;
  estimate: number;
  ri_p_value: number;
  ri_p_value_upper: number;
  ri_p_value_lower: number;
  ri_draws: number;
  ri_seed: number;
  ri_exact: boolean;
  /** The number of assignments the design allows (null beyond 2^53). */
  ri_assignments: number | null;
  ri_conf_level: number;
  /** null when the interval is unbounded on that side. */
  ri_conf_low: number | null;
  ri_conf_high: number | null;
  ri_unit: "row" | "cluster";
  ri_within: "blocks" | "strata" | "none";
  ri_generator: string;
}

/**
 * An arm written factor(treat) is refused with what to write instead, whether it is named as the
 * plain column (`--arm treat`, which is then "not in" the formula's variables) or as the factor
 * (or is the first variable): randomisation inference re-randomises the plain 0/1 variable, and a
 * 0/1 arm gives the same single column either way, so nothing is lost by writing it plainly.
 */
function refuseFactorArm(variables: readonly VariableExpr[], armName: string | undefined, at: number): void {
  const factor = at >= 0 ? variables[at] : variables.find((u) => u.kind === "factor" && u.name === armName);
  if (factor?.kind !== "factor") return;
  throw inputError(`randomisation inference re-randomises the arm as a 0/1 number column, but the formula has it as ${variableLabel(factor)}`, {
    hint: `write ${factor.name} instead of ${variableLabel(factor)} in the formula (for a 0/1 arm the model is the same)`,
  });
}

export function fitRandomisationInference(
  frame: ModelFrame,
  design: ModelMatrix,
  options: FitRandomisationOptions,
  level: number,
  warnings: string[],
): FitRandomisationInference {
  const { table, terms } = frame;
  const armName = options.arm ?? terms.variableLabels[0];
  const v = terms.variableLabels.indexOf(armName);
  refuseFactorArm(terms.variables, armName, v);
  if (armName === undefined || v < 0) {
    throw inputError(`randomisation inference needs the arm in the formula${armName === undefined ? "" : `, and ${quoteValue(armName)} is not in it`}`, {
      hint: "put the 0/1 arm first after ~ (y ~ treat + x1)",
      remedies: [{ setting: "arm", reason: "name it" }],
    });
  }
  const withArm = terms.terms.map((t, i) => ({ t, i })).filter(({ t }) => t.includes(v));
  if (withArm.length !== 1 || withArm[0].t.length !== 1) {
    const others = withArm.filter(({ t }) => t.length > 1).map(({ i }) => terms.termLabels[i]);
    throw inputError(`randomisation inference re-randomises ${armName} alone, but it also enters ${others.length ? others.join(", ") : "no main effect"}`, {
      hint: `fit ${armName} as a main effect only (no interactions) for randomisation inference`,
    });
  }
  const termIndex = withArm[0].i + 1;
  const columns = [...design.assign.keys()].filter((j) => design.assign[j] === termIndex);
  const variable = frame.variables[v];
  if (variable.kind !== "numeric" || columns.length !== 1) {
    throw inputError(`the arm ${armName} must be a 0/1 number column for randomisation inference`, { location: { file: table.source, column: armName }, hint: "code the arm 1 (treated) and 0 (control)" });
  }
  const arm = variable.values;
  for (let k = 0; k < arm.length; k++) {
    if (arm[k] !== 0 && arm[k] !== 1) {
      throw inputError(`the arm ${armName} is ${arm[k]}, not 0 or 1`, {
        location: { file: table.source, line: table.lineOf(frame.rows[k]), column: armName },
        hint: "code the arm 1 (treated) and 0 (control)",
        remedies: [{ setting: "arm", reason: "name another variable" }],
      });
    }
  }
  const covariates = selectColumns(design.matrix, [...design.assign.keys()].filter((j) => j !== columns[0]));

  const units = frame.cluster ? clusterUnits(arm, { codes: frame.cluster.codes, count: frame.cluster.levels.length, labels: frame.cluster.levels }) : undefined;
  if (frame.cluster && !units) warnings.push(`${armName} varies within clusters of ${frame.cluster.label}, so randomisation inference re-randomises rows, not clusters`);

  const ri = randomisationInference({
    y: frame.response,
    arm,
    covariates,
    weights: frame.weights,
    units,
    blocks: options.blocks !== undefined ? groupColumn(frame, options.blocks, "--blocks") : undefined,
    strata: options.strata !== undefined ? groupColumn(frame, options.strata, "--strata") : undefined,
    draws: options.draws,
    seed: options.seed,
    level,
    describeRow: (k) => `${table.source}:${table.lineOf(frame.rows[k])}`,
    onProgress: options.onProgress,
  });
  warnings.push(...randomisationWarnings(ri, level));
  return {
    term: design.columnNames[columns[0]],
    estimate: ri.estimate,
    ri_p_value: ri.pValue,
    ri_p_value_upper: ri.pValueUpper,
    ri_p_value_lower: ri.pValueLower,
    ri_draws: ri.draws,
    ri_seed: ri.seed,
    ri_exact: ri.exact,
    ri_assignments: Number.isFinite(ri.assignments) ? ri.assignments : null,
    ri_conf_level: level,
    ri_conf_low: Number.isFinite(ri.confLow) ? ri.confLow : null,
    ri_conf_high: Number.isFinite(ri.confHigh) ? ri.confHigh : null,
    ri_unit: units ? "cluster" : "row",
    ri_within: ri.groupedBy,
    ri_generator: ri.generator,
  };
}

/** The clusters as units of randomisation when the arm is constant within every cluster (a cluster-randomised trial), else undefined. */
export function clusterUnits(arm: ArrayLike<number>, clusters: LabelledGroups): LabelledGroups | undefined {
  const armOf = new Float64Array(clusters.count).fill(NaN);
  for (let k = 0; k < arm.length; k++) {
    const c = clusters.codes[k];
    if (Number.isNaN(armOf[c])) armOf[c] = arm[k];
    else if (armOf[c] !== arm[k]) return undefined;
  }
  return clusters;
}

/** What a reader of a randomisation-inference result should know: assignments left out, an unbounded interval, a set with gaps. */
export function randomisationWarnings(ri: RandomisationInference, level: number): string[] {
  const warnings: string[] = [];
  if (ri.undefinedAssignments > 0) {
    warnings.push(`${ri.undefinedAssignments} of ${ri.draws + ri.undefinedAssignments} assignments left out of randomisation inference: their arm is collinear with the covariates`);
  }
  if (!Number.isFinite(ri.confLow) || !Number.isFinite(ri.confHigh)) {
    warnings.push(`the randomisation interval is unbounded (${ri.confLow} to ${ri.confHigh}): too few assignments can reject effects far from the estimate at level ${level}`);
  }
  if (!ri.confSetIsInterval) warnings.push("the effects the randomisation test does not reject have gaps; the interval shown is their hull");
  return warnings;
}

/** A blocks or strata column on the model's rows, as codes (levels sorted as text); present in every row. */
function groupColumn(frame: ModelFrame, name: string, option: string): LabelledGroups {
  const { table } = frame;
  const col = table.column(name);
  const text = (i: number) => (col.kind === "number" ? col.text(i) : col.values[i]);
  const values: string[] = [];
  for (const i of frame.rows) {
    const t = text(i);
    if (t === null || t === undefined) {
      throw inputError(`${option} ${name} is missing in a row the model uses`, {
        location: { file: table.source, line: table.lineOf(i), column: name },
        hint: "every analysed participant needs the block or stratum they were randomised in",
      });
    }
    values.push(t);
  }
  const labels = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(labels.map((l, g) => [l, g]));
  return { codes: Int32Array.from(values, (t) => index.get(t)!), count: labels.length, labels };
}
