import { type PlanInput, resultCountText, runFiles, runPlan } from "@trialstat/core";

/** What a run in the page gives: every output file by name (as `trialstat run` writes them), and a summary line. */
export interface PlanOutputs {
  files: Record<string, string | Uint8Array>;
  title: string;
  /** How many results, in words: "50 estimates", or a single-arm evaluation's "12 result rows (by population and site)". */
  resultCount: string;
  warnings: string[];
}

/**
 * Runs the plan as `trialstat run` does and returns the files it would write (core's runFiles:
 * results.json, flow.json, the report, …) — byte for byte the same — plus tables.xlsx
 * always (the page offers the spreadsheet whatever the SAP's `output.spreadsheet` says).
 *
 * @example
 * const { files } = planOutputs(droppedPlanInput("sap.yaml", paths, read)); // files["results.json"]
 */
export function planOutputs(input: PlanInput): PlanOutputs {
  const run = runPlan(input);
  const files = runFiles(run, { spreadsheet: true });
  return { files, title: run.sap.title, resultCount: resultCountText(run.results), warnings: run.results.warnings };
}
