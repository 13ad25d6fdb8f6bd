import { dirname, join } from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { commandSummary } from "../summaries.js";
import { type PlanInput, type PublishedTable, type Reproduction, inputError, parsePublishedTable, parseSap, reproduceTable, reproductionSettings, reproductionText, resultsFromJson, runPlan, sapHash } from "@trialstat/core";
import { EXIT } from "../report-error.js";
import { readTextFile } from "../io.js";
import { planInput, readSapText } from "../sap-files.js";

/**
 * `trialstat reproduce SAP [--published FILE] [--results FILE] [--json]`: a published table, typed in
 * as printed, judged cell by cell against the results (packages/core/docs/reproduce.md) — the
 * results.json given, or the plan run now. The table is --published, else the SAP's `published`
 * file. Prints a table (or JSON) and exits 3 unless every cell reproduces, like `check`. Writes nothing.
 */
export function registerReproduce(program: Command, ctx: CommandContext): void {
  program
    .command("reproduce")
    .description(commandSummary("reproduce"))
    .argument("<sap>", "the SAP (YAML)")
    .option("--published <file>", "the published table typed in (CSV: population,outcome,subgroup,level,statistic,printed); default: the SAP's published.file")
    .option("--results <file>", "results.json to judge (default: run the plan now)")
    .option("--json", "print the verdicts as JSON: { cells: [...], summary: {...} }")
    .option("--allow-outside", "allow source files outside the SAP's folder")
    .action((sap: string, flags: { published?: string; results?: string; json?: boolean; allowOutside?: boolean }) => {
      const sapText = readSapText(ctx, sap);
      const parsed = parseSap(sapText, sap);
      const plan = parsed.sap;
      if (!plan) throw inputError(`${sap} is not a valid SAP`, { location: { file: sap }, hint: `run trialstat validate ${sap} to see every problem` });
      // the plan's files (and its lock), read only when needed: --published with --results reads neither
      let input: PlanInput | undefined;
      const plannedInput = () => (input ??= planInput(ctx, sap, { allowOutside: flags.allowOutside, read: { sapText, parsed } }));
      // the published table is read and checked before any results are read or computed
      let table: PublishedTable;
      if (flags.published !== undefined) {
        table = parsePublishedTable(readTextFile(ctx.path(flags.published), flags.published), flags.published);
      } else if (plan.published) {
        table = parsePublishedTable(plannedInput().readFile(plan.published.file), join(dirname(sap), plan.published.file));
      } else {
        throw inputError(`no published table to check: ${sap} has no published section`, { hint: `pass --published FILE, or name the file in the SAP (published: { file: published.csv })` });
      }
      const settings = reproductionSettings(table, plan.published, sap);
      let reproduction: Reproduction;
      if (flags.results !== undefined) {
        const results = resultsFromJson(readTextFile(ctx.path(flags.results), flags.results), flags.results, "results");
        const registered = results.sap?.registration?.id;
        if (registered !== undefined && registered !== plan.registration.id) {
          // not a revision of this plan but another trial's: every cell would be "not found"
          ctx.warn(`${flags.results} was computed from another plan (registration ${registered}; ${sap} is ${plan.registration.id})`);
        } else if (results.sap?.sha256 && results.sap.sha256 !== sapHash(sapText)) {
          ctx.warn(`${flags.results} was computed from another version of the plan (sha256 ${results.sap.sha256.slice(0, 12)}…, ${sap} now ${sapHash(sapText).slice(0, 12)}…)`);
        }
        reproduction = reproduceTable(table, results, settings);
      } else {
        const run = runPlan(plannedInput());
        // the SAP's own published table: the run has judged it already (the same table and settings)
        reproduction = flags.published === undefined && run.reproduction ? run.reproduction : reproduceTable(table, run.results, settings);
      }
      const s = reproduction.summary;
      if (flags.json) {
        ctx.out(`${JSON.stringify({ published: table.file, results: flags.results ?? null, cells: reproduction.cells, summary: s }, null, 2)}\n`);
      } else {
        ctx.out(`${table.file} against ${flags.results ?? `the results of ${sap}, run now`}:\n\n${reproductionText(reproduction)}`);
      }
      if (!s.all_reproduced) {
        ctx.err(`${s.cells - s.reproduced} of ${s.cells} published cell${s.cells === 1 ? "" : "s"} not reproduced (${s.rounding} within rounding, ${s.not_reproduced} not reproduced, ${s.not_found} not found)\n`);
        ctx.exitCode = EXIT.conformance;
      }
    });
}
