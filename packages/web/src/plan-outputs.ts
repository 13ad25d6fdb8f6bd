import { type PlanInput, runFiles, runPlan } from "@trialstat/core";

/** What a run in the page gives: every output file by name (as `trialstat run` writes them), and a summary line. */
export interface PlanOutputs {
  files: Record<string, string | Uint8Array>;
  title: string;
  estimates: number;
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
  return { files, title: run.sap.title, estimates: run.results.rows.length, warnings: run.results.warnings };
}
