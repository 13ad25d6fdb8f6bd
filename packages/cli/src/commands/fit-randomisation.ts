import type { Command } from "commander";
import { type FitRandomisationOptions, inputError, workDone } from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { seedFlag, wholeNumberFlag } from "../whole-number-flag.js";

/** The `fit` flags of randomisation inference. */
export interface RandomisationFlags {
  ri?: string;
  seed?: string;
  blocks?: string;
  strata?: string;
  arm?: string;
}

/** Adds --ri, --blocks, --strata and --arm to `fit` (--seed, shared with the bootstrap, is fit's own). */
export function addRandomisationOptions(command: Command): Command {
  return command
    .option("--ri <draws>", "randomisation inference for the arm: p-values and interval over this many assignments (all of them when the design allows no more)")
    .option("--blocks <column>", "with --ri: the permuted block of each row (re-randomised within blocks, keeping each block's treated count)")
    .option("--strata <column>", "with --ri: the stratum of each row (re-randomised within strata; blocks nest in strata)")
    .option("--arm <variable>", "with --ri: the 0/1 arm (default: the first variable after ~)");
}

/** The checked options, or undefined without --ri; the draws done are shown on the progress line (progress.ts). */
export function randomisationOptions(flags: RandomisationFlags, ctx: CommandContext): FitRandomisationOptions | undefined {
  if (flags.ri === undefined) {
    const stray = (["blocks", "strata", "arm"] as const).find((k) => flags[k] !== undefined);
    if (stray) throw inputError(`--${stray} is used by randomisation inference, which needs --ri`, { hint: "add --ri DRAWS --seed S, e.g. --ri 10000 --seed 20240101" });
    return undefined;
  }
  const draws = wholeNumberFlag("--ri", flags.ri, {}, "e.g. --ri 10000");
  if (flags.seed === undefined) throw inputError("--ri needs --seed, so that the re-randomisations can be repeated", { hint: "e.g. --ri 10000 --seed 20240101" });
  const seed = seedFlag(flags.seed);
  const onProgress = (done: number, total: number) => ctx.progress.step(`randomisation inference, ${workDone(done, total, "assignments")}`);
  return { draws, seed, blocks: flags.blocks, strata: flags.strata, arm: flags.arm, onProgress };
}
