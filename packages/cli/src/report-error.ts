import { TrialstatError, excerptLines, oneLine } from "@trialstat/core/errors";
import type { CommandContext } from "./context.js";
import { Interrupted } from "./interrupts.js";
import { cliRemedy } from "./remedies.js";

/** Exit codes (README, "Exit codes"): 0 ok, 1 analysis error, 2 input or usage error, 3 conformance failure. */
export const EXIT = { ok: 0, analysis: 1, input: 2, conformance: 3 } as const;

/** Longest message line printed whole; a longer one (a 20 MB cell quoted in it, say) is cut in the middle. */
const MAX_LINE = 400;

/**
 * Reports an error on stderr: one line saying what and where (a formula's excerpt with a caret under
 * the fault after it), then the hint, its remedies worded as flags (remedies.ts); each one line, with
 * control characters escaped (messageLine). A stack trace only
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
    ctx.err(messageLine("error", `${where ? `${where}: ` : ""}${e.message}`));
    if (e.excerpt) ctx.err(`${excerptLines(e.excerpt).join("\n")}\n`);
    const hint = e.hintWith(cliRemedy);
    if (hint) ctx.err(messageLine("hint", hint));
    if (ctx.debug && e.stack) ctx.err(`${e.stack}\n`);
    return e.kind === "input" ? EXIT.input : EXIT.analysis;
  }
  const err = e as Error;
  ctx.err(messageLine("internal error", err?.message ?? String(e)));
  ctx.err(ctx.debug && err?.stack ? `${err.stack}\n` : "hint: this is a bug in trialstat; rerun with --debug and report the output\n");
  return EXIT.analysis;
}

/**
 * One line of a message, `label: text`: whatever made the text (a parser's excerpt of a file, a
 * column name, an argument), its line breaks and other control characters are escaped (oneLine), so
 * that it stays one line and cannot forge the lines around it; a long one is clipped.
 */
export function messageLine(label: string, text: string): string {
  return `${label}: ${clip(oneLine(text))}\n`;
}

/** A message line of at most MAX_LINE characters: a long one keeps its start and end around an elision that says how much was left out. */
export function clip(line: string): string {
  if (line.length <= MAX_LINE) return line;
  const keep = MAX_LINE / 2 - 20;
  return `${line.slice(0, keep)}… (${(line.length - 2 * keep).toLocaleString("en-GB")} characters left out) …${line.slice(-keep)}`;
}
