import type { DenseMatrix } from "../linalg/dense.js";

/** The variance estimators of docs/statistics.md#variance-estimators (estimatr's `se_type`). */
export const LINEAR_SE_TYPES = ["classical", "HC0", "HC1", "HC2", "HC3", "CR0", "stata", "CR2"] as const;
export type LinearSeType = (typeof LINEAR_SE_TYPES)[number];
export const CLUSTER_SE_TYPES: readonly LinearSeType[] = ["CR0", "stata", "CR2"];

export interface VarianceEstimate {
  readonly seType: LinearSeType;
  /** Covariance of the kept coefficients, in their original order. */
  readonly matrix: DenseMatrix;
  /** Degrees of freedom for each kept coefficient's t statistic. */
  readonly df: Float64Array;
  readonly nClusters: number | undefined;
  /** CR2 only: Bell–McCaffrey df of each extra contrast requested. */
  readonly contrastDf?: readonly number[];
  /**
   * HC0, HC1 and the cluster-robust types: observations of leverage 1, whose variance the estimator leaves out, with the
   * kept coefficients (positions in `matrix`) that rest on them (see leverageOneCoefficients).
   */
  readonly leverageOne?: readonly { row: number; coefficients: readonly number[] }[];
}

/** What every fitted regression reports: its coefficients, which were estimable, and their variance. */
export interface FittedModel {
  readonly n: number;
  readonly rank: number;
  readonly dfResidual: number;
  /** One per design column; NaN where aliased. */
  readonly coefficients: Float64Array;
  readonly names: readonly string[];
  /** Indices of the kept (estimated) columns, ascending; the variance is over these. */
  readonly kept: readonly number[];
  readonly aliased: readonly number[];
  readonly variance: VarianceEstimate;
}
