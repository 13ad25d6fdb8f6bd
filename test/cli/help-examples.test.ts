import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_SUMMARIES } from "../../packages/cli/src/summaries.js";
import { repoPath } from "../helpers.js";
import { runCli } from "./run-cli.js";

const commands = Object.keys(COMMAND_SUMMARIES);

/** The examples at the end of a help text: the commands after "$ ", in order. */
function examplesOf(help: string): string[] {
  const at = help.lastIndexOf("\nExamples:\n");
  expect(at, "an Examples section").toBeGreaterThan(0);
  const lines = help.slice(at + "\nExamples:\n".length).trimEnd().split("\n");
  return lines.filter((l) => l.startsWith("  $ ")).map((l) => l.slice(4));
}

/**
 * The arguments of `trialstat a "b c" d` — words, and double-quoted words without $, ` or \ —
 * or undefined for anything a shell must run (pipes, redirections, other commands).
 */
function plainWords(example: string): string[] | undefined {
  if (!/^trialstat( ([^\s"'|&;<>()$`\\]+|"[^"$`\\]*"))*$/.test(example)) return undefined;
  return [...example.matchAll(/"([^"]*)"|(\S+)/g)].slice(1).map((m) => m[1] ?? m[2]);
}

describe("every command's --help ends with examples", () => {
  it.each(["(the program)", ...commands])("%s", async (command) => {
    const args = command === "(the program)" ? ["--help"] : [command, "--help"];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    const at = r.stdout.lastIndexOf("\nExamples:\n");
    const section = r.stdout.slice(at + 1).trimEnd().split("\n").slice(1);
    // nothing follows but the examples: a comment, then its command, pair after pair (and the program's note)
    const pairs = command === "(the program)" ? section.slice(0, -2) : section;
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    pairs.forEach((line, k) => expect(line, line).toMatch(k % 2 === 0 ? /^ {2}# \S/ : /^ {2}\$ (\S+ )*\S*trialstat /));
    expect(examplesOf(r.stdout).length).toBe(pairs.length / 2);
  });
});

/**
 * Every example is run as written, in bash, in a copy of the files it names, with `trialstat` on
 * PATH running the built CLI: the examples of each command in turn, in the order --help lists the
 * commands (so `check --expected out/results.json` finds what `run` wrote), each ending with exit
 * code 0 and no error.
 */
describe("every example in --help runs", () => {
  const cli = repoPath("packages/cli/dist/index.js");
  const dir = mkdtempSync(join(tmpdir(), "trialstat-examples-"));
  const bin = join(dir, ".bin");

  it("as written, in order, from a copy of the repository's example files", async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "pnpm run build" first (pnpm test does this)`);
    for (const folder of ["examples/fit", "examples/score", "examples/weights", "examples/project-100", "examples/monitoring", "test/sap/mini", "examples/hlt/sap.yaml"]) cpSync(repoPath(folder), join(dir, folder), { recursive: true });
    mkdirSync(bin);
    writeFileSync(join(bin, "trialstat"), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
    chmodSync(join(bin, "trialstat"), 0o755);
    const env = { ...process.env, HOME: dir, PATH: `${bin}:${process.env.PATH}`, CI: "true" };

    const examples: string[] = [];
    for (const command of [undefined, ...commands]) examples.push(...examplesOf((await runCli(command ? [command, "--help"] : ["--help"])).stdout));
    expect(examples.length).toBeGreaterThanOrEqual(2 * commands.length);
    for (const example of examples) {
      // a plain command runs in-process (quicker); one with pipes, redirections or && in bash
      const words = plainWords(example);
      const r = words ? await runCli(words, { cwd: dir, env }) : spawnSync("bash", ["-c", `set -o pipefail; ${example}`], { cwd: dir, env, encoding: "utf8" });
      const code = "code" in r ? r.code : r.status;
      expect({ example, code, stderr: r.stderr.split("\n").filter((l) => /^(error|internal error):/.test(l)) }).toEqual({ example, code: 0, stderr: [] });
    }
    // what the examples say they write, they wrote
    for (const file of ["out/results.json", "out/report.html", "test/sap/mini/sap.yaml.lock", "sap-1.json", "weighted.csv", "weights.md", "scores.csv", ".zfunc/_trialstat", ".local/share/bash-completion/completions/trialstat"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
  }, 180_000);
});
