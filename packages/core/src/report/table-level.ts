import type { ResultsDocument } from "../analysis/results.js";

/**
 * The confidence level the report's tables and plots show: 95% when the plan has it, else the
 * highest level the plan asks for (results.csv has them all).
 *
 * @example
 * tableLevel({ settings: { levels: [0.9, 0.95, 0.99] } } as ResultsDocument); // 0.95
 */
export function tableLevel(results: ResultsDocument): number {
  const levels = results.settings.levels;
  return levels.includes(0.95) ? 0.95 : levels[levels.length - 1];
}
