import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { CliIO } from "../../packages/cli/src/context.js";
import type { Interrupts } from "../../packages/cli/src/interrupts.js";
import { main } from "../../packages/cli/src/main.js";
import { repoPath } from "../helpers.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process (its `main(argv, io)` entry, from source) with `cwd` as its folder, and
 * returns its exit code and output: what a user would see, without starting a process.
 */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: CliIO["env"]; interrupts?: Interrupts; stdin?: string | Uint8Array; io?: Partial<CliIO> } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const input = typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : options.stdin;
  const code = await main(args, {
    cwd: options.cwd ?? repoPath("."),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: options.env,
    interrupts: options.interrupts,
    ...(input && { stdin: { read: async () => input, isTTY: false } }),
    ...options.io,
  });
  return { code, stdout, stderr };
}

const cli = repoPath("packages/cli/dist/index.js");

/** Runs the built binary in a process (`pnpm test` builds first): only for the few tests of the binary itself (process wiring, signals, umask, standard input). */
export function spawnCli(args: string[], options: { cwd?: string; input?: string | Uint8Array } = {}): CliRun {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "pnpm run build" first (pnpm test does this)`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? repoPath("."), encoding: "utf8", input: options.input });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes files into a fresh temporary directory and returns its path. */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * Checks a failed run: the exit code, nothing on stdout, one "error: " line containing the message,
 * a hint containing the given text, and no stack trace.
 */
export function expectCliError(r: CliRun, code: number, message: string, hint: string): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toContain(message);
  expect(r.stderr).toContain(hint);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.[jt]s:\d+/); // no stack trace
}

/** stderr holding nothing but warnings, one `warning: …` line each (fit writes its warnings there in every format). */
export const ONLY_WARNINGS = /^(warning: [^\n]*\n)*$/;
