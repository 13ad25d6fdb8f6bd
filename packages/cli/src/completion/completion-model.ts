import type { Command } from "commander";

/** What a value of an option or an operand is, for completing it: a file, a folder, one of a list, or free text. */
export type ValueKind = { kind: "file" } | { kind: "folder" } | { kind: "choice"; choices: readonly string[] } | { kind: "text"; name: string };

export interface CompletionOption {
  /** Every spelling, long first: ["--quiet", "-q"]. */
  names: readonly string[];
  description: string;
  /** Undefined for a flag without a value. */
  value?: ValueKind;
  /** May be given more than once (--reference a=b --reference c=d). */
  repeatable: boolean;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: readonly CompletionOption[];
  /** The command's operands in order (`validate <sap>`: one file). */
  operands: readonly ValueKind[];
}

/** The program's options and each command's, as a shell's completion needs them. */
export interface CompletionModel {
  program: string;
  options: readonly CompletionOption[];
  commands: readonly CompletionCommand[];
}

/** Option values and operands named like these are paths (`--data <file>`, `run <sap>`, `--out <dir>`). */
const FILE_NAMES = new Set(["file", "sap"]);
const FOLDER_NAMES = new Set(["dir", "folder"]);

/**
 * The completion model of a commander program with every command registered, read from what its
 * help shows (so hidden options stay hidden, and `-h, --help` is there): option names, descriptions,
 * and what a value is — a path when its placeholder is <file>, <sap> or <dir>, one of the choices
 * when the option has them, free text otherwise. An option with a parser that collects its values
 * (`--reference`, `--bootstrap-term`) is repeatable.
 *
 * @example
 * completionModel(program).commands.find((c) => c.name === "fit")!.options[0];
 * // { names: ["--data"], description: "data file: …", value: { kind: "file" }, repeatable: false }
 */
export function completionModel(program: Command): CompletionModel {
  const help = program.createHelp();
  const options = (cmd: Command): CompletionOption[] =>
    help.visibleOptions(cmd).map((o) => {
      const placeholder = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1];
      return {
        names: [o.long, o.short].filter((n): n is string => n !== undefined),
        description: o.description,
        value: o.required || o.optional ? valueKind(placeholder ?? "value", o.argChoices) : undefined,
        repeatable: o.parseArg !== undefined && o.argChoices === undefined,
      };
    });
  return {
    program: program.name(),
    options: options(program),
    commands: help.visibleCommands(program).map((cmd) => ({
      name: cmd.name(),
      description: cmd.description(),
      options: options(cmd),
      operands: cmd.name() === "help" ? [{ kind: "choice", choices: program.commands.map((c) => c.name()) }] : cmd.registeredArguments.map((a) => valueKind(a.name(), a.argChoices)),
    })),
  };
}

function valueKind(name: string, choices: readonly string[] | undefined): ValueKind {
  if (choices?.length) return { kind: "choice", choices };
  if (FILE_NAMES.has(name)) return { kind: "file" };
  if (FOLDER_NAMES.has(name)) return { kind: "folder" };
  return { kind: "text", name };
}
