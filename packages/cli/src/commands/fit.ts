import { type Command, Option } from "commander";
import { LINEAR_SE_TYPES, confidenceLevelProblem, fitCsv, fitFormula, fitJsonObject, fitSpreadsheet, fitTable, inputError, version, workDone } from "@trialstat/core";
import { type BootstrapFlags, addBootstrapOptions, bootstrapFromFlags } from "../bootstrap-flags.js";
import { bootstrapCsv, bootstrapTable, withBootstrapJson } from "../bootstrap-output.js";
import type { CommandContext } from "../context.js";
import { guardedData, readDataInput } from "../data-input.js";
import { checkOutputFiles, writeFilesAtomic } from "../io.js";
import { commandSummary } from "../summaries.js";
import { type RandomisationFlags, addRandomisationOptions, randomisationOptions } from "./fit-randomisation.js";

interface FitFlags extends BootstrapFlags, RandomisationFlags {
  seed?: string;
  sheet?: string;
  data: string;
  formula: string;
  weights?: string;
  cluster?: string;
  se?: string;
  family: "gaussian" | "binomial";
  level: string;
  format: "json" | "table" | "csv" | "xlsx";
  out?: string;
  marginalEffect?: string;
  linCovariates?: string;
  reference?: string[];
  test?: string[];
  oddsRatios?: boolean;
  names: "snake" | "broom";
}

export function registerFit(program: Command, ctx: CommandContext): void {
  const command = program
    .command("fit")
    .description(commandSummary("fit"))
    .requiredOption("--data <file>", "data file: CSV (.csv, .csv.gz), Stata .dta, SPSS .sav, Parquet, Arrow IPC or Excel .xlsx; - reads standard input")
    .option("--sheet <name>", "the sheet of an .xlsx --data file (default: the first)")
    .requiredOption("--formula <formula>", 'R-style model formula, e.g. "y ~ treat + x1 + g"; with instruments after "|" it is fitted by two-stage least squares: "y ~ takeup + x1 | treat + x1"')
    .option("--weights <column>", "probability (e.g. non-response) weights")
    .option("--cluster <column>", "cluster identifier for cluster-robust standard errors")
    .addOption(
      new Option("--se <type>", `standard errors: ${[...LINEAR_SE_TYPES, "CR1"].join(", ")} (default HC2, or CR2 with --cluster; logit: HC0, or stata)`),
    )
    .addOption(new Option("--family <family>", "gaussian (linear) or binomial (logit)").choices(["gaussian", "binomial"]).default("gaussian"))
    .option("--level <level>", "confidence level", "0.95")
    .option("--marginal-effect <variable>", "logit only: average marginal effect of this binary variable")
    .option("--reference <variable=level>", "the reference level of a factor, as R's relevel (repeat for several), e.g. --reference site=WMCA", (v: string, all: string[] = []) => [...all, v])
    .option("--lin-covariates <formula>", 'Lin (2013) adjustment: the covariates, centred and interacted with the treatment, e.g. "~ x1 + x2" (--formula is then "y ~ treat")')
    .option("--test <hypotheses>", 'Wald test of linear hypotheses, comma-separated, jointly (repeat for separate tests), e.g. --test "treat = 0, treat:gB = 0"; F for linear models, χ² for logits', (v: string, all: string[] = []) => [...all, v])
    .option("--odds-ratios", "logit only: odds ratios exp(estimate) with their confidence intervals beside the log-odds")
    .addOption(new Option("--format <format>", "output format (xlsx: a workbook, written to --out)").choices(["json", "table", "csv", "xlsx"]).default("json"))
    .option("--out <file>", "write the output to this file instead of standard output (needed by --format xlsx), e.g. fit.xlsx")
    .addOption(new Option("--names <style>", "JSON field names: snake (std_error, conf_low) or broom (std.error, conf.low), as R's broom::tidy and glance").choices(["snake", "broom"]).default("snake"))
    .option("--seed <seed>", "seed of the random numbers of --ri and --bootstrap (a whole number); the same seed gives the same results")
    .action(async (flags: FitFlags) => {
      if (flags.seed !== undefined && flags.ri === undefined && flags.bootstrap === undefined) {
        throw inputError("--seed is used by randomisation inference (--ri) and the bootstrap (--bootstrap), and neither was asked for", { hint: "add --ri DRAWS or --bootstrap DRAWS, or drop --seed" });
      }
      const randomisationInference = randomisationOptions(flags, ctx);
      if (flags.oddsRatios && flags.family !== "binomial") {
        throw inputError("--odds-ratios is for a logit: a linear model's coefficients are differences, not log-odds", { hint: "add --family binomial, or drop --odds-ratios" });
      }
      const level = Number(flags.level);
      const levelProblem = flags.level.trim() === "" ? "must lie between 0 and 1" : confidenceLevelProblem(level);
      if (levelProblem) throw inputError(`--level ${levelProblem}, got "${flags.level}"`, { hint: "e.g. --level 0.9 or --level 0.999" });
      // before any work: where the output goes (an .xlsx is a file, never standard output), never one of the inputs
      const target = outputTarget(ctx, flags);
      const table = await readDataInput(ctx, flags.data, { sheet: flags.sheet });
      const options = {
        formula: flags.formula,
        weights: flags.weights,
        cluster: flags.cluster,
        se: flags.se,
        family: flags.family,
        level,
        marginalEffect: flags.marginalEffect,
        linCovariates: flags.linCovariates,
        reference: referenceFlags(flags.reference),
        randomisationInference,
        tests: flags.test,
      };
      const result = fitFormula(table, options);
      // (outputTarget refused --bootstrap with xlsx, so a workbook never waits for one)
      if (flags.bootstrap !== undefined) ctx.progress.step("bootstrap");
      const boot = await bootstrapFromFlags(table, options, flags, (done, total) => ctx.progress.step(`bootstrap, ${workDone(done, total, "draws")}`));
      const shown = { oddsRatios: flags.oddsRatios, names: flags.names };
      let output: string | Uint8Array;
      if (flags.format === "xlsx") output = fitSpreadsheet(result, { data: flags.data, formula: flags.formula, creator: `trialstat ${version}` });
      else if (flags.format === "json") output = boot ? withBootstrapJson(fitJsonObject(result, shown), boot) : `${JSON.stringify(fitJsonObject(result, shown), null, 2)}\n`;
      else if (flags.format === "csv") output = boot ? bootstrapCsv(result, boot) : fitCsv(result, shown);
      else output = fitTable(result, shown) + (boot ? bootstrapTable(boot) : "");
      if (target === undefined) ctx.out(output as string); // (a workbook always has a target)
      else {
        writeFilesAtomic([{ path: target, text: output, flag: "--out", shown: flags.out }], ctx.io.interrupts);
        ctx.summary(`${result.coefficients.length} coefficients, n = ${result.n}, written to ${flags.out}\n`);
      }
      // warnings go to stderr in every format (JSON also keeps them in its warnings field)
      for (const w of [...result.warnings, ...(boot?.warnings ?? [])]) ctx.warn(w);
    });
  addRandomisationOptions(command);
  addBootstrapOptions(command);
}

