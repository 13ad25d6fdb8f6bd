import { type Command, Option } from "commander";
import {
  type Column,
  type DataTable,
  type InstrumentDefinition,
  type MissingRule,
  describeInstrument,
  getInstrument,
  inputError,
  likertFromJson,
  listInstruments,
  parseCodeList,
  parseLabelFile,
  parseValueSet,
  quoteValue,
  requireDataRows,
  scoreCsv,
  scoreSummary,
  scoreTable,
} from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { checkOutputFiles, readTextFile, writeFilesAtomic } from "../io.js";
import { dataSource, guardedData, readDataInput } from "../data-input.js";
import { commandSummary } from "../summaries.js";

interface ScoreFlags {
  sheet?: string;
  instrument?: string;
  definition?: string;
  data?: string;
  items?: string;
  id?: string;
  valueSet?: string;
  labels?: string;
  missingCodes?: string;
  maxMissing?: string;
  prorate: boolean;
  round?: "half-up" | "none";
  out?: string;
  list?: boolean;
}

function listText(): string {
  const blocks = listInstruments().map((d) => describeInstrument(d).join("\n"));
  return [
    "Instruments (trialstat score --instrument ID):",
    "",
    blocks.join("\n\n"),
    "",
    "Item columns default to <id>_<item> (phq9_1 ... phq9_9); name others in item order with --items.",
    "A Likert scale of your own: --definition FILE.json (see packages/core/docs/instruments.md).",
    "",
  ].join("\n");
}

