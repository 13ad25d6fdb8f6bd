import { type Command, Option } from "commander";
import { CASELOAD_GUIDANCE, IPS_BENCHMARK, USUAL_SUPPORT_BENCHMARK, monitorOutcomes, monitoringReport, serviceOutcomes } from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { readDataFile } from "../io.js";
import { checkOutputFolder, topLevelNames, writeOutputFolder } from "../output-folder.js";
import { commandSummary } from "../summaries.js";
import { type OutcomeColumnFlags, outcomeColumnOptions, outcomeColumns, positiveFlag, rateFlag } from "./service-flags.js";

interface MonitorFlags extends OutcomeColumnFlags {
  data: string;
  sheet?: string;
  target?: string;
  targetLabel?: string;
  /** false with --no-comparison */
  comparison?: string | false;
  comparisonLabel?: string;
  caseloadLimit?: string;
  periodMonths?: string;
  level?: string;
  limits: "binomial" | "normal";
  out?: string;
}

/**
 * `trialstat monitor --data outcomes.csv`: job outcome rates with Wilson intervals per service and
 * period against benchmarks (IPS 55% and usual support 25% by default, each named by its source),
 * caseload per employment specialist against the guidance's limit, and funnel plots.
 */
export function registerMonitor(program: Command, ctx: CommandContext): void {
  const command = program
    .command("monitor")
    .description(commandSummary("monitor"))
    .requiredOption("--data <file>", "job outcomes, one row per service and period: service, period, people (supported), jobs (people who started one), specialists (FTE, optional)")
    .option("--sheet <name>", "the sheet of an .xlsx --data file (default: the first)")
    .option("--target <rate>", `the rate the funnel is drawn around (default ${IPS_BENCHMARK.rate}: ${IPS_BENCHMARK.source})`)
    .option("--target-label <text>", "what the target is called (default IPS, or 'target' with --target)")
    .option("--comparison <rate>", `a second reference rate (default ${USUAL_SUPPORT_BENCHMARK.rate}: usual support, same source)`)
    .option("--comparison-label <text>", "what the comparison is called (default usual support, or 'comparison' with --comparison)")
    .option("--no-comparison", "no second reference rate")
    .option("--caseload-limit <n>", "clients per employment specialist per year (default 40: IPS commissioning guidance, para. 38)")
    .option("--period-months <n>", "how many months each period lasts (default 12): the caseload limit is pro rata")
    .option("--level <level>", "the confidence level of the Wilson intervals (default 0.95)")
    .addOption(new Option("--limits <method>", "funnel limits: exact binomial with interpolation, or the normal approximation").choices(["binomial", "normal"]).default("binomial"))
    .option("--out <dir>", "write monitoring.json, monitoring.md, tables/*.csv and plots/*.svg (funnel plots) to this folder");
  outcomeColumnOptions(command);
  command.action(async (flags: MonitorFlags) => {
    const out = flags.out !== undefined ? checkOutputFolder("monitor", flags.out, ctx.path(flags.out), [{ path: ctx.path(flags.data), what: `the --data file (${flags.data})` }]) : undefined;
    const target = flags.target !== undefined ? { rate: rateFlag("--target", flags.target, IPS_BENCHMARK.rate), label: flags.targetLabel ?? "target", source: "set with --target" } : { ...IPS_BENCHMARK, label: flags.targetLabel ?? IPS_BENCHMARK.label };
    const comparison =
      flags.comparison === false
        ? null
        : flags.comparison !== undefined
        ? { rate: rateFlag("--comparison", flags.comparison, USUAL_SUPPORT_BENCHMARK.rate), label: flags.comparisonLabel ?? "comparison", source: "set with --comparison" }
        : { ...USUAL_SUPPORT_BENCHMARK, label: flags.comparisonLabel ?? USUAL_SUPPORT_BENCHMARK.label };
    const level = flags.level !== undefined ? rateFlag("--level", flags.level, 0.95) : undefined;
    const outcomes = serviceOutcomes(readDataFile(ctx.path(flags.data), flags.data, { sheet: flags.sheet }), outcomeColumns(flags));
    const monitoring = monitorOutcomes(outcomes.rows, {
      target,
      comparison,
      caseloadPerYear: flags.caseloadLimit !== undefined ? positiveFlag("--caseload-limit", flags.caseloadLimit, CASELOAD_GUIDANCE.clientsPerYear) : undefined,
      periodMonths: flags.periodMonths !== undefined ? positiveFlag("--period-months", flags.periodMonths, 12) : undefined,
      level,
      method: flags.limits,
    });
    const report = monitoringReport(monitoring);
    if (out) await writeOutputFolder(out, report.files, ctx.io.interrupts);
    ctx.out(report.text);
    if (flags.out !== undefined) ctx.out(`\nwritten to ${flags.out}/ (${topLevelNames(report.files)})\n`);
  });
}
