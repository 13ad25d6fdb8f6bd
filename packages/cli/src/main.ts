import { Command, CommanderError } from "commander";
import { version } from "@trialstat/core/version";
import { type CliIO, CommandContext } from "./context.js";
import { EXIT, reportError } from "./report-error.js";
import { type CommandName, commandSummary } from "./summaries.js";

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
  { name: "fit", load: async () => (await import("./commands/fit.js")).registerFit },
  { name: "weights", load: async () => (await import("./commands/weights.js")).registerWeights },
  { name: "score", load: async () => (await import("./commands/score.js")).registerScore },
  { name: "power", load: async () => (await import("./commands/power.js")).registerPower },
  { name: "cba", load: async () => (await import("./commands/cba.js")).registerCba },
];

async function plan(): Promise<RegisterCommands> {
  return (await import("./commands/plan.js")).registerPlanCommands;
}
async function conformance(): Promise<RegisterCommands> {
  return (await import("./commands/conformance.js")).registerConformanceCommands;
}


/**
 * Runs `trialstat` with the arguments after the program name and returns the exit code. It never
 * exits the process and touches nothing global: output goes to `io`, paths resolve against
 * `io.cwd`. The binary (index.ts) is a thin wrapper; tests call this in-process.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const ctx = new CommandContext(io);
  const program = new Command()
    .name("trialstat")
    .description("Impact analysis of randomised trials: regression with robust variance that agrees with R")
    .version(version)
    .option("--debug", "print stack traces with errors")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .showHelpAfterError("(run with --help for usage)");
  program.hook("preAction", (cmd) => {
    ctx.debug = Boolean(cmd.opts().debug);
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
      cmd.configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
    }
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (e) {
    // help and --version end with code 0; every other commander error is a usage error
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.input;
    return reportError(e, ctx);
  }
}
