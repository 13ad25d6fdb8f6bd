import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { commandSummary } from "../summaries.js";
import { EXIT, messageLine } from "../report-error.js";
import { formatProblem, headlineTable, headlineText, mdesTable, reportFiles, reportLabels, reportSettings, reproductionSummaryText, resultCountText, returnsTable, runFiles, runPlan, sapSchema, singleArmSummaryText, tableText, validatePlan } from "@trialstat/core";
import { oneLine } from "@trialstat/core/errors";
import { planInput } from "../sap-files.js";
import { checkOutputFolder, topLevelNames, writeOutputFolder } from "../output-folder.js";
import { planFiles } from "../plan-files.js";
import { testPadding } from "../test-padding.js";

/** `trialstat validate SAP`, `trialstat run SAP --out DIR`, `trialstat schema`. */
export function registerPlanCommands(program: Command, ctx: CommandContext): void {
  program
    .command("validate")
    .description(commandSummary("validate"))
    .argument("<sap>", "the SAP (YAML)")
    .option("--allow-outside", "allow source files outside the SAP's folder")
    .action((sap: string, flags: { allowOutside?: boolean }) => {
      // the report is built (and dropped) too: whatever would stop run stops validate; and what run
      // would warn of, validate says too
      let warnings: readonly string[] = [];
      const problems = validatePlan(planInput(ctx, sap, flags), {
        whenRun: (run) => {
          reportFiles(run);
          warnings = run.results.warnings;
        },
      });
      if (problems.length === 0) {
        const warned = warnings.length ? `; run will give ${warnings.length === 1 ? "the warning" : `the ${warnings.length} warnings`} below` : "";
        ctx.summary(`${sap}: valid (schema, references, data, and every analysis runs)${warned}\n`);
        for (const w of warnings) ctx.warn(w);
        return;
      }
      for (const p of problems) ctx.err(`${messageLine("error", formatProblem(p))}  ${messageLine("hint", p.hint ?? "see packages/core/docs/sap.md for this part of the plan")}`);
      ctx.err(`${problems.length} problem${problems.length === 1 ? "" : "s"} in ${sap}\n`);
      // the code run would end with: 1 when every problem is one of analysis (the data cannot support it), else 2
      ctx.exitCode = problems.every((p) => p.kind === "analysis") ? EXIT.analysis : EXIT.input;
    });

  program
    .command("run")
    .description(commandSummary("run"))
    .argument("<sap>", "the SAP (YAML)")
    .requiredOption("--out <dir>", "output folder: new, empty, or one trialstat wrote (only the files it wrote there are replaced, when the run succeeds)")
    .option("--allow-outside", "allow source files outside the SAP's folder")
    .option("--timings", "print the seconds each step took (to standard error)")
    .action(async (sap: string, flags: { out: string; allowOutside?: boolean; timings?: boolean }) => {
      const started = performance.now();
      const input = planInput(ctx, sap, flags);
      // before any work: --out must be a place trialstat may write (output-folder.ts)
      const out = checkOutputFolder("run", flags.out, ctx.path(flags.out), planFiles(ctx.path(sap), input.parsed?.sap, sap));
      const run = runPlan(input);
      ctx.progress.step("tables and report");
      let lap = performance.now();
      const timings = { ...run.timings };
      const time = (step: string) => {
        const now = performance.now();
        timings[step] = (now - lap) / 1000;
        lap = now;
      };
      const files = { ...runFiles(run), ...testPadding(ctx.io.env, input.sapText) };
      time("tables and report");
      ctx.progress.step("write");
      await writeOutputFolder(out, files, ctx.io.interrupts);
      time("write");
      const single = run.results.single_arm;
      const settings = reportSettings(run.sap.output);
      if (single) {
        // a single-arm evaluation: the flow and the change in each measure
        ctx.summary(`${oneLine(run.sap.title)}: single-arm evaluation\n\n${singleArmSummaryText(run, settings)}\n`);
      } else {
        const headline = headlineTable(run.results, settings.decimals, { stars: settings.stars, labels: reportLabels(run.sap) });
        ctx.summary(`${oneLine(run.sap.title)}: primary outcomes, overall effects\n\n${headlineText(headline)}\n`);
        // the plan's design and economics sections, when it has them (docs/sap.md#design, #economics)
        if (run.results.design) ctx.summary(`${tableText(mdesTable(run.results.design, run.results.labels, settings.decimals))}\n`);
        if (run.results.economics) ctx.summary(`${tableText(returnsTable(run.results.economics, run.results.labels))}\n`);
      }
      ctx.summary(`${resultCountText(run.results)} written to ${flags.out}/ (${topLevelNames(files)})\n`);
      if (run.reproduction) ctx.summary(`published table ${run.reproduction.published}: ${reproductionSummaryText(run.reproduction.summary)} (details: trialstat reproduce; report.html)\n`);
      for (const w of run.results.warnings) ctx.warn(w);
      if (flags.timings) ctx.err(timingsText(timings, (performance.now() - started) / 1000));
    });

  program
    .command("schema")
    .description(commandSummary("schema"))
    .action(() => {
      ctx.out(`${JSON.stringify(sapSchema, null, 2)}\n`);
    });
}

/** The steps' seconds as an aligned table, with the total (which includes reading the SAP). */
export function timingsText(timings: Record<string, number>, total: number): string {
  const rows = [...Object.entries(timings), ["total", total] as const];
  const width = Math.max(...rows.map(([step]) => step.length));
  return `${rows.map(([step, s]) => `${step.padEnd(width)}  ${s.toFixed(3).padStart(7)} s`).join("\n")}\n`;
}
