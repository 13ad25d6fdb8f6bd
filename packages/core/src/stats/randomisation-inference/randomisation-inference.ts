import { analysisError, inputError } from "../../errors.js";
import { RANDOM_GENERATOR, RandomStreams } from "../../random/streams.js";
import type { DenseMatrix } from "../linalg/dense.js";
import { armResidualRecords, estimateFromSums } from "./arm-residuals.js";
import { type LabelledGroups, assignmentScheme } from "./assignment-scheme.js";
import { enumeratedEstimates } from "./exact-enumeration.js";
import { groupSides, observedPlaces, treatedSums } from "./group-sides.js";
import { AssignmentDrawer, DRAWS_PER_STREAM } from "./monte-carlo-draws.js";
import { randomisationPValues } from "./p-values.js";
import { invertRandomisationTest } from "./test-inversion.js";

/**
 * Randomisation inference (Fisher) for the covariate-adjusted effect of a randomised arm: the
 * arm is re-randomised as the trial randomised it (within permuted blocks or strata, by cluster when
 * clusters were assigned; assignment-scheme.ts), the estimate recomputed for each assignment
 * (Frisch–Waugh, arm-residuals.ts), and the observed estimate compared with that reference
 * distribution under the sharp null of no effect for anyone (p-values.ts); inverting the test for
 * constant effects gives a confidence interval (test-inversion.ts).
 *
 * The reference set has D = `draws` assignments: the observed one and D − 1 random
 * re-randomisations (monte-carlo-draws.ts), or — when the design allows at most `draws` assignments
 * — every assignment once (exact-enumeration.ts; `exact: true`, D = their number). Assignments whose
 * arm is collinear with the covariates have no estimate and are left out (`undefined`).
 *
 * Plain inputs: the outcome, the 0/1 arm, the covariate design without the arm (with its
 * intercept), optional WLS weights and the design's codes. `prepare` and the drawer's
 * `drawChunk` are separate steps so that chunks of draws can go to worker threads.
 *
 * Source: Fisher, The Design of Experiments, 1935; Gerber & Green, Field Experiments, 2012, ch. 3;
 * Young, "Channeling Fisher", QJE 134(2), 2019; ri2::conduct_ri (Coppock) for the p-value convention.
 *
 * @example
 * const ri = randomisationInference({ y, arm, covariates, blocks, draws: 10_000, seed: 20240101 });
 * ri.pValue; ri.confLow; ri.confHigh; ri.exact;
 */
export interface RandomisationInferenceInput {
  y: ArrayLike<number>;
  arm: ArrayLike<number>;
  covariates: DenseMatrix;
  weights?: ArrayLike<number>;
  units?: LabelledGroups;
  blocks?: LabelledGroups;
  strata?: LabelledGroups;
  /** Size of the reference set (Monte Carlo), and the largest number of assignments enumerated. */
  draws: number;
  seed: number;
  /** Confidence level of the inverted interval, default 0.95. */
  level?: number;
  describeRow?: (row: number) => string;
  /** Called now and then with the assignments done and the total (for a progress display). */
  onProgress?: (done: number, total: number) => void;
}

export interface RandomisationInference {
  /** The observed estimate (equal to the regression coefficient of the arm). */
  readonly estimate: number;
  readonly pValue: number;
  readonly pValueUpper: number;
  readonly pValueLower: number;
  /** D: the assignments the p-values share is taken over (the observed one included), defined ones only. */
  readonly draws: number;
  readonly exact: boolean;
  /** The number of assignments the design allows (Infinity beyond 2^53). */
  readonly assignments: number;
  /** Assignments left out because their arm was collinear with the covariates. */
  readonly undefinedAssignments: number;
  readonly seed: number;
  readonly generator: string;
  readonly level: number;
  readonly confLow: number;
  readonly confHigh: number;
  readonly confSetIsInterval: boolean;
  readonly groupedBy: "blocks" | "strata" | "none";
  readonly groups: number;
  readonly units: number;
}

/** The most draws allowed: the estimates take 16 bytes each. */
export const MAX_RI_DRAWS = 10_000_000;

