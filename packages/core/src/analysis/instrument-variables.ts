import { inputError } from "../errors.js";
import type { InstrumentDerive, LikertDerive } from "../sap/types.js";
import type { AnalysisFrame, FrameColumn } from "./frame.js";

/** Questionnaire scores for the SAP's derive: entries (instrument or Likert scales). */
export function scoreInstrumentVariable(_frame: AnalysisFrame, name: string, _spec: InstrumentDerive | LikertDerive): { column: FrameColumn; note?: Record<string, number> } {
  throw inputError(`derive.${name}: questionnaire scoring is not available in this build`, { location: { path: `derive.${name}` } });
}
