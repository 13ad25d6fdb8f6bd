import type { AnalysisFrame } from "../analysis/frame.js";
import { TREATED } from "../analysis/frame.js";
import { type Column, type DataTable, makeTable, numericColumn, selectRows, withColumns } from "../data/table.js";
import { TrialstatError, analysisError, inputError, showValue } from "../errors.js";
import type { ByArm, OutcomeFlow } from "../link/flow.js";
import { byArm } from "../link/flow.js";
import type { OutcomeSpec } from "../sap/types.js";
import { normalQuantile, normalTwoSidedP } from "../stats/distributions/normal.js";
import { buildModelFrame, type ModelFrame } from "../stats/formula/model-frame.js";
import { buildModelMatrix } from "../stats/formula/model-matrix.js";
import { expandFormula } from "../stats/formula/terms.js";
import { criticalValue } from "../stats/inference.js";
import { type DesignFactor, type LinearModelFit, type LinearModelInput, fitLinearContrasts, fitLinearModel } from "../stats/linear-model.js";
import { type LogitSeType, fitLogit } from "../stats/logit.js";
import { averageMarginalEffect } from "../stats/marginal-effect.js";
import { type DesignContext, checkDesign, checkOutcome, requireStandardError, requireVaryingOutcome } from "../stats/design-checks.js";
import { studentTTwoSidedP } from "../stats/distributions/student-t.js";
import type { HeteroskedasticType } from "../stats/variance/heteroskedastic.js";
import type { LinearSeType } from "../stats/variance/types.js";
import { waldTest } from "../stats/wald.js";
import { type DenseMatrix, zeros } from "../stats/linalg/dense.js";
import { prepareCovariates } from "./covariates.js";
import { significanceStars } from "./multiplicity.js";
import { weightedMeanSd } from "./weighted-summary.js";
import { levelKey } from "../analysis/results.js";

/**
 * Intention-to-treat effects of one outcome in one population (docs/statistics.md#treatment-effects):
 * the coefficient on the treatment indicator in `outcome ~ treated + covariates (+ strata)` by OLS
 * (binary outcomes: the linear probability model; or a logit's average marginal effect), with the
 * plan's variance estimator; then, per subgroup S, `outcome ~ treated * S + covariates`, the effect
 * in each level (β_treated + β_treated:S=s, its SE from the same variance matrix) and the joint
 * Wald test of the treated:S terms (F on (q, n − k), χ² for a logit).
 */
export interface EffectRow {
  population: string;
  outcome: string;
  role: OutcomeSpec["role"];
  subgroup: string | null;
  level: string | null;
  estimate: number;
  std_error: number;
  statistic: number;
  df: number | null;
  p_value: number;
  p_adjusted: number | null;
  /** conf_low_90, conf_high_90, … for each confidence level (estimate scale). */
  conf: Record<string, number>;
  stars: string;
  effect_size: number;
  effect_unit: string;
  /** effect_conf_low_90, … in the effect's unit. */
  effect_conf: Record<string, number>;
  sd_used: number | null;
  control_mean: number;
  treated_mean: number;
  relative_change: number | null;
  n_control: number;
  n_treated: number;
  n_clusters: number | null;
  weights: string | null;
  se_type: string;
  dist: "t" | "z";
  model: "ols" | "logit";
  interaction_p?: number | null;
}

export interface EffectRequest {
  frame: AnalysisFrame;
  population: string;
  /** Frame rows in the population. */
  members: Int32Array;
  outcome: OutcomeSpec;
  covariates: readonly string[];
  covariateMissing: "indicator" | "error" | "complete_case";
  strata: readonly string[];
  subgroups: readonly string[];
  /** Frame-level weights (NaN where not surveyed), when the outcome is weighted. */
  weights?: Float64Array;
  cluster?: string;
  seType: LinearSeType;
  levels: readonly number[];
  /**
   * Designs already factored, shared by the requests of one run: an outcome analysed on the same
   * rows with the same model as an earlier one reuses its factorisation (OLS only).
   */
  designs?: DesignCache;
}


