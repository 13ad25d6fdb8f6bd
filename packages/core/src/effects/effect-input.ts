import type { LinearSeType } from "../stats/variance/types.js";

/**
 * What an effect estimator takes: plain columns over the analysed rows, nothing of plans, frames
 * or reports (../shared/DESIGN.md, "Estimators and analyses"). The plan runner (analysis/) builds
 * these from the linked frame after counting its exclusions; randomisation inference and the
 * bootstrap build them again with a re-randomised arm or resampled rows.
 */
export interface EffectInput {
  /** The outcome's name, for messages. */
  readonly outcomeName: string;
  /** The outcome, one value per analysed row (no missing values: exclusions are the caller's). */
  readonly y: Float64Array;
  /** 1 treated, 0 control. */
  readonly arm: Uint8Array;
  /** Baseline covariates, their missing values already handled (the caller's policy). */
  readonly covariates: readonly DesignColumn[];
  /** Randomisation strata entered as factors (a pooled population's site or trial group). */
  readonly strata: readonly DesignColumn[];
  /** Probability (non-response) weights, positive. */
  readonly weights?: Float64Array;
  /**
   * Cluster of each row, coded 0..count−1; with the clusters' values (`levels[code]`) and the
   * variable's name for messages.
   */
  readonly clusters?: { readonly codes: Int32Array; readonly count: number; readonly levels?: readonly string[]; readonly label?: string };
  /** `ols`: the coefficient on the arm (a linear probability model for a binary outcome); `logit`: the average marginal effect. */
  readonly model: "ols" | "logit";
  /** The variance estimator (a logit uses HC0/HC1/classical, or stata with clusters). */
  readonly seType: LinearSeType;
  /** How messages name a row, e.g. "participant P001". */
  describeRow?(row: number): string;
  /** Prefixed to messages: which model of a plan this is ("outcome y, population all"). */
  readonly where?: string;
  /**
   * Designs already factored, shared by the inputs of one run (effects/design-cache.ts). `rowIds`
   * are the caller's identities of the rows (e.g. frame rows): equal ids must mean equal covariate,
   * stratum and subgroup values; `weightsId` names the weights. The arm is compared too, so a
   * re-randomised arm never reuses a design built for another.
   */
  readonly designs?: { readonly cache: DesignCacheLike; readonly rowIds: Int32Array; readonly weightsId: string };
}

/** A design column: numbers, or categories (text, or numeric codes to be read as a factor). */
export type DesignColumn =
  | { readonly name: string; readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly name: string; readonly kind: "categorical"; readonly values: readonly (string | null)[] | Float64Array; readonly reference?: string };

/** The cache effects/design-cache.ts implements (typed here so that inputs stay plain). */
export interface DesignCacheLike {
  get(key: string): unknown;
  set(key: string, design: unknown): void;
}