/**
 * The file --out names, checked (not a folder, not the data), or undefined for standard output.
 * --format xlsx needs one (a workbook is never written to a terminal) and does not hold the
 * bootstrap yet; an .xlsx file name with another format is refused rather than filled with text.
 */
function outputTarget(ctx: CommandContext, flags: FitFlags): string | undefined {
  if (flags.format === "xlsx") {
    if (flags.out === undefined) throw inputError("--format xlsx writes a workbook, which needs a file name", { hint: "add --out fit.xlsx" });
    if (flags.bootstrap !== undefined) throw inputError("--format xlsx does not hold the bootstrap yet", { hint: "use --format json, csv or table with --bootstrap" });
  }
  if (flags.out === undefined) return undefined;
  if (flags.format !== "xlsx" && /\.xlsx$/i.test(flags.out)) {
    throw inputError(`--out ${flags.out} names a workbook, but the output is ${flags.format} text`, { hint: "add --format xlsx to write a workbook, or give --out a .json, .csv or .txt name" });
  }
  return checkOutputFiles([{ flag: "--out", shown: flags.out, path: ctx.path(flags.out) }], guardedData(ctx, flags.data))[0].real;
}

/** `--reference g=H --reference site=WMCA` as { g: "H", site: "WMCA" }. */
function referenceFlags(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values) return undefined;
  const out: Record<string, string> = Object.create(null);
  for (const v of values) {
    const at = v.indexOf("=");
    if (at <= 0) throw inputError(`--reference takes variable=level, got "${v}"`, { hint: "e.g. --reference site=WMCA (the level as written in the data)" });
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}
