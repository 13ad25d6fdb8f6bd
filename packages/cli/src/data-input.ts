import { type DataTable, dataFormatOfBytes, inputError, readDataBytes } from "@trialstat/core";
import type { CommandContext } from "./context.js";
import { readDataFile, refuseSheet } from "./io.js";
import type { GuardedPath } from "./output-target.js";

/** What `--data -` is called in messages: `<stdin>:3:age: "x" is not a number`. */
const STDIN_NAME = "<stdin>";

/** `-` given for a file: standard input, as Unix tools read it. */
function isStandardInput(given: string | undefined): boolean {
  return given === "-";
}

/** A data file as given on the command line: its name in messages, and its path (none for standard input). */
export function dataSource(ctx: Pick<CommandContext, "path">, given: string): { shown: string; path?: string } {
  return isStandardInput(given) ? { shown: STDIN_NAME } : { shown: given, path: ctx.path(given) };
}

/**
 * The `--data` input as a file no output may replace: the file, or for `--data -` the file standard
 * input is redirected from (`score --data - --out phq9.csv < phq9.csv` would replace the answers
 * with the scores), known by device and inode.
 */
export function guardedData(ctx: Pick<CommandContext, "path" | "io">, given: string): GuardedPath[] {
  if (!isStandardInput(given)) return [{ path: ctx.path(given), what: "the --data file" }];
  const file = ctx.io.stdin?.file;
  return file ? [{ identity: file, what: "the file on standard input (--data -)" }] : [];
}

/**
 * Reads a command's `--data`: a file, by its extension (readDataFile), or for `-` standard input,
 * read to its end, in any format trialstat reads — recognised by its first bytes
 * (dataFormatOfBytes), CSV unless it is one of the binary formats. Standard input that is a terminal
 * is refused rather than waited on (nobody types a CSV file), and messages name it `<stdin>`.
 *
 * @example
 * // trialstat weights … | trialstat fit --data - --formula "y ~ arm" --weights weight
 * const table = await readDataInput(ctx, flags.data, { sheet: flags.sheet });
 */
export async function readDataInput(ctx: CommandContext, given: string, options: { missing?: readonly string[]; sheet?: string } = {}): Promise<DataTable> {
  if (!isStandardInput(given)) return readDataFile(ctx.path(given), given, options);
  const stdin = ctx.io.stdin;
  if (!stdin) throw inputError("--data - reads standard input, which this caller does not provide", { hint: "give the data's file name instead" });
  if (stdin.isTTY) {
    throw inputError("--data - reads the data from standard input, which is the terminal", {
      hint: "pipe the data in (e.g. trialstat weights … | trialstat fit --data - …, or --data - < file.csv), or give a file name",
    });
  }
  const bytes = await stdin.read();
  const format = dataFormatOfBytes(bytes);
  if (format === "csv") refuseSheet(options.sheet, STDIN_NAME);
  return readDataBytes(bytes, { source: STDIN_NAME, format, missing: options.missing, sheet: options.sheet });
}
