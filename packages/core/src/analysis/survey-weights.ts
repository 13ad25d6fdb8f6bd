import { inputError } from "../errors.js";
import type { WeightsSpec } from "../sap/types.js";
import type { AnalysisFrame } from "./frame.js";

/** Non-response weights for a survey wave (the SAP's weights: entries). */
export function surveyWeights(_frame: AnalysisFrame, name: string, _spec: WeightsSpec): { weights: Float64Array; diagnostics: unknown } {
  throw inputError(`weights.${name}: non-response weights are not available in this build`, { location: { path: `weights.${name}` } });
}
