import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";

/**
 * One case of the bad-input corpus (cases/NN-name/case.json): the files of the case (a CSV, a SAP,
 * or edits of the small trial in base/), the command, its exit code and the exact message
 * fragments expected.
 */
export interface Case {
  args: string[];
  exit: number;
  stderr: string[];
  stdout: string[];
  base?: boolean;
  replace?: Record<string, [string, string][]>;
  append?: Record<string, string>;
  /** Files written with this text (after the case's own files are copied). */
  files?: Record<string, string>;
  /** Symbolic links: path in the case's folder → what it points to. */
  links?: Record<string, string>;
  /** Named pipes (FIFOs) to make. */
  fifos?: string[];
  /** Folders to make (e.g. a folder where a file is expected). */
  folders?: string[];
  /** Long texts made by repetition, used as {{NAME}} in args and files: NAME → [text, times]. */
  repeat?: Record<string, [string, number]>;
  lock_then_replace?: Record<string, [string, string][]>;
  /** Commands run (each must succeed) after every edit, before the case's own command. */
  before?: string[][];
  /** Files that must not exist afterwards (outputs of a failed command). */
  absent?: string[];
}

export const casesRoot = repoPath("test/bad-input");
export const caseNames = readdirSync(join(casesRoot, "cases")).sort();

export function readCase(name: string): Case {
  return JSON.parse(readFileSync(join(casesRoot, "cases", name, "case.json"), "utf8")) as Case;
}

function edit(dir: string, edits: Record<string, [string, string][]>): void {
  for (const [file, pairs] of Object.entries(edits)) {
    let text = readFileSync(join(dir, file), "utf8");
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`case edit: "${from}" not found in ${file}`);
      text = text.split(from).join(to);
    }
    writeFileSync(join(dir, file), text);
  }
}

/** The case's text with each {{NAME}} replaced by its repeated text. */
export function expand(c: Case, text: string): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_m, name: string) => {
    const r = c.repeat?.[name];
    if (!r) throw new Error(`case: no repeat named ${name}`);
    return r[0].repeat(r[1]);
  });
}

/** Lays out a case in a fresh scratch folder (base trial, the case's files, edits, links, pipes) and runs its `before` commands. */
export async function prepareCase(name: string, c: Case = readCase(name)): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `trialstat-bad-${name}-`));
  if (c.base) cpSync(join(casesRoot, "base"), dir, { recursive: true });
  cpSync(join(casesRoot, "cases", name), dir, { recursive: true, filter: (src) => !src.endsWith("case.json") });
  for (const [file, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), expand(c, text));
  }
  if (c.replace) edit(dir, c.replace);
  for (const [file, text] of Object.entries(c.append ?? {})) writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8") + text);
  for (const [link, target] of Object.entries(c.links ?? {})) symlinkSync(target, join(dir, link));
  for (const fifo of c.fifos ?? []) execFileSync("mkfifo", [join(dir, fifo)]);
  for (const folder of c.folders ?? []) mkdirSync(join(dir, folder), { recursive: true });
  if (c.lock_then_replace) {
    expect((await runCli(["lock", "sap.yaml"], { cwd: dir })).code).toBe(0);
    edit(dir, c.lock_then_replace);
  }
  for (const args of c.before ?? []) {
    const r = await runCli(args, { cwd: dir });
    expect(r.code, `before: trialstat ${args.join(" ")}\n${r.stderr}`).toBe(0);
  }
  return dir;
}