export function registerScore(program: Command, ctx: CommandContext): void {
  program
    .command("score")
    .description(commandSummary("score"))
    .option("--instrument <id>", "instrument id (see --list)")
    .option("--definition <file>", "a Likert scale of your own, defined in JSON (instead of --instrument)")
    .option("--data <file>", "data file: CSV (.csv, .csv.gz), Stata .dta, SPSS .sav, Parquet, Arrow IPC or Excel .xlsx, one respondent a row; - reads standard input")
    .option("--sheet <name>", "the sheet of an .xlsx --data file (default: the first)")
    .option("--items <columns>", "item columns in item order, comma-separated (default: <id>_1, <id>_2, ...)")
    .option("--id <column>", "column echoed first in the output (default: id, if the data has one)")
    .option("--value-set <file>", "EQ-5D-5L value set: CSV of dimension,level,decrement or state,index (default: England 2018)")
    .option("--labels <file>", "CSV of label,value: response labels (or codes) and the item values they stand for; value 'missing' marks a missing code")
    .option("--missing-codes <codes>", "comma-separated codes that mean not answered, e.g. -9,-8,99,Refused")
    .option("--max-missing <n>", "most items that may be missing; the score is then prorated")
    .option("--no-prorate", "give no score when any item is missing")
    .addOption(new Option("--round <how>", "rounding of a prorated sum").choices(["half-up", "none"]))
    .option("--out <file>", "write the scores to this CSV file (default: standard output)")
    .option("--list", "list the instruments with their items, ranges, bands and rules")
    .action(async (flags: ScoreFlags, cmd: Command) => {
      if (flags.list) {
        ctx.out(listText());
        return;
      }
      const ids = listInstruments().map((d) => d.id).join(", ");
      if (flags.instrument !== undefined && flags.definition !== undefined) {
        throw inputError("give --instrument or --definition, not both", { hint: "--definition replaces --instrument for a scale of your own" });
      }
      if (flags.instrument === undefined && flags.definition === undefined) {
        throw inputError("no instrument: give --instrument ID or --definition FILE.json", { hint: `instruments: ${ids} (trialstat score --list describes them)` });
      }
      if (flags.data === undefined) throw inputError("no data: give --data FILE.csv", { hint: "the CSV has a header line and one respondent a row" });
      // before any work: --out must not be an input, a folder, or anything but a new or ordinary file
      const data = dataSource(ctx, flags.data);
      const inputs = [
        ...guardedData(ctx, flags.data),
        ...(["labels", "definition", "valueSet"] as const).flatMap((k) => (flags[k] !== undefined ? [{ path: ctx.path(flags[k]), what: `the ${k === "valueSet" ? "--value-set" : `--${k}`} file` }] : [])),
      ];
      const out = flags.out !== undefined ? checkOutputFiles([{ flag: "--out", shown: flags.out, path: ctx.path(flags.out) }], inputs) : [];
      const instrument: InstrumentDefinition =
        flags.definition !== undefined ? likertFromJson(readTextFile(ctx.path(flags.definition), flags.definition), flags.definition) : getInstrument(flags.instrument!);
      const labelFile = flags.labels !== undefined ? parseLabelFile(readTextFile(ctx.path(flags.labels), flags.labels), flags.labels) : undefined;
      const missingCodes = [...(labelFile?.missingCodes ?? []), ...(flags.missingCodes !== undefined ? parseCodeList(flags.missingCodes) : [])];
      if (flags.maxMissing !== undefined && !/^\d+$/.test(flags.maxMissing.trim())) {
        throw inputError(`--max-missing must be a whole number, got "${flags.maxMissing}"`, { hint: "e.g. --max-missing 2" });
      }
      const missingRule: Partial<MissingRule> = {
        maxMissing: flags.maxMissing !== undefined ? Number(flags.maxMissing) : undefined,
        prorate: cmd.getOptionValueSource("prorate") === "cli" ? flags.prorate : undefined,
        round: flags.round,
      };
      const valueSet = flags.valueSet !== undefined ? parseValueSet(readTextFile(ctx.path(flags.valueSet), flags.valueSet), flags.valueSet) : undefined;
      const table = await readDataInput(ctx, flags.data, { sheet: flags.sheet });
      // no respondents is a file cut short or the wrong file, as fit says, not a header of scores
      requireDataRows(table);
      const idName = flags.id ?? (table.hasColumn("id") ? "id" : undefined);
      const id = idName !== undefined ? table.column(idName) : undefined;
      const repeated = id ? repeatedIds(table, id) : undefined;
      if (repeated) ctx.warn(repeated);
      const result = scoreTable(table, instrument, {
        items: flags.items?.split(",").map((c) => c.trim()),
        labels: labelFile?.labels,
        labelLocations: labelFile?.locations,
        missingCodes,
        missingRule,
        missingRuleNames: { maxMissing: "--max-missing", prorate: "--no-prorate", round: "--round" },
        valueSet,
      });
      const csv = scoreCsv(result, { id });
      const notice = instrument.notice ? `note: ${instrument.notice}\n` : "";
      if (flags.out !== undefined) {
        writeFilesAtomic([{ path: out[0].real, text: csv, flag: "--out", shown: flags.out }], ctx.io.interrupts);
        ctx.summary(`${scoreSummary(result)} -> ${flags.out}\n${notice}`);
      } else {
        ctx.out(csv);
        ctx.note(notice);
      }
    });
}

/**
 * A warning when some respondent ids are on more than one row (blank ids aside): each row is still
 * scored, but the output can no longer be joined back one row per respondent. Undefined when none is.
 */
function repeatedIds(table: DataTable, id: Column): string | undefined {
  const firstRow = new Map<string, number>();
  const repeated = new Set<string>();
  let first: { value: string; rows: [number, number] } | undefined;
  for (let i = 0; i < table.nRows; i++) {
    const value = id.kind === "number" ? id.text(i) : id.values[i];
    if (value === null || value === undefined || value === "") continue;
    const before = firstRow.get(value);
    if (before === undefined) firstRow.set(value, i);
    else {
      repeated.add(value);
      first ??= { value, rows: [before, i] };
    }
  }
  if (!first) return undefined;
  const n = repeated.size;
  const [a, b] = first.rows.map((i) => table.lineOf(i));
  return `${table.source}: ${n === 1 ? "1 id is" : `${n} ids are`} on more than one row of column ${id.name} (the first, ${quoteValue(first.value)}, on lines ${a} and ${b}); each row is scored on its own`;
}