export function randomisationInference(input: RandomisationInferenceInput): RandomisationInference {
  const prepared = prepareRandomisationInference(input);
  const { scheme, sides, records } = prepared;
  const level = input.level ?? 0.95;
  const streams = new RandomStreams(input.seed);
  let a: Float64Array;
  let b: Float64Array;
  const exact = scheme.assignments <= input.draws;
  if (exact) {
    ({ a, b } = enumeratedEstimates(scheme, sides, records, input.onProgress && ((done) => input.onProgress!(done, scheme.assignments))));
  } else {
    a = new Float64Array(input.draws);
    b = new Float64Array(input.draws);
    a[0] = prepared.observed;
    b[0] = 1;
    const drawer = new AssignmentDrawer(scheme, sides, records);
    const random = input.draws - 1;
    for (let chunk = 0; chunk * DRAWS_PER_STREAM < random; chunk++) {
      const from = chunk * DRAWS_PER_STREAM;
      const count = Math.min(DRAWS_PER_STREAM, random - from);
      drawer.drawChunk(streams, chunk, count, a, b, 1 + from);
      input.onProgress?.(1 + from + count, input.draws);
    }
  }
  const total = a.length;
  ({ a, b } = definedOnly(a, b));
  const p = randomisationPValues(a, prepared.observed);
  const interval = invertRandomisationTest(a, b, prepared.observed, level);
  return {
    estimate: prepared.observed,
    pValue: p.twoSided,
    pValueUpper: p.upper,
    pValueLower: p.lower,
    draws: a.length,
    exact,
    assignments: scheme.assignments,
    undefinedAssignments: total - a.length,
    seed: streams.seed,
    generator: RANDOM_GENERATOR,
    level,
    confLow: interval.low,
    confHigh: interval.high,
    confSetIsInterval: interval.isInterval,
    groupedBy: scheme.groupedBy,
    groups: scheme.groups.count,
    units: scheme.nUnits,
  };
}

/** The checked inputs, the design, the per-unit records and the observed estimate: everything a worker needs to draw. */
export function prepareRandomisationInference(input: RandomisationInferenceInput) {
  if (!(Number.isInteger(input.draws) && input.draws >= 2 && input.draws <= MAX_RI_DRAWS)) {
    throw inputError(`randomisation inference needs a whole number of draws from 2 to ${MAX_RI_DRAWS.toLocaleString("en-GB")}, not ${String(input.draws)}`, {
      hint: "e.g. 10000: the p-value is a share of this many assignments (at most 1/draws apart)",
    });
  }
  const level = input.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw inputError(`the confidence level must lie between 0 and 1, got ${level}`, { hint: "e.g. 0.95" });
  new RandomStreams(input.seed); // checks the seed before any work
  const scheme = assignmentScheme(input);
  const records = armResidualRecords({ ...input, unitOfRow: scheme.unitOfRow, nUnits: scheme.nUnits });
  const sides = groupSides(scheme, records);
  const sums = new Float64Array(records.entries);
  treatedSums(sides, records, observedPlaces(sides, scheme.unitArm), sums);
  const estimate = { a: 0, b: 0 };
  estimateFromSums(sums, records.rank, estimate);
  if (Number.isNaN(estimate.a)) {
    throw analysisError("the arm is collinear with the covariates, so its effect is not estimated", {
      hint: "remove covariates that determine the arm (e.g. a block indicator whose blocks are all treated or all control)",
    });
  }
  return { scheme, records, sides, observed: estimate.a };
}

function definedOnly(a: Float64Array, b: Float64Array): { a: Float64Array; b: Float64Array } {
  let kept = 0;
  for (let d = 0; d < a.length; d++) if (!Number.isNaN(a[d])) kept++;
  if (kept === a.length) return { a, b };
  const a2 = new Float64Array(kept);
  const b2 = new Float64Array(kept);
  let k = 0;
  for (let d = 0; d < a.length; d++) {
    if (Number.isNaN(a[d])) continue;
    a2[k] = a[d];
    b2[k++] = b[d];
  }
  return { a: a2, b: b2 };
}
