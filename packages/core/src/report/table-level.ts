import type { ResultsDocument } from "../analysis/results.js";
import { reportedLevel } from "../analysis/settings.js";

/**
 * The confidence level the report's tables and plots show: 95% when the plan has it, else the
 * highest level the plan asks for (results.csv has them all).
 *
 * @example
 * tableLevel({ settings: { levels: [0.9, 0.95, 0.99] } } as ResultsDocument); // 0.95
 */
export function tableLevel(results: ResultsDocument): number {
  return reportedLevel(results.settings.levels);
}
