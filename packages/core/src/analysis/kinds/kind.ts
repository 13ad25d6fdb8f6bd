import type { Flow, OutcomeFlow } from "../../link/flow.js";
import type { OutcomeSpec, Sap } from "../../sap/types.js";
import type { LinearSeType } from "../../stats/variance/types.js";
import type { EffectRow } from "../effect-row.js";
import type { SingleArmResults } from "../single-arm-rows.js";
import type { AnalysisFrame } from "../frame.js";

/**
 * A kind of analysis the plan runner can run (docs/sap.md; ../shared/DESIGN.md, "Estimators and
 * analyses"): intention to treat today; randomisation inference, the bootstrap, IV/CACE next. A new
 * kind is one module implementing this and one entry in registry.ts: the runner loops over the
 * registry, and each kind turns the linked frame into plain estimator inputs, runs its estimator
 * (effects/ or stats/) and returns typed rows.
 */
export interface AnalysisKind {
  /** As results.json and messages name it. */
  readonly id: string;
  /** Whether the plan asks for this analysis. */
  applies(sap: Sap): boolean;
  /** Every estimate of this kind for the plan, with the flow of each outcome analysed. */
  run(context: AnalysisContext): AnalysisOutput;
}

export interface AnalysisOutput {
  rows: EffectRow[];
  /** A single-arm evaluation's rows (results.json's single_arm), from the kind that makes them. */
  singleArm?: SingleArmResults;
  /** One per population × outcome analysed: who was analysed and who was excluded, and why. */
  outcomeFlows: OutcomeFlow[];
  warnings: string[];
}

/** What every kind works from: the plan, the linked frame, the populations and the weights. */
export interface AnalysisContext {
  readonly sap: Sap;
  readonly frame: AnalysisFrame;
  readonly flow: Flow;
  /** Each population's members (frame rows) and strata, in the plan's order; `failedOutcomes` are outcomes (by index) its checks refused. */
  readonly populations: readonly { readonly name: string; readonly members: Int32Array; readonly strata: readonly string[]; readonly failedOutcomes: ReadonlySet<number> }[];
  /** Each non-response weight by name: per frame row, NaN where not surveyed. */
  readonly weights: ReadonlyMap<string, Float64Array>;
  readonly settings: AnalysisSettings;
  /**
   * Runs one step, attributed to a SAP path (`outcomes.2`): `runPlan` stops at its error, `validatePlan`
   * records it and goes on (the step's result is then undefined).
   */
  attempt<T>(path: string, step: () => T): T | undefined;
}

/** The plan's inference settings with their defaults applied (analysis/settings.ts). */
export interface AnalysisSettings {
  readonly seType: LinearSeType;
  readonly cluster: string | undefined;
  /** Confidence levels, ascending. */
  readonly levels: readonly number[];
  readonly covariates: readonly string[];
  readonly covariateMissing: "indicator" | "error" | "complete_case";
  readonly subgroups: readonly string[];
  /** Reference levels of factors, by variable, as text. */
  readonly reference: ReadonlyMap<string, string>;
}

/** The covariates of an outcome's models: the plan's, then those the outcome adds. */
export function outcomeCovariates(settings: AnalysisSettings, outcome: OutcomeSpec): string[] {
  return [...new Set([...settings.covariates, ...(outcome.covariates ?? [])])];
}
