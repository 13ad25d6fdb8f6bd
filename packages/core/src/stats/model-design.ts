import type { DataTable } from "../data/table.js";
import { type DesignContext, checkDesign } from "./design-checks.js";
import { type ModelFrame, type ModelFrameOptions, buildModelFrame } from "./formula/model-frame.js";
import { type ModelMatrix, buildModelMatrix, refuseMoreColumnsThanRows } from "./formula/model-matrix.js";
import type { Terms } from "./formula/terms.js";

/**
 * The first half of every fit, shared by `trialstat fit` (stats/fit.ts), the plan's effect models
 * (effects/effect-model.ts) and the bootstrap: the model frame (rows with a missing value dropped
 * and counted, factors coded with their reference level), the design matrix with R's names, the
 * clusters as codes, and the design checks (docs/statistics.md#designs-that-cannot-support-their-variance)
 * with their warnings. What follows — least squares or a logit, with which variance — is each
 * caller's.
 *
 * @example
 * const { frame, matrix, warnings } = modelDesign(table, expandFormula("y ~ treat + x"), { seType: "HC2", checks: (frame) => ({ row: (k) => ({ words: `row ${frame.rows[k] + 1}` }) }) });
 */
export interface ModelDesign {
  frame: ModelFrame;
  matrix: ModelMatrix;
  clusters: { codes: Int32Array; count: number } | undefined;
  /** What the design checks warned of (few clusters). */
  warnings: string[];
}

export function modelDesign(table: DataTable, terms: Terms, options: ModelFrameOptions & { seType: string; checks: (frame: ModelFrame) => DesignContext }): ModelDesign {
  const frame = buildModelFrame(table, terms, options);
  refuseMoreColumnsThanRows(frame);
  const matrix = buildModelMatrix(frame);
  const warnings = checkDesign(frame, matrix, options.seType, options.checks(frame));
  const clusters = frame.cluster ? { codes: frame.cluster.codes, count: frame.cluster.levels.length } : undefined;
  return { frame, matrix, clusters, warnings };
}
