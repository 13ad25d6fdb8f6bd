import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { commandSummary } from "../summaries.js";
import { type Lock, type ResultsDocument, checkDeclared, compareResults, parseSap, runPlan, sapHash, version } from "@trialstat/core";
import { EXIT } from "../report-error.js";
import { readTextFile, writeFileAtomic } from "../io.js";
import { lockPath, planInput, readJsonFile } from "../sap-files.js";

/** `trialstat lock SAP` and `trialstat check SAP`: registering a plan, and the CI gate. */
export function registerConformanceCommands(program: Command, ctx: CommandContext): void {
  program
    .command("lock")
    .description(commandSummary("lock"))
    .argument("<sap>", "the SAP (YAML)")
    .action((sap: string) => {
      const text = readTextFile(ctx.path(sap), sap);
      const parsed = parseSap(text, sap);
      if (!parsed.sap) {
        ctx.err(`error: ${sap} is not a valid SAP\nhint: run trialstat validate ${sap} to see every problem\n`);
        ctx.exitCode = EXIT.input;
        return;
      }
      const lock: Lock = { sap: sap.split(/[\\/]/).pop()!, sha256: sapHash(text), locked_at: new Date().toISOString(), trialstat_version: version };
      writeFileAtomic(ctx.path(lockPath(sap)), `${JSON.stringify(lock, null, 2)}\n`);
      ctx.out(`locked ${sap}: sha256 ${lock.sha256} (${lockPath(sap)})\n`);
    });

  program
    .command("check")
    .description(commandSummary("check"))
    .argument("<sap>", "the SAP (YAML)")
    .option("--results <file>", "results.json to check (default: run the plan now)")
    .option("--expected <file>", "results.json the results must match")
    .option("--tolerance <x>", "relative tolerance for numbers", "1e-8")
    .option("--allow-outside", "allow source files outside the SAP's folder")
    .action((sap: string, flags: { results?: string; expected?: string; tolerance: string; allowOutside?: boolean }) => {
      const tolerance = Number(flags.tolerance);
      if (!(tolerance >= 0)) {
        ctx.err(`error: --tolerance must be a non-negative number, got "${flags.tolerance}"\nhint: e.g. --tolerance 1e-8\n`);
        ctx.exitCode = EXIT.input;
        return;
      }
      const deviations: string[] = [];
      const input = planInput(ctx, sap, flags);
      const lockFile = lockPath(sap);
      if (!existsSync(ctx.path(lockFile))) deviations.push(`not registered: ${lockFile} does not exist (run trialstat lock ${sap} when the plan is final)`);
      else {
        const lock = readJsonFile<Lock>(ctx, lockFile, "a SAP lock");
        const hash = sapHash(input.sapText);
        if (lock.sha256 !== hash) deviations.push(`SAP changed: ${sap} no longer matches the version locked on ${lock.locked_at} (sha256 ${lock.sha256.slice(0, 12)}… locked, ${hash.slice(0, 12)}… now)`);
      }
      const parsed = parseSap(input.sapText, input.sapFile);
      if (!parsed.sap) {
        deviations.push(`SAP invalid: ${parsed.problems.length} problem(s); run trialstat validate ${sap}`);
      } else {
        const results: ResultsDocument = flags.results ? readJsonFile<ResultsDocument>(ctx, flags.results, "results") : runPlan(input).results;
        deviations.push(...checkDeclared(parsed.sap, results));
        if (flags.expected) deviations.push(...compareResults(results, readJsonFile<ResultsDocument>(ctx, flags.expected, "expected results"), tolerance));
      }
      if (deviations.length === 0) {
        ctx.out(`${sap}: conforms (locked plan, every declared analysis present${flags.expected ? `, results match ${flags.expected} within ${tolerance}` : ""})\n`);
        return;
      }
      for (const d of deviations) ctx.out(`deviation: ${d}\n`);
      ctx.err(`${deviations.length} deviation${deviations.length === 1 ? "" : "s"} from the registered plan\n`);
      ctx.exitCode = EXIT.conformance;
    });
}
