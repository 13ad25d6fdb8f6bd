import { type Command, Option } from "commander";
import {
  RAKE_DEFAULTS,
  WEIGHT_METHODS,
  type WeightMethod,
  csvWithColumn,
  inputError,
  nonResponseWeights,
  weightDiagnosticsMarkdown,
  weightDiagnosticsTable,
} from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { type FileOutput, checkOutputFiles, writeFilesAtomic } from "../io.js";
import { dataSource, guardedData, readDataInput } from "../data-input.js";
import { commandSummary } from "../summaries.js";

interface WeightsFlags {
  sheet?: string;
  data: string;
  response: string;
  covariates?: string;
  within?: string;
  method: WeightMethod;
  missingCovariates: "indicator" | "error";
  eligible?: string;
  trimCap?: string;
  trimPercentile?: string;
  rakeTolerance?: string;
  rakeMaxIterations?: string;
  out?: string;
  report?: string;
  weightColumn: string;
  format: "table" | "markdown" | "json";
}

export function registerWeights(program: Command, ctx: CommandContext): void {
  program
    .command("weights")
    .description(commandSummary("weights"))
    .requiredOption("--data <file>", "data file: CSV (.csv, .csv.gz), Stata .dta, SPSS .sav, Parquet, Arrow IPC or Excel .xlsx, one row per person randomised; - reads standard input")
    .option("--sheet <name>", "the sheet of an .xlsx --data file (default: the first)")
    .requiredOption("--response <column>", "did the person respond? 0/1, yes/no or true/false")
    .option("--covariates <list>", "baseline covariates, comma-separated (e.g. age,female,health)")
    .option("--within <list>", "weight within the cells of these variables, comma-separated (e.g. group,arm)")
    .addOption(new Option("--method <method>", "logit (1/p̂), cells (weighting classes) or rake").choices(WEIGHT_METHODS).default("logit"))
    .addOption(
      new Option("--missing-covariates <policy>", "missing baseline covariates: an error, or their own category / a 0/1 indicator")
        .choices(["error", "indicator"])
        .default("error"),
    )
    .option("--eligible <column>", "who was eligible for the survey (0/1, yes/no); default every row")
    .option("--trim-cap <number>", "trim at this multiple of the cell's mean weight (weights have mean 1 in each cell), e.g. 5")
    .option("--trim-percentile <p>", "trim at the p-th percentile of the weights in each cell, e.g. 99")
    .option("--rake-tolerance <number>", `raking convergence, as survey::rake's epsilon (default ${RAKE_DEFAULTS.tolerance})`)
    .option("--rake-max-iterations <n>", `most raking iterations (default ${RAKE_DEFAULTS.maxIterations})`)
    .option("--out <file>", "write the input rows with a weight column here (default: standard output)")
    .option("--report <file>", "write the diagnostics as Markdown here")
    .option("--weight-column <name>", "name of the added column", "weight")
    .addOption(new Option("--format <format>", "how to print the diagnostics").choices(["table", "markdown", "json"]).default("table"))
    .action(async (flags: WeightsFlags) => {
      const trimCap = numberFlag("--trim-cap", flags.trimCap);
      const trimPercentile = numberFlag("--trim-percentile", flags.trimPercentile);
      const tolerance = numberFlag("--rake-tolerance", flags.rakeTolerance);
      const maxIterations = numberFlag("--rake-max-iterations", flags.rakeMaxIterations);
      // a column with no name (or one of spaces or control characters) is one trialstat's own reader refuses
      if (flags.weightColumn.trim() === "" || /[\u0000-\u001f\u007f]/.test(flags.weightColumn)) {
        throw inputError(`--weight-column ${JSON.stringify(flags.weightColumn)} is not a usable column name`, { hint: "name the new column, e.g. --weight-column weight" });
      }
      // before any work: neither output may be the input, a folder, or the other output
      const outputs: FileOutput[] = [
        ...(flags.out !== undefined ? [{ flag: "--out", shown: flags.out, path: ctx.path(flags.out) }] : []),
        ...(flags.report !== undefined ? [{ flag: "--report", shown: flags.report, path: ctx.path(flags.report) }] : []),
      ];
      const data = dataSource(ctx, flags.data);
      const targets = checkOutputFiles(outputs, guardedData(ctx, flags.data));
      const table = await readDataInput(ctx, flags.data, { sheet: flags.sheet });
      if (table.hasColumn(flags.weightColumn)) {
        throw inputError(`${data.shown} already has a column named ${flags.weightColumn}`, {
          location: { file: data.shown, line: 1, column: flags.weightColumn },
          hint: "name the new column with --weight-column",
        });
      }
      const { weights, diagnostics } = nonResponseWeights(table, {
        response: flags.response,
        covariates: list(flags.covariates),
        within: list(flags.within),
        method: flags.method,
        missingCovariates: flags.missingCovariates,
        eligible: flags.eligible,
        trim: trimCap !== undefined || trimPercentile !== undefined ? { cap: trimCap, percentile: trimPercentile } : undefined,
        rake: { ...(tolerance !== undefined && { tolerance }), ...(maxIterations !== undefined && { maxIterations }) },
      });
      const csv = csvWithColumn(table, flags.weightColumn, weights);
      const printed =
        flags.format === "json"
          ? `${JSON.stringify(diagnostics, null, 2)}\n`
          : flags.format === "markdown"
            ? weightDiagnosticsMarkdown(diagnostics)
            : weightDiagnosticsTable(diagnostics);
      const texts: Record<string, string> = { "--out": csv, "--report": weightDiagnosticsMarkdown(diagnostics) };
      writeFilesAtomic(
        outputs.map((o, k) => ({ ...o, path: targets[k].real, text: texts[o.flag] })),
        ctx.io.interrupts,
      );
      // Without --out the weighted rows are the output (so `> weighted.csv` works); the diagnostics go to stderr.
      if (flags.out === undefined) {
        ctx.out(csv);
        ctx.note(printed);
      } else {
        ctx.summary(printed);
      }
      // warnings are warnings, not part of the diagnostics: they stay with --quiet (JSON and Markdown also keep them)
      for (const w of diagnostics.warnings) ctx.warn(w);
    });
}

function list(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function numberFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) throw inputError(`${flag} must be a number, got "${text}"`, { hint: `e.g. ${flag} 5` });
  return v;
}
