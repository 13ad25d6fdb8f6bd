import { type Command, Option } from "commander";
import { LINEAR_SE_TYPES, fitCsv, fitFormula, fitTable, inputError } from "@trialstat/core";
import { type BootstrapFlags, addBootstrapOptions, bootstrapFromFlags } from "../bootstrap-flags.js";
import { bootstrapCsv, bootstrapTable, withBootstrapJson } from "../bootstrap-output.js";
import type { CommandContext } from "../context.js";
import { readDataInput } from "../data-input.js";
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
  format: "json" | "table" | "csv";
  marginalEffect?: string;
  linCovariates?: string;
  reference?: string[];
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
    .addOption(new Option("--format <format>", "output format").choices(["json", "table", "csv"]).default("json"))
    .option("--seed <seed>", "seed of the random numbers of --ri and --bootstrap (a whole number); the same seed gives the same results")
    .action(async (flags: FitFlags) => {
      if (flags.seed !== undefined && flags.ri === undefined && flags.bootstrap === undefined) {
        throw inputError("--seed is used by randomisation inference (--ri) and the bootstrap (--bootstrap), and neither was asked for", { hint: "add --ri DRAWS or --bootstrap DRAWS, or drop --seed" });
      }
      const randomisationInference = randomisationOptions(flags, ctx);
      const level = Number(flags.level);
      if (!(level > 0 && level < 1)) throw inputError(`--level must be a number between 0 and 1, got "${flags.level}"`, { hint: "e.g. --level 0.9" });
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
      };
      const result = fitFormula(table, options);
      if (flags.bootstrap !== undefined) ctx.progress.step("bootstrap");
      const boot = await bootstrapFromFlags(table, options, flags);
      let out = flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : flags.format === "csv" ? fitCsv(result) : fitTable(result);
      if (boot) out = flags.format === "json" ? withBootstrapJson(result, boot) : flags.format === "csv" ? bootstrapCsv(result, boot) : out + bootstrapTable(boot);
      ctx.out(out);
    });
  addRandomisationOptions(command);
  addBootstrapOptions(command);
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
