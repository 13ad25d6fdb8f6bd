import { isAbsolute, resolve } from "node:path";
import { escapeControls, oneLine } from "@trialstat/core/errors";
import type { Interrupts } from "./interrupts.js";
import { type Progress, progressLine } from "./progress.js";

/** Where a command's text goes: process.stdout in the shell, a string buffer in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** A terminal: text from data is escaped before it reaches it (see `terminalSafe`). */
  isTTY?: boolean;
  /** A terminal's width in characters (the progress line is cut to it). */
  columns?: number;
}

/** Standard input, read whole when a command is given `-` for a file (`--data -`). */
export interface InputSource {
  /** Every byte, up to the end of the input. */
  read(): Promise<Uint8Array>;
  /** A terminal: nobody is piping data in. */
  isTTY?: boolean;
  /** Device and inode of the regular file standard input is redirected from (`< phq9.csv`), which no output may replace. */
  file?: FileIdentity;
}

/** A file as the file system knows it, whatever its name (a hard link or `< file` included). */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/**
 * Everything a command may touch outside its arguments. The binary passes the process's own; tests
 * pass buffers and a scratch folder, so the CLI runs in-process with no global state.
 */
export interface CliIO {
  /** Relative paths on the command line are relative to this folder. */
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Signals deferred while outputs are put in place (the binary passes the process's; see interrupts.ts). */
  interrupts?: Interrupts;
  /** Environment variables (the binary passes process.env): CI and TERM (progress.ts), and the test hook in test-padding.ts. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Standard input (the binary passes the process's; tests a string's bytes), for `--data -`. */
  stdin?: InputSource;
  /** Milliseconds, for the progress line's clock (default performance.now). */
  now?: () => number;
}

/**
 * One invocation: its IO, its exit code, the paths it resolves against `io.cwd`, and how chatty it
 * may be. With `--quiet` a command prints what it was asked for (a fit's table, scores, deviations,
 * the schema) and its errors and warnings, but no progress and none of the summaries and notes
 * (`summary`, `note`) that only say what happened.
 */
export class CommandContext {
  exitCode = 0;
  debug = false;
  quiet = false;
  /** The progress line of the command being run (progress.ts); off until `beginProgress`. */
  progress: Progress = progressLine({ write: () => undefined }, { command: "", quiet: true });
  constructor(readonly io: CliIO) {}

  /** Starts the progress line of `command` (when it may be shown at all: see progress.ts); a step's name from a plan is escaped as messages are. */
  beginProgress(command: string): void {
    const line = progressLine(this.io.stderr, { command, quiet: this.quiet, env: this.io.env, now: this.io.now });
    this.progress = { ...line, step: (text) => line.step(terminalSafe(text)) };
  }

  /** A path as given on the command line, made absolute against the invocation's folder. */
  path(p: string): string {
    return isAbsolute(p) ? p : resolve(this.io.cwd, p);
  }

  out(text: string): void {
    if (this.io.stdout.isTTY) this.progress.clear();
    this.io.stdout.write(this.io.stdout.isTTY ? terminalSafe(text) : text);
  }

  err(text: string): void {
    this.progress.clear();
    this.io.stderr.write(terminalSafe(text));
  }

  /** A warning on standard error, one line whatever it quotes (a file name, a value from the data). */
  warn(text: string): void {
    this.err(`warning: ${oneLine(text)}\n`);
  }

  /** Standard output that only reports what was done ("50 estimates written to out/"): not with --quiet. */
  summary(text: string): void {
    if (!this.quiet) this.out(text);
  }

  /** A message on standard error that is neither an error nor a warning (diagnostics, notices): not with --quiet. */
  note(text: string): void {
    if (!this.quiet) this.err(text);
  }
}

/**
 * Text with every control character other than tab and line feed written as `\r` or `\xNN` (or `\u{NNNN}` for
 * C1 and bidirectional controls), so that an escape sequence in a data value can never drive the
 * user's terminal. Messages always pass through here; standard output only when it is a terminal,
 * so that CSV and JSON piped to a file stay byte-exact.
 */
export function terminalSafe(text: string): string {
  return escapeControls(text, "\t\n");
}
