import type { Flow, OutcomeFlow } from "../../link/flow.js";
import type { OutcomeSpec, Sap } from "../../sap/types.js";
import type { SyncBlockMapper } from "../../stats/bootstrap/draw-blocks.js";
import type { LinearSeType } from "../../stats/variance/types.js";
import type { EffectRow } from "../effect-row.js";
import type { SingleArmResults } from "../single-arm-rows.js";
import type { AnalysisFrame } from "../frame.js";

/**
 * A kind of analysis the plan runner can run (docs/sap.md; ../shared/DESIGN.md, "Estimators and
 * analyses"): intention to treat, Lin's adjustment, the complier average causal effect, and — added
 * to the ITT rows — randomisation inference, the bootstrap and bounds for missing outcomes. A new
 * kind is one module implementing this and one entry in registry.ts: the runner loops over the
 * registry, and each kind turns the linked frame into plain estimator inputs (outcome-input.ts),
 * runs its estimator (effects/ or stats/) and returns typed rows, or fields for rows already made.
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
  /** Fields for the overall ITT rows of earlier kinds (randomisation inference, the bootstrap, bounds). */
  augmentations?: Augmentation[];
}

/** Fields added to the overall ITT row of an outcome in a population. */
export interface Augmentation {
  /** That row, as estimatedOutcomes found it among the rows of the kinds that ran before. */
  row: EffectRow;
  fields: Pick<EffectRow, "randomisation" | "bootstrap" | "bounds">;
}

/** What every kind works from: the plan, the linked frame, the populations and the weights. */
export interface AnalysisContext {
  readonly sap: Sap;
  readonly frame: AnalysisFrame;
  readonly flow: Flow;
  /** Each population's members (frame rows) and strata, in the plan's order. */
  readonly populations: readonly PlanPopulation[];
  /** Each non-response weight by name: per frame row, NaN where not surveyed. */
  readonly weights: ReadonlyMap<string, Float64Array>;
  readonly settings: AnalysisSettings;
  /** The rows of the kinds that ran before (the ITT's first). */
  readonly rows: readonly EffectRow[];
  /** What the host lends the analyses: threads for the bootstrap, a progress display. */
  readonly host: AnalysisHost;
  /**
   * Runs one step, attributed to a SAP path (`outcomes.2`): `runPlan` stops at its error, `validatePlan`
   * records it and goes on (the step's result is then undefined).
   */
  attempt<T>(path: string, step: () => T): T | undefined;
}

/** What the host running a plan lends the analyses (analysis/run-plan.ts, PlanInput). */
export interface AnalysisHost {
  /** Runs blocks of bootstrap draws (worker threads in the CLI); default: here, one after another. */
  readonly mapBootstrapBlocks?: SyncBlockMapper;
  /**
   * Told now and then how far a long step is: what, how many done of how many, and of what
   * (randomisation inference's "assignments", the bootstrap's "draws").
   */
  readonly progress?: (what: string, done: number, total: number, unit: string) => void;
}

/** A population as the analyses see it: its members (frame rows), strata, and the outcomes (by index) its checks refused. */
export interface PlanPopulation {
  readonly name: string;
  readonly members: Int32Array;
  readonly strata: readonly string[];
  readonly failedOutcomes: ReadonlySet<number>;
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

/**
 * The outcomes, in each population, that an analysis beside the ITT applies to and whose ITT was
 * estimated (an outcome whose weights, checks or ITT failed has had its failure reported), with the
 * overall ITT row, in the plan's order.
 */
export function estimatedOutcomes(context: AnalysisContext, applies: (population: string, outcome: OutcomeSpec) => boolean): { population: PlanPopulation; outcome: OutcomeSpec; index: number; itt: EffectRow }[] {
  const out: { population: PlanPopulation; outcome: OutcomeSpec; index: number; itt: EffectRow }[] = [];
  for (const population of context.populations) {
    context.sap.outcomes.forEach((outcome, index) => {
      if (population.failedOutcomes.has(index) || !applies(population.name, outcome)) return;
      const itt = context.rows.find((r) => r.analysis === "itt" && r.subgroup === null && r.population === population.name && r.outcome === outcome.name);
      if (itt) out.push({ population, outcome, index, itt });
    });
  }
  return out;
}
