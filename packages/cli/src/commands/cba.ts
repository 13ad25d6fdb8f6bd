import { type Command, Option } from "commander";
import { ECONOMICS_RESULTS_USES, economicsFiles, economicsFromFile, inputError, monteCarloTable, resultsFromJson, returnsTable, tableText } from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { seedFlag, wholeNumberFlag } from "../whole-number-flag.js";
import { readTextFile } from "../io.js";
import { checkOutputFolder, writeOutputFolder } from "../output-folder.js";
import { sha256 } from "../output-manifest.js";
import { commandSummary } from "../summaries.js";

interface CbaFlags {
  results: string;
  economics: string;
  seed?: string;
  draws?: string;
  out?: string;
  format: "table" | "json";
}

/**
 * `trialstat cba --results results.json --economics economics.yaml`: the benefit–cost analysis of a
 * run — returns per £1 spent in the layout of HLT Table 2.2 and their Monte Carlo distribution —
 * from its results.json and a file with the keys of a plan's `economics:` section (costs, values,
 * seed, draws, discounting). `--out DIR` writes economics.json, economics.md, tables and plots.
 */
export function registerCba(program: Command, ctx: CommandContext): void {
  program
    .command("cba")
    .description(commandSummary("cba"))
    .requiredOption("--results <file>", "results.json written by trialstat run")
    .requiredOption("--economics <file>", "costs per recruit and values per unit of impact (YAML: the keys of a SAP's economics: section; see examples/hlt/economics.yaml)")
    .option("--seed <seed>", "seed of the Monte Carlo draws (overrides the file's)")
    .option("--draws <n>", "Monte Carlo draws (overrides the file's; default 10000)")
    .option("--out <dir>", "write economics.json, economics.md, tables/*.csv and plots/*.svg to this folder")
    .addOption(new Option("--format <format>", "what to print").choices(["table", "json"]).default("table"))
    .action(async (flags: CbaFlags) => {
      const seed = flags.seed === undefined ? undefined : seedFlag(flags.seed);
      const draws = flags.draws === undefined ? undefined : wholeNumberFlag("--draws", flags.draws, { min: 100, max: 10_000_000 }, "e.g. --draws 10000");
      const guarded = [
        { path: ctx.path(flags.results), what: `the --results file (${flags.results})` },
        { path: ctx.path(flags.economics), what: `the --economics file (${flags.economics})` },
      ];
      // before any work: --out must be a place trialstat may write
      const out = flags.out === undefined ? undefined : checkOutputFolder("cba", flags.out, ctx.path(flags.out), guarded);
      const resultsText = readTextFile(ctx.path(flags.results), flags.results);
      const economicsText = readTextFile(ctx.path(flags.economics), flags.economics);
      const results = resultsFromJson(resultsText, flags.results, "results", ECONOMICS_RESULTS_USES);
      const economics = economicsFromFile(results, economicsText, flags.economics, { seed, draws });
      const labels = results.labels ?? { populations: {}, outcomes: {} };
      if (out) {
        const files = economicsFiles(economics, labels, { results: { file: flags.results, sha256: sha256(resultsText) }, economics: { file: flags.economics, sha256: sha256(economicsText) } });
        await writeOutputFolder(out, files, ctx.io.interrupts);
      }
      ctx.out(flags.format === "json" ? `${JSON.stringify(economics, null, 2)}\n` : `${tableText(returnsTable(economics, labels))}\n${tableText(monteCarloTable(economics, labels), { stackedHeaders: true })}`);
      // JSON on standard output stays parseable: the note goes to standard error then
      const note = `written to ${flags.out}/ (economics.json, economics.md, tables/, plots/)\n`;
      if (out && flags.format === "json") ctx.note(note);
      else if (out) ctx.summary(`\n${note}`);
    });
}
