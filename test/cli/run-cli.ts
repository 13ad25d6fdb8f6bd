import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { repoPath } from "../helpers.js";

const cli = repoPath("packages/cli/dist/index.js");

/** Runs the built CLI (`pnpm test` builds first) and returns its exit code and output. */
export function runCli(args: string[], options: { cwd?: string } = {}): { code: number; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "pnpm run build" first (pnpm test does this)`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: options.cwd ?? repoPath("."), encoding: "utf8" });
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
export function expectCliError(r: { code: number; stdout: string; stderr: string }, code: number, message: string, hint: string): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toContain(message);
  expect(r.stderr).toContain(hint);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
}
