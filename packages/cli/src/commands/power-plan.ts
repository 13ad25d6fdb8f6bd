import { type ResultsDocument, mdesDetailTable, mdesTable, planDesign, reportSettings, resultsFromJson, sapHash, tableText } from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { readTextFile } from "../io.js";
import { readSapText } from "../sap-files.js";

/**
 * `trialstat power SAP [--results results.json]`: what each population of a plan could detect —
 * the MDES of every population × outcome its `design:` section covers, at the planned sizes, or at
 * the sizes a run achieved (its results.json). Reads the SAP only, never its data: a protocol's
 * table in a fraction of a second.
 */
export function printPlanPower(ctx: CommandContext, sapPath: string, flags: { results?: string; format: "table" | "json" }): void {
  const text = readSapText(ctx, sapPath);
  const results: ResultsDocument | undefined = flags.results === undefined ? undefined : resultsFromJson(readTextFile(ctx.path(flags.results), flags.results), flags.results, "results");
  const { sap, design, labels } = planDesign(text, sapPath, results);
  if (results?.sap?.sha256 && results.sap.sha256 !== sapHash(text)) {
    ctx.warn(`${flags.results} was written by another version of ${sapPath} (its sha256 differs): the achieved sizes may not be this plan's`);
  }
  if (flags.format === "json") {
    ctx.out(`${JSON.stringify(design, null, 2)}\n`);
    return;
  }
  const decimals = reportSettings(sap.output).decimals;
  ctx.out(`${sap.title}\n\n${tableText(mdesTable(design, labels, decimals))}\n${tableText(mdesDetailTable(design, labels, decimals))}`);
}