export function estimateEffects(req: EffectRequest): { rows: EffectRow[]; flow: OutcomeFlow; warnings: string[] } {
  const { frame, members, outcome } = req;
  const where = `outcome ${outcome.name}, population ${req.population}`;
  const y = frame.numeric(outcome.name, where);
  const arm = frame.linked.arm;
  const memberArm = pick(arm, members, Uint8Array);
  if (outcome.type === "binary") {
    for (const i of members) {
      const v = y[i];
      if (!Number.isNaN(v) && v !== 0 && v !== 1) {
        throw inputError(`the binary outcome ${outcome.name} is ${v} for participant ${showValue(frame.linked.keys[i])}`, { location: { path: `outcomes: ${outcome.name}` }, hint: "a binary outcome must be 0 or 1 (derive it with at_least:, or recode it)" });
      }
    }
  }

  // exclusions, by reason and arm
  const notSurveyed = new Uint8Array(members.length);
  const missingOutcome = new Uint8Array(members.length);
  let nCandidates = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    if (req.weights && Number.isNaN(req.weights[i])) notSurveyed[k] = 1;
    else if (Number.isNaN(y[i])) missingOutcome[k] = 1;
    else nCandidates++;
  }
  // plain loops: typed-array filter() with a callback is slow, and this runs for every outcome
  const candidates = new Int32Array(nCandidates);
  for (let k = 0, c = 0; k < members.length; k++) if (!notSurveyed[k] && !missingOutcome[k]) candidates[c++] = members[k];
  const prepared = prepareCovariates(frame, candidates, req.covariates, req.covariateMissing, where);
  const analysed = prepared.rows;
  const isAnalysed = new Uint8Array(frame.n);
  for (const i of analysed) isAnalysed[i] = 1;
  const missingCovariate = new Uint8Array(members.length);
  for (let k = 0; k < members.length; k++) missingCovariate[k] = !notSurveyed[k] && !missingOutcome[k] && !isAnalysed[members[k]] ? 1 : 0;
  const flow: OutcomeFlow = {
    population: req.population,
    outcome: outcome.name,
    in_population: byArm(memberArm),
    analysed: byArm(pick(arm, analysed, Uint8Array)),
    excluded: {
      not_surveyed: byArm(memberArm, (k) => notSurveyed[k] === 1),
      missing_outcome: byArm(memberArm, (k) => missingOutcome[k] === 1),
      missing_covariate: byArm(memberArm, (k) => missingCovariate[k] === 1),
    },
  };
  requireBothArms(flow.analysed, where);

  // the model table over the analysed rows
  const names = [outcome.name, TREATED, ...req.strata, ...req.subgroups, ...(req.cluster ? [req.cluster] : [])];
  const base = frame.table([...new Set(names)], analysed, `${req.population}/${outcome.name}`);
  const table = prepared.extend(base);
  const w = req.weights ? pick(req.weights, analysed, Float64Array) : undefined;
  const yA = pick(y, analysed, Float64Array);
  const armA = pick(arm, analysed, Uint8Array);
  const weightColumn = w ? ".weight" : undefined;
  const modelTable = w ? withColumns(table, [numericColumn(".weight", w)]) : table;

  const control = weightedMeanSd(yA, w, (k) => armA[k] === 0);
  const treated = weightedMeanSd(yA, w, (k) => armA[k] === 1);
  const sdUsed = outcome.report === "sd" ? control.sd : null;
  if (sdUsed !== null && !(sdUsed > 0)) {
    throw analysisError(`the outcome ${outcome.name} does not vary in the control group of ${req.population}, so an effect in SD units is undefined`, { hint: "report it in raw units, or check the outcome's derivation" });
  }
  const scale = outcome.report === "ppt" ? 100 : outcome.report === "sd" ? 1 / sdUsed! : 1;
  const unit = outcome.report === "ppt" ? "ppt" : outcome.report === "sd" ? "sd" : outcome.report === "currency" ? (outcome.currency ?? "currency") : "raw";
  const covariateTerms = prepared.terms;
  const strataTerms = req.strata.map((s) => factorTerm(frame, s));
  const rhs = [q(TREATED), ...covariateTerms, ...strataTerms];
  const common = {
    population: req.population,
    outcome: outcome.name,
    role: outcome.role,
    weights: outcome.weights ?? null,
    model: outcome.model ?? "ols",
  } as const;

  requireVaryingOutcome(yA, outcome.name, { where });
  const rows: EffectRow[] = [];
  const warnings: string[] = [];
  const overall = fitAndContrast(modelTable, `${q(outcome.name)} ~ ${rhs.join(" + ")}`, req, weightColumn, [], where, analysed);
  for (const w of overall.designWarnings) warnings.push(`population ${req.population}: ${w}`);
  if (overall.aliased.length) {
    warnings.push(`${where}: ${overall.aliased.join(", ")} not estimable (collinear with earlier terms) and left out of the model, as R gives NA; the treatment effect is unaffected`);
  }
  rows.push(
    makeRow(common, overall.main, req.levels, scale, unit, sdUsed, {
      subgroup: null,
      level: null,
      control: control.mean,
      treated: treated.mean,
      nControl: flow.analysed.control,
      nTreated: flow.analysed.treated,
      binary: outcome.type === "binary",
    }),
  );

  for (const s of req.subgroups) {
    // participants whose subgroup value is missing are left out of that subgroup's model only —
    // read from the frame, since a subgroup that is also a covariate has its missing values coded
    // as a "(missing)" category (or mean-filled) in the model table
    const sColumn = frame.get(s);
    const present: number[] = [];
    if (sColumn.kind === "number") {
      const values = sColumn.values;
      for (let k = 0; k < analysed.length; k++) if (!Number.isNaN(values[analysed[k]])) present.push(k);
    } else {
      const values = sColumn.values;
      for (let k = 0; k < analysed.length; k++) if (values[analysed[k]] !== null) present.push(k);
    }
    const all = present.length === analysed.length;
    const tableS = all ? modelTable : selectRows(withoutColumns(modelTable, otherSubgroups(req, s)), present);
    const yS = all ? yA : pick(yA, present, Float64Array);
    const armS = all ? armA : pick(armA, present, Uint8Array);
    const wS = !w || all ? w : pick(w, present, Float64Array);
    const sTerm = factorTerm(frame, s);
    const formula = `${q(outcome.name)} ~ ${q(TREATED)} * ${sTerm}${[...covariateTerms, ...strataTerms].filter((t) => t !== sTerm).map((t) => ` + ${t}`).join("")}`;
    const sub = fitAndContrast(tableS, formula, req, weightColumn, [sTerm], `${where}, subgroup ${s}`, all ? analysed : present.map((k) => analysed[k]));
    for (const w of sub.designWarnings) warnings.push(`population ${req.population}: ${w}`);
    const summaries = levelSummaries(yS, wS, sub.codes!, armS, sub.levels.length);
    for (const [l, lv] of sub.levels.entries()) {
      const { control: c, treated: t } = summaries[l];
      if (c.n === 0 || t.n === 0) {
        throw analysisError(`subgroup ${s} = ${lv.level} in ${req.population} has no ${c.n === 0 ? "control" : "treated"} participants with ${outcome.name}`, {
          hint: "an effect cannot be estimated in this level: merge it with another level (recode) or drop the subgroup from the plan",
        });
      }
      const row = makeRow(common, lv.estimate, req.levels, scale, unit, sdUsed, {
        subgroup: s,
        level: lv.level,
        control: c.mean,
        treated: t.mean,
        nControl: c.n,
        nTreated: t.n,
        binary: outcome.type === "binary",
      });
      row.interaction_p = sub.interactionP;
      rows.push(row);
    }
  }
  const spread = weightedMeanSd(yA).sd;
  for (const r of rows) requireStandardError(r.std_error, spread, r.subgroup === null ? where : `${where}, subgroup ${r.subgroup} = ${r.level}`);
  return { rows, flow, warnings };
}

