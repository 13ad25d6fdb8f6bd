import type { Sap } from "../sap/types.js";
import { resolveSeType } from "../stats/variance/default-se-type.js";
import type { LinearSeType } from "../stats/variance/types.js";
import type { AnalysisSettings } from "./kinds/kind.js";

/** The confidence levels a plan reports when it names none. */
const DEFAULT_LEVELS = [0.9, 0.95, 0.99] as const;

/**
 * The plan's inference settings with every default applied (docs/sap.md#inference): the variance
 * estimator by the library's one default rule (HC2, CR2 with a cluster), levels ascending, the
 * covariates' missing-value policy `indicator`, reference levels as text.
 */
export function analysisSettings(sap: Sap): AnalysisSettings {
  const inference = sap.inference ?? {};
  return {
    seType: resolveSeType(inference.se, "gaussian", inference.cluster !== undefined) as LinearSeType,
    cluster: inference.cluster,
    levels: [...(inference.levels ?? DEFAULT_LEVELS)].sort((a, b) => a - b),
    covariates: sap.covariates?.variables ?? [],
    covariateMissing: sap.covariates?.missing ?? "indicator",
    subgroups: sap.subgroups ?? [],
    reference: new Map(Object.entries(sap.reference ?? {}).map(([k, v]) => [k, String(v)])),
  };
}

/**
 * The one confidence level where a single interval is reported — the tables' intervals, and those of
 * randomisation inference and the bootstrap: 95% when the plan's levels include it, else the highest.
 */
export function reportedLevel(levels: readonly number[]): number {
  return levels.includes(0.95) ? 0.95 : Math.max(...levels);
}
