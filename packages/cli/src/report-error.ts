import { TrialstatError } from "@trialstat/core/errors";
import type { CommandContext } from "./context.js";
import { Interrupted } from "./interrupts.js";
import { cliRemedy } from "./remedies.js";

/** Exit codes (README, "Exit codes"): 0 ok, 1 analysis error, 2 input or usage error, 3 conformance failure. */
export const EXIT = { ok: 0, analysis: 1, input: 2, conformance: 3 } as const;

/** Longest message line printed whole; a longer one (a 20 MB cell quoted in it, say) is cut in the middle. */
const MAX_LINE = 400;

/**
 * Reports an error on stderr: one line saying what and where, then the hint, its remedies worded as
 * flags (remedies.ts). A stack trace only
 * with --debug (or for an internal error, which is a bug in trialstat). A run stopped by a signal
 * (interrupts.ts) gets one line and the exit code 128 + the signal's number.
 */
export function reportError(e: unknown, ctx: CommandContext): number {
  if (e instanceof Interrupted) {
    ctx.err(`interrupted (${e.signal}): ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof TrialstatError) {
    const where = e.where;
    ctx.err(`error: ${clip(`${where ? `${where}: ` : ""}${e.message}`)}\n`);
    const hint = e.hintWith(cliRemedy);
    if (hint) ctx.err(`${hint.startsWith("  ") ? hint : `hint: ${clip(hint)}`}\n`);
    if (ctx.debug && e.stack) ctx.err(`${e.stack}\n`);
    return e.kind === "input" ? EXIT.input : EXIT.analysis;
  }
  const err = e as Error;
  ctx.err(`internal error: ${clip(err?.message ?? String(e))}\n`);
  ctx.err(ctx.debug && err?.stack ? `${err.stack}\n` : "hint: this is a bug in trialstat; rerun with --debug and report the output\n");
  return EXIT.analysis;
}

/** A message line of at most MAX_LINE characters: a long one keeps its start and end around an elision that says how much was left out. */
export function clip(line: string): string {
  if (line.length <= MAX_LINE) return line;
  const keep = MAX_LINE / 2 - 20;
  return `${line.slice(0, keep)}… (${(line.length - 2 * keep).toLocaleString("en-GB")} characters left out) …${line.slice(-keep)}`;
}