/** The subgroup variables that the model of subgroup s does not use (neither covariates nor strata). */
function otherSubgroups(req: EffectRequest, s: string): Set<string> {
  return new Set(req.subgroups.filter((g) => g !== s && !req.covariates.includes(g) && !req.strata.includes(g) && g !== req.cluster));
}

/** The table without some columns (so that subsetting its rows copies only what a model reads). */
function withoutColumns(table: DataTable, drop: Set<string>): DataTable {
  if (drop.size === 0) return table;
  const columns = new Map<string, Column>();
  for (const name of table.columnNames) if (!drop.has(name)) columns.set(name, table.column(name));
  const lines = new Int32Array(table.nRows);
  for (let k = 0; k < lines.length; k++) lines[k] = table.lineOf(k);
  return makeTable(table.source, columns, lines);
}

/** values[rows[k]] for each k, as a typed array (a plain loop: typed-array from() with a callback is slow). */
function pick<T extends Float64Array | Uint8Array>(values: ArrayLike<number>, rows: ArrayLike<number>, Typed: new (length: number) => T): T {
  const out = new Typed(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/**
 * weightedMeanSd of y in each subgroup level × arm, in one pass over the rows instead of one per
 * level and arm (same sums in the same order, so the same numbers).
 */
function levelSummaries(y: Float64Array, w: Float64Array | undefined, codes: ArrayLike<number>, arm: Uint8Array, nLevels: number) {
  const cells = 2 * nLevels;
  const n = new Float64Array(cells);
  const sw = new Float64Array(cells);
  const swy = new Float64Array(cells);
  for (let i = 0; i < y.length; i++) {
    const c = 2 * codes[i] + arm[i];
    const wi = w ? w[i] : 1;
    n[c]++;
    sw[c] += wi;
    swy[c] += wi * y[i];
  }
  const mean = Float64Array.from(swy, (v, c) => v / sw[c]);
  const ss = new Float64Array(cells);
  for (let i = 0; i < y.length; i++) {
    const c = 2 * codes[i] + arm[i];
    const wi = w ? (w[i] * n[c]) / sw[c] : 1;
    ss[c] += wi * (y[i] - mean[c]) ** 2;
  }
  const summary = (c: number) => ({ mean: mean[c], sd: Math.sqrt(ss[c] / (n[c] - 1)), n: n[c] });
  return Array.from({ length: nLevels }, (_, l) => ({ control: summary(2 * l), treated: summary(2 * l + 1) }));
}

function requireBothArms(analysed: ByArm, where: string): void {
  if (analysed.treated === 0 || analysed.control === 0) {
    throw analysisError(`no ${analysed.treated === 0 ? "treated" : "control"} participants are left to analyse (${where})`, {
      hint: "check the population's filter, the survey response and the outcome's missing values",
    });
  }
}

const q = (name: string) => {
  if (name.includes("`")) throw inputError(`the variable name ${name} contains a back-quote, which trialstat cannot use in a model`);
  return `\`${name}\``;
};

/** A categorical term: text columns as they are, numeric codes through factor(). */
function factorTerm(frame: AnalysisFrame, name: string): string {
  return frame.get(name).kind === "number" ? `factor(${q(name)})` : q(name);
}

interface Estimate {
  estimate: number;
  se: number;
  df: number | null;
  dist: "t" | "z";
  seType: string;
  nClusters: number | null;
}

function fitAndContrast(
  table: DataTable,
  formula: string,
  req: EffectRequest,
  weights: string | undefined,
  subgroupTerms: string[],
  where: string,
  /** The frame rows of the table's rows (which, with the model and weights, identify the design). */
  frameRows: ArrayLike<number>,
): Contrasted {
  const logit = req.outcome.model === "logit";
  // the same model on the same rows with the same weights is the same design: reuse its factorisation
  const key = logit || !req.designs ? undefined : `${formula.slice(formula.indexOf("~"))}\u0001${req.outcome.weights ?? ""}\u0001${frameRows.length}\u0001${hashRows(frameRows)}`;
  const reused = key === undefined ? undefined : req.designs!.get(key);
  const checks: DesignContext = {
    where,
    row: (k) => ({ words: `participant ${showValue(req.frame.linked.keys[frameRows[k]])}` }),
    columnLabel: (name) => (name === TREATED ? "the trial arm" : name),
    armColumn: TREATED,
  };
  if (reused && sameRows(reused.rows, frameRows)) {
    // the design was checked when it was built; the new outcome is checked here
    const y = table.column(req.outcome.name).values as Float64Array;
    checkOutcome(y, req.outcome.name, checks);
    return { ...linearEffects(reused, y, req, where), designWarnings: reused.warnings };
  }

  const terms = expandFormula(formula);
  const mf = buildModelFrame(table, terms, { weights, cluster: req.cluster, family: logit ? "binomial" : "gaussian" });
  if (mf.nDropped > 0) throw new Error(`internal: ${mf.nDropped} rows dropped after exclusions were counted (${where})`);
  const mm = buildModelMatrix(mf);
  const designWarnings = checkDesign(mf, mm, logit ? "stata" : req.seType, checks);
  const clusters = mf.cluster ? { codes: mf.cluster.codes, count: mf.cluster.levels.length } : undefined;
  const names = mm.columnNames;
  const treatedIndex = names.indexOf(TREATED);

  // subgroup levels and their contrasts (over the design's columns)
  const sg = subgroupTerms.length ? subgroupInfo(mf, terms, names) : undefined;

  if (logit) {
    const seType: LogitSeType = req.cluster ? "stata" : req.seType === "HC1" || req.seType === "classical" || req.seType === "HC0" ? req.seType : "HC0";
    const fit = fitLogit({ design: mm.matrix, names, y: mf.response, weights: mf.weights, clusters, seType, hasIntercept: mm.hasIntercept });
    assertEstimated(fit.kept, treatedIndex, where);
    const level = 0.95;
    const ame = averageMarginalEffect(mf, fit, TREATED, level);
    const est = (m: { estimate: number; std_error: number }): Estimate => ({ estimate: m.estimate, se: m.std_error, df: null, dist: "z", seType: fit.variance.seType, nClusters: fit.variance.nClusters ?? null });
    const aliased = fit.aliased.map((j) => names[j]);
    if (!sg) return { main: est(ame), levels: [], interactionP: null, aliased, designWarnings };
    const levels = sg.levels.map((lv) => ({ level: lv.level, rows: lv.rows, estimate: est(averageMarginalEffect(mf, fit, TREATED, level, lv.rows)) }));
    return { main: est(ame), levels, interactionP: interactionTest(fit.kept, fit.coefficients, fit.variance.matrix, sg.interactionColumns, names, undefined), codes: sg.codes, aliased, designWarnings };
  }

  const contrasts = sg ? sg.levels.map((lv) => indicatorVector(lv.columns, names.length)) : [];
  const design: LinearDesign = { rows: Int32Array.from(frameRows), matrix: mm.matrix, names, hasIntercept: mm.hasIntercept, weights: mf.weights, clusters, treatedIndex, sg, contrasts, warnings: designWarnings };
  return { ...linearEffects(design, mf.response, req, where, key), designWarnings };
}

/** The treatment effect overall and, with a subgroup, in each level (its rows: codes[k] === level index). */
interface Contrasted {
  main: Estimate;
  levels: { level: string; estimate: Estimate; rows: (k: number) => boolean }[];
  interactionP: number | null;
  aliased: string[];
  codes?: ArrayLike<number>;
  /** Warnings of the design checks (few clusters). */
  designWarnings: string[];
}

/** A linear model's design with what the effects need from it (kept for reuse with its factor). */
interface LinearDesign {
  /** The frame rows it was built on. */
  rows: Int32Array;
  matrix: DenseMatrix;
  names: readonly string[];
  hasIntercept: boolean;
  weights: Float64Array | undefined;
  clusters: { codes: Int32Array; count: number } | undefined;
  treatedIndex: number;
  sg: ReturnType<typeof subgroupInfo> | undefined;
  contrasts: Float64Array[];
  factor?: DesignFactor;
  /** What the design checks said of it. */
  warnings: string[];
}

/** FNV-1a over the row numbers: the cache key's summary of the rows (a hit is then checked row by row). */
function hashRows(rows: ArrayLike<number>): string {
  let h = 2166136261;
  for (let k = 0; k < rows.length; k++) h = Math.imul(h ^ rows[k], 16777619);
  return (h >>> 0).toString(36);
}

function sameRows(a: Int32Array, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * The most recently used designs of a run, keyed by model, rows and weights (see EffectRequest.designs).
 * A few suffice: the runner estimates outcomes analysed on the same rows one after another.
 */
export class DesignCache {
  private readonly entries = new Map<string, LinearDesign>();
  constructor(private readonly capacity: number) {}

  get(key: string): LinearDesign | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, design: LinearDesign): void {
    this.entries.set(key, design);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

function linearEffects(
  design: LinearDesign,
  y: Float64Array,
  req: EffectRequest,
  where: string,
  key?: string,
): Omit<Contrasted, "designWarnings"> {
  const { names, treatedIndex, sg, contrasts } = design;
  const input: LinearModelInput = {
    design: design.matrix,
    names,
    y,
    weights: design.weights,
    clusters: design.clusters,
    seType: req.seType,
    hasIntercept: design.hasIntercept,
    contrasts,
    factor: design.factor,
    describeRow: (row) => `participant ${showValue(req.frame.linked.keys[design.rows[row]])}`,
  };
  // HC estimators: only the variances of the treatment and interaction coefficients are needed
  const hc = !design.clusters && isHeteroskedastic(input.seType) ? { seType: input.seType } : undefined;
  const directions = hc ? [treatedIndex, ...(sg?.interactionColumns ?? [])].map((j) => indicatorVector([j], names.length)) : [];
  let fitted: Omit<LinearModelFit, "variance"> & { variance?: LinearModelFit["variance"]; contrastVariance?: DenseMatrix; df?: number };
  try {
    fitted = hc ? fitLinearContrasts({ ...input, seType: hc.seType }, directions) : fitLinearModel(input);
  } catch (e) {
    // say which model of the plan failed (the SAP runner words the remedies for the plan)
    if (!(e instanceof TrialstatError)) throw e;
    throw e.restated(`${where}: ${e.message}`);
  }
  if (key !== undefined && !design.factor && fitted.factor) req.designs!.set(key, { ...design, factor: fitted.factor });
  assertEstimated(fitted.kept, treatedIndex, where);
  const k = fitted.kept.length;
  const slot = fitted.kept.indexOf(treatedIndex);
  // variance of the sum of two coefficients (design columns), either of which may be left out (−1)
  let varianceOf: (a: number, b: number) => number;
  let seType: string;
  let df: number;
  let nClusters: number | null = null;
  if (fitted.contrastVariance) {
    const W = fitted.contrastVariance;
    const m = W.rows;
    const at = (j: number) => (j === treatedIndex ? 0 : 1 + sg!.interactionColumns.indexOf(j));
    varianceOf = (a, b) => (b < 0 ? W.data[at(a) * (m + 1)] : W.data[at(a) * (m + 1)] + 2 * W.data[at(a) + at(b) * m] + W.data[at(b) * (m + 1)]);
    seType = input.seType;
    df = fitted.df!;
  } else {
    const variance = fitted.variance!;
    const V = variance.matrix;
    varianceOf = (a, b) => {
      const c = fitted.kept.map((j) => (j === a || j === b ? 1 : 0));
      let v = 0;
      for (let x = 0; x < k; x++) for (let z = 0; z < k; z++) v += c[x] * V.data[x + z * k] * c[z];
      return v;
    };
    seType = variance.seType;
    df = variance.df[slot];
    nClusters = variance.nClusters ?? null;
  }
  const main: Estimate = {
    estimate: fitted.coefficients[treatedIndex],
    se: Math.sqrt(fitted.contrastVariance ? varianceOf(treatedIndex, -1) : fitted.variance!.matrix.data[slot + slot * k]),
    df,
    dist: "t",
    seType,
    nClusters,
  };
  const aliased = fitted.aliased.map((j) => names[j]);
  if (!sg) return { main, levels: [], interactionP: null, aliased };
  const beta = fitted.kept.map((j) => fitted.coefficients[j]);
  const levels = sg.levels.map((lv, idx) => {
    const c = fitted.kept.map((j) => contrasts[idx][j]);
    let est = 0;
    for (let a = 0; a < k; a++) est += c[a] * beta[a];
    const other = lv.columns.find((j) => j !== treatedIndex && fitted.kept.includes(j)) ?? -1;
    const contrastDf = fitted.variance?.contrastDf;
    return { level: lv.level, rows: lv.rows, estimate: { ...main, estimate: est, se: Math.sqrt(varianceOf(treatedIndex, other)), df: contrastDf ? contrastDf[idx] : df } };
  });
  const interactionP = fitted.contrastVariance
    ? interactionTestOfContrasts(fitted.kept, fitted.coefficients, fitted.contrastVariance, sg.interactionColumns, names, fitted.dfResidual)
    : interactionTest(fitted.kept, fitted.coefficients, fitted.variance!.matrix, sg.interactionColumns, names, fitted.dfResidual);
  return { main, levels, interactionP, codes: sg.codes, aliased };
}

function isHeteroskedastic(se: LinearSeType): se is HeteroskedasticType {
  return se === "HC0" || se === "HC1" || se === "HC2" || se === "HC3";
}

/** A contrast summing the given design columns. */
function indicatorVector(columns: number[], p: number): Float64Array {
  const c = new Float64Array(p);
  for (const j of columns) c[j] = 1;
  return c;
}

function assertEstimated(kept: readonly number[], treatedIndex: number, where: string): void {
  if (!kept.includes(treatedIndex)) {
    throw analysisError(`the treatment effect is not identified (${where}): the treatment indicator is collinear with the covariates`, {
      hint: "a covariate or stratum determines the arm in this population; remove it from the model",
    });
  }
}

/** The levels of the subgroup factor, which rows are in each, and the design columns of each level's effect. */
function subgroupInfo(mf: ModelFrame, terms: ReturnType<typeof expandFormula>, names: readonly string[]) {
  // the subgroup is the second variable of the treated * S term
  const interaction = terms.terms.find((t) => t.length === 2 && terms.variableLabels[t[0]] === TREATED)!;
  const sIndex = interaction[1];
  const v = mf.variables[sIndex];
  if (v.kind !== "factor") throw new Error("internal: subgroup variable is not a factor");
  const label = terms.variableLabels[sIndex];
  const treatedColumn = names.indexOf(TREATED);
  const interactionColumns: number[] = [];
  const levels = v.levels.map((level, l) => {
    const columns = [treatedColumn];
    if (l > 0) {
      const j = names.indexOf(`${TREATED}:${label}${level}`);
      columns.push(j);
      interactionColumns.push(j);
    }
    return { level, columns, rows: (k: number) => v.codes[k] === l };
  });
  return { levels, interactionColumns, codes: v.codes };
}

function interactionTest(kept: readonly number[], coefficients: Float64Array, V: { data: Float64Array; rows: number; cols: number }, columns: number[], names: readonly string[], dfResidual: number | undefined): number | null {
  const estimable = columns.filter((j) => kept.includes(j));
  if (estimable.length === 0) return null;
  const result = waldTest(
    { names: kept.map((j) => names[j]), estimates: kept.map((j) => coefficients[j]), vcov: V as never, dfResidual },
    { terms: estimable.map((j) => names[j]) },
  );
  return result.p_value;
}

/**
 * interactionTest from C'VC over [treated, interaction columns…] (fitLinearContrasts) instead of the
 * whole variance matrix: the Wald test only reads the interaction terms' block.
 */
function interactionTestOfContrasts(kept: readonly number[], coefficients: Float64Array, W: DenseMatrix, columns: number[], names: readonly string[], dfResidual: number): number | null {
  const estimable = columns.filter((j) => kept.includes(j));
  if (estimable.length === 0) return null;
  const q = estimable.length;
  const vcov = zeros(q, q);
  const at = estimable.map((j) => 1 + columns.indexOf(j));
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) vcov.data[a + b * q] = W.data[at[a] + at[b] * W.rows];
  const terms = estimable.map((j) => names[j]);
  return waldTest({ names: terms, estimates: estimable.map((j) => coefficients[j]), vcov, dfResidual }, { terms }).p_value;
}

/**
 * criticalValue(level, "t", df), remembered: a plan's rows share a few (level, df) pairs, and each
 * t quantile costs dozens of incomplete-beta evaluations.
 */
function tCriticalValue(level: number, df: number): number {
  const key = `${level} ${df}`;
  let crit = criticalValues.get(key);
  if (crit === undefined) {
    crit = criticalValue(level, "t", df);
    if (criticalValues.size >= 4096) criticalValues.clear();
    criticalValues.set(key, crit);
  }
  return crit;
}

const criticalValues = new Map<string, number>();

function makeRow(
  common: { population: string; outcome: string; role: OutcomeSpec["role"]; weights: string | null; model: "ols" | "logit" },
  e: Estimate,
  levels: readonly number[],
  scale: number,
  unit: string,
  sdUsed: number | null,
  x: { subgroup: string | null; level: string | null; control: number; treated: number; nControl: number; nTreated: number; binary: boolean },
): EffectRow {
  const statistic = e.estimate / e.se;
  const p = e.dist === "t" ? studentTTwoSidedP(statistic, e.df!) : normalTwoSidedP(statistic);
  const conf: Record<string, number> = {};
  const effectConf: Record<string, number> = {};
  for (const level of levels) {
    const crit = e.dist === "t" ? tCriticalValue(level, e.df!) : normalQuantile((1 + level) / 2);
    const key = levelKey(level);
    conf[`conf_low_${key}`] = e.estimate - crit * e.se;
    conf[`conf_high_${key}`] = e.estimate + crit * e.se;
    effectConf[`effect_conf_low_${key}`] = (e.estimate - crit * e.se) * scale;
    effectConf[`effect_conf_high_${key}`] = (e.estimate + crit * e.se) * scale;
  }
  // one literal with every key (no spread): a spread builds each of ~1,200 rows key by key
  return {
    population: common.population,
    outcome: common.outcome,
    role: common.role,
    weights: common.weights,
    model: common.model,
    subgroup: x.subgroup,
    level: x.level,
    estimate: e.estimate,
    std_error: e.se,
    statistic,
    df: e.df,
    p_value: p,
    p_adjusted: null,
    conf,
    stars: significanceStars(p),
    effect_size: e.estimate * scale,
    effect_unit: unit,
    effect_conf: effectConf,
    sd_used: sdUsed,
    control_mean: x.control,
    treated_mean: x.treated,
    relative_change: x.binary && x.control !== 0 ? e.estimate / x.control : null,
    n_control: x.nControl,
    n_treated: x.nTreated,
    n_clusters: e.nClusters,
    se_type: e.seType,
    dist: e.dist,
  };
}

