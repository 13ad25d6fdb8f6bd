import { isAbsolute, resolve } from "node:path";
import type { Interrupts } from "./interrupts.js";

/** Where a command's text goes: process.stdout in the shell, a string buffer in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** A terminal: text from data is escaped before it reaches it (see `terminalSafe`). */
  isTTY?: boolean;
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
  /** Environment variables (the binary passes process.env); read only by the test hook in test-padding.ts. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** One invocation: its IO, its exit code, and the paths it resolves against `io.cwd`. */
export class CommandContext {
  exitCode = 0;
  debug = false;
  constructor(readonly io: CliIO) {}

  /** A path as given on the command line, made absolute against the invocation's folder. */
  path(p: string): string {
    return isAbsolute(p) ? p : resolve(this.io.cwd, p);
  }

  out(text: string): void {
    this.io.stdout.write(this.io.stdout.isTTY ? terminalSafe(text) : text);
  }

  err(text: string): void {
    this.io.stderr.write(terminalSafe(text));
  }
}

/**
 * Text with every control character other than tab and line feed written as `\xNN` (or `\u{NNNN}` for
 * C1 and bidirectional controls), so that an escape sequence in a data value can never drive the
 * user's terminal. Messages always pass through here; standard output only when it is a terminal,
 * so that CSV and JSON piped to a file stay byte-exact.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
