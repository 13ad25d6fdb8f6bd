import type { PlanRun } from "../analysis/run-plan.js";
import { resultsJson } from "../analysis/results.js";
import { type ReportFileOptions, reportFiles } from "./report-files.js";

/**
 * Every file a run of a plan writes, by relative path — what `trialstat run` puts in its output
 * folder and what the browser page offers, so that both give the same bytes: results.json,
 * flow.json, the report files (report-files.ts) and, when the plan asks for row-level data,
 * analysis-frame.csv.
 *
 * @example
 * const files = runFiles(runPlan(input)); // files["results.json"], files["report.html"], …
 */
export function runFiles(run: PlanRun, options: ReportFileOptions = {}): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {
    "results.json": resultsJson(run.results),
    "flow.json": `${JSON.stringify(run.flow, null, 2)}\n`,
    ...reportFiles(run, options),
  };
  if (run.rowLevelCsv) files["analysis-frame.csv"] = run.rowLevelCsv;
  return files;
}
