import { TrialstatError } from "@trialstat/core";

/** Exit codes (README, "Exit codes"): 0 ok, 1 analysis error, 2 input or usage error, 3 conformance failure. */
export const EXIT = { ok: 0, analysis: 1, input: 2 } as const;
export const EXIT_CONFORMANCE = 3;

let debug = false;
export function setDebug(on: boolean): void {
  debug = on;
}

/**
 * Reports an error on stderr: one line saying what and where, then the hint. A stack trace only
 * with --debug (or for an internal error, which is a bug in trialstat).
 */
export function reportError(e: unknown): number {
  if (e instanceof TrialstatError) {
    const where = e.where;
    process.stderr.write(`error: ${where ? `${where}: ` : ""}${e.message}\n`);
    if (e.hint) process.stderr.write(`${e.hint.startsWith("  ") ? e.hint : `hint: ${e.hint}`}\n`);
    if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
    return e.kind === "input" ? EXIT.input : EXIT.analysis;
  }
  const err = e as Error;
  process.stderr.write(`internal error: ${err?.message ?? String(e)}\n`);
  process.stderr.write(debug && err?.stack ? `${err.stack}\n` : "hint: this is a bug in trialstat; rerun with --debug and report the output\n");
  return EXIT.analysis;
}
