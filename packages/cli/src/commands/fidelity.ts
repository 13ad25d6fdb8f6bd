import type { Command } from "commander";
import { fidelityAgainstOutcomes, fidelityReport, fidelityReviews, inputError, serviceOutcomes } from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { readDataFile } from "../io.js";
import { checkOutputFolder, topLevelNames, writeOutputFolder } from "../output-folder.js";
import { commandSummary } from "../summaries.js";
import { outcomeColumnOptions, outcomeColumns, type OutcomeColumnFlags, wholeNumbers } from "./service-flags.js";

interface FidelityFlags extends OutcomeColumnFlags {
  data: string;
  sheet?: string;
  service?: string;
  date?: string;
  items?: string;
  excludeItems?: string;
  outcomes?: string;
  out?: string;
}

/**
 * `trialstat fidelity --data reviews.csv`: IPS-25 fidelity reviews per service and date, in the
 * layout of Project 100's fidelity table, the change from each service's first to its last review,
 * and (with --outcomes) fidelity against job outcome rates across services.
 */
export function registerFidelity(program: Command, ctx: CommandContext): void {
  const command = program
    .command("fidelity")
    .description(commandSummary("fidelity"))
    .requiredOption("--data <file>", "fidelity reviews, one a row: service, date (YYYY-MM-DD) and the 25 IPS-25 item ratings (1-5)")
    .option("--sheet <name>", "the sheet of an .xlsx --data file (default: the first)")
    .option("--service <column>", "the service (or specialist, or team) column", "service")
    .option("--date <column>", "the review date column", "date")
    .option("--items <columns>", "the 25 item columns in item order, comma-separated (default: ips25_1, ..., ips25_25)")
    .option("--exclude-items <numbers>", "also total each review without these items, e.g. 10,21 (as Project 100 did)")
    .option("--outcomes <file>", "job outcomes by service and period (as trialstat monitor reads them): relate fidelity to job outcome rates")
    .option("--out <dir>", "write fidelity.json, fidelity.md and tables/*.csv to this folder");
  outcomeColumnOptions(command);
  command.action(async (flags: FidelityFlags) => {
    const out = flags.out !== undefined ? checkOutputFolder("fidelity", flags.out, ctx.path(flags.out), inputsOf(ctx, flags)) : undefined;
    const reviews = fidelityReviews(readDataFile(ctx.path(flags.data), flags.data, { sheet: flags.sheet }), {
      service: flags.service,
      date: flags.date,
      items: flags.items?.split(",").map((c) => c.trim()),
      excludeItems: flags.excludeItems !== undefined ? wholeNumbers("--exclude-items", flags.excludeItems) : undefined,
    });
    if (flags.outcomes === undefined && Object.values(outcomeColumns(flags)).some((v) => v !== undefined)) {
      throw inputError("the outcome columns were named without --outcomes", { hint: "give --outcomes FILE to relate fidelity to job outcomes" });
    }
    const relation = flags.outcomes !== undefined ? fidelityAgainstOutcomes(reviews, serviceOutcomes(readDataFile(ctx.path(flags.outcomes), flags.outcomes), outcomeColumns(flags)).rows) : undefined;
    const report = fidelityReport(reviews, relation);
    if (out) await writeOutputFolder(out, report.files, ctx.io.interrupts);
    ctx.out(report.text);
    if (flags.out !== undefined) ctx.out(`\nwritten to ${flags.out}/ (${topLevelNames(report.files)})\n`);
  });
}

function inputsOf(ctx: CommandContext, flags: FidelityFlags) {
  return [
    { path: ctx.path(flags.data), what: `the --data file (${flags.data})` },
    ...(flags.outcomes !== undefined ? [{ path: ctx.path(flags.outcomes), what: `the --outcomes file (${flags.outcomes})` }] : []),
  ];
}
