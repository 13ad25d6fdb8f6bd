import { numericColumn, withColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import type { WeightsSpec } from "../sap/types.js";
import { type WeightDiagnostics, nonResponseWeights } from "../weights/non-response-weights.js";
import type { AnalysisFrame } from "./frame.js";

/**
 * Non-response weights for a survey wave named in the SAP's weights: (statistics.md#non-response-weights):
 * among the participants the wave expected (randomised, not erased, not withdrawn before it fell
 * due), respondents get weights from `nonResponseWeights`, fitted within the cells of `within`;
 * everyone else gets none (NaN), so weighted outcomes are analysed among respondents only.
 * A missing covariate is an error unless the plan states `missing_covariates: indicator`.
 */
export function surveyWeights(frame: AnalysisFrame, name: string, spec: WeightsSpec): { weights: Float64Array; diagnostics: WeightDiagnostics } {
  const wave = frame.linked.waves.get(spec.survey)!;
  const names = [...new Set([...spec.covariates, ...(spec.within ?? [])])];
  const response = `${spec.survey}.responded`;
  const table = withColumns(frame.table(names, undefined, `${spec.survey} wave`), [numericColumn(response, Float64Array.from(wave.responded))]);
  try {
    const { weights, diagnostics } = nonResponseWeights(table, {
      response,
      covariates: spec.covariates,
      within: spec.within ?? [],
      method: spec.method ?? "logit",
      missingCovariates: spec.missing_covariates ?? "error",
      trim: spec.trim,
      eligible: wave.eligible,
    });
    return { weights, diagnostics };
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    // the table is the analysis frame, not a file: point at the plan instead (the SAP runner words
    // the remedies); the path is the message's location, printed before it, so not in it as well
    throw e.restated(e.message, { path: `weights.${name}` });
  }
}
