import { Command, CommanderError } from "commander";
import { version } from "@trialstat/core/version";
import { type CliIO, CommandContext } from "./context.js";
import { EXIT, reportError } from "./report-error.js";
import { type CommandName, commandSummary } from "./summaries.js";
import { examplesHelp } from "./help-examples.js";

/** A command module registers its commands (with their options and actions) on the program. */
export type RegisterCommands = (program: Command, ctx: CommandContext) => void;

/**
 * Every command, in the order `--help` lists them, with the module that defines it. Only the module
 * of the command being run is loaded (and with it the library), so `--version`, `--help` and a small
 * `fit` start quickly.
 */
const COMMANDS: readonly { name: CommandName; load: () => Promise<RegisterCommands> }[] = [
  { name: "validate", load: plan },
  { name: "run", load: plan },
  { name: "schema", load: plan },
  { name: "lock", load: conformance },
  { name: "check", load: conformance },
  { name: "reproduce", load: async () => (await import("./commands/reproduce.js")).registerReproduce },
  { name: "fit", load: async () => (await import("./commands/fit.js")).registerFit },
  { name: "weights", load: async () => (await import("./commands/weights.js")).registerWeights },
  { name: "score", load: async () => (await import("./commands/score.js")).registerScore },
  { name: "power", load: async () => (await import("./commands/power.js")).registerPower },
  { name: "cba", load: async () => (await import("./commands/cba.js")).registerCba },
  { name: "fidelity", load: async () => (await import("./commands/fidelity.js")).registerFidelity },
  { name: "monitor", load: async () => (await import("./commands/monitor.js")).registerMonitor },
  { name: "completion", load: async () => (await import("./commands/completion.js")).completionCommand(everyCommand) },
];

async function plan(): Promise<RegisterCommands> {
  return (await import("./commands/plan.js")).registerPlanCommands;
}
async function conformance(): Promise<RegisterCommands> {
  return (await import("./commands/conformance.js")).registerConformanceCommands;
}


/** The program with its own options and help, and no commands yet. */
function newProgram(ctx: CommandContext): Command {
  return new Command()
    .name("trialstat")
    .description("Impact analysis of randomised trials: regression with robust variance that agrees with R")
    .version(version)
    .option("--debug", "print stack traces with errors")
    .option("-q, --quiet", "no progress, summaries or notes: only the output asked for, errors and warnings")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .showHelpAfterError(usageHint())
    .addHelpText("after", examplesHelp("trialstat"));
}

/**
 * The line commander prints after a usage error (an unknown option, a missing or surplus argument,
 * a value outside its choices): the house's `hint:` line, naming the help of the command that was
 * run. The exit code is 2 whatever commander's own (see `main`).
 */
function usageHint(command?: string): string {
  return command === undefined ? "hint: run trialstat --help for its commands" : `hint: run trialstat ${command} --help for its usage`;
}

/** The program with every command registered: what shell completion lists. */
async function everyCommand(): Promise<Command> {
  const ctx = new CommandContext({ cwd: "/", stdout: { write: () => undefined }, stderr: { write: () => undefined } });
  const program = newProgram(ctx);
  for (const load of new Set(COMMANDS.map((c) => c.load))) (await load())(program, ctx);
  return program;
}

/**
 * Runs `trialstat` with the arguments after the program name and returns the exit code. It never
 * exits the process and touches nothing global: output goes to `io`, paths resolve against
 * `io.cwd`. The binary (index.ts) is a thin wrapper; tests call this in-process.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx = new CommandContext(io);
  const program = newProgram(ctx);
  program.hook("preAction", (cmd, action) => {
    ctx.debug = Boolean(cmd.opts().debug);
    ctx.quiet = Boolean(cmd.opts().quiet);
    ctx.beginProgress(action.name());
  });
  ctx.debug = argv.includes("--debug");

  try {
    const words = argv.filter((a) => !a.startsWith("-"));
    const invoked = words[0] === "help" ? words[1] : words[0];
    const load = COMMANDS.find((c) => c.name === invoked)?.load;
    let registered = false;
    for (const c of COMMANDS) {
      if (c.load === load) {
        if (!registered) (await c.load())(program, ctx);
        registered = true;
      } else {
        program.command(c.name).description(commandSummary(c.name)).allowUnknownOption().helpOption(false);
      }
    }
    for (const cmd of program.commands) {
      cmd.exitOverride();
      cmd.showHelpAfterError(usageHint(cmd.name()));
      cmd.configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
      cmd.addHelpText("after", examplesHelp(cmd.name() as CommandName));
    }
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    // help and --version end with code 0; every other commander error is a usage error
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    return reportError(e, ctx);
  } finally {
    ctx.progress.end();
  }
}
