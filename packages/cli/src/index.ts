#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { version } from "@trialstat/core";
import { registerFit } from "./commands/fit.js";
import { registerPlanCommands } from "./commands/plan.js";
import { registerConformanceCommands } from "./commands/conformance.js";
import { EXIT, reportError, setDebug } from "./report-error.js";
import { registerWeights } from "./commands/weights.js";
import { registerScore } from "./commands/score.js";

const program = new Command()
  .name("trialstat")
  .description("Impact analysis of randomised trials: regression with robust variance that agrees with R")
  .version(version)
  .option("--debug", "print stack traces with errors")
  .exitOverride()
  .showHelpAfterError("(run with --help for usage)");
program.hook("preAction", (cmd) => setDebug(Boolean(cmd.opts().debug)));
registerPlanCommands(program);
registerConformanceCommands(program);
registerFit(program);
registerWeights(program);
registerScore(program);
for (const cmd of program.commands) cmd.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // help and --version end with code 0; every other commander error is a usage error
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.input;
  } else {
    process.exitCode = reportError(e);
  }
}
