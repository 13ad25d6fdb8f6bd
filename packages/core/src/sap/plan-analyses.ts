import type { OutcomeSpec, Sap } from "./types.js";
import type { BootstrapType } from "../stats/bootstrap/fit-bootstrap.js";

/**
 * Which analyses a plan asks for beside the intention-to-treat effect of an outcome in a population
 * (docs/sap.md#analyses-beside-the-itt) — the one statement of the scope rules, read by the analysis
 * kinds (analysis/kinds/), by conformance (`check`) and by the plan's own checks (references.ts):
 *
 * - `lin`: the outcome's `lin`, else `covariates.lin` (default false);
 * - `cace`: `take_up` is given and its `outcomes` / `populations` (default all) include these;
 * - `randomisation`, `bootstrap`: likewise for `inference.randomisation` and `inference.bootstrap`;
 * - `bounds`: the outcome's `bounds` (in every population the outcome is analysed in).
 *
 * Each applies to the overall effect only (subgroups have the ITT alone).
 *
 * @example
 * requestedAnalyses(sap, "all", sap.outcomes[0]); // { lin: true, cace: false, randomisation: true, bootstrap: false, bounds: [] }
 */
export interface RequestedAnalyses {
  lin: boolean;
  cace: boolean;
  randomisation: boolean;
  bootstrap: boolean;
  bounds: readonly ("lee" | "worst_case")[];
}

export function requestedAnalyses(sap: Sap, population: string, outcome: OutcomeSpec): RequestedAnalyses {
  const inScope = (scope: { outcomes?: string[]; populations?: string[] } | undefined) =>
    scope !== undefined && (!scope.outcomes || scope.outcomes.includes(outcome.name)) && (!scope.populations || scope.populations.includes(population));
  return {
    lin: linRequested(sap, outcome),
    cace: inScope(sap.take_up),
    randomisation: inScope(sap.inference?.randomisation),
    bootstrap: inScope(sap.inference?.bootstrap),
    bounds: outcome.bounds ?? [],
  };
}

/** Whether a plan asks for Lin's adjustment of an outcome: the outcome's `lin`, else `covariates.lin` (default false), alike in every population. */
export function linRequested(sap: Sap, outcome: OutcomeSpec): boolean {
  return outcome.lin ?? sap.covariates?.lin ?? false;
}

/** Every population × outcome a plan analyses (an outcome in the populations it names), populations first, each in the plan's order. */
export function plannedOutcomes(sap: Sap): { population: string; outcome: OutcomeSpec; index: number }[] {
  return Object.keys(sap.populations).flatMap((population) =>
    sap.outcomes.flatMap((outcome, index) => (!outcome.populations || outcome.populations.includes(population) ? [{ population, outcome, index }] : [])),
  );
}

/** The bootstrap a plan runs: its type, by default the wild cluster bootstrap with a cluster, else pairs. */
export function bootstrapType(sap: Sap): BootstrapType | undefined {
  const spec = sap.inference?.bootstrap;
  return spec && (spec.type ?? (sap.inference?.cluster !== undefined ? "wild" : "pairs"));
}
