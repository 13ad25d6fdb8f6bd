import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";

/**
 * The bad-input corpus: each folder in cases/ holds the files of one case (a CSV, a SAP, or edits of
 * the small trial in base/) and case.json with the command, the exit code and the exact message
 * fragments expected. Every case runs through the real CLI in a scratch folder. For failures the
 * rules of the README hold: "error: " and what/where on the first line of stderr, a hint, no stack
 * trace, nothing on stdout, and no output written.
 */
interface Case {
  args: string[];
  exit: number;
  stderr: string[];
  stdout: string[];
  base?: boolean;
  replace?: Record<string, [string, string][]>;
  append?: Record<string, string>;
  lock_then_replace?: Record<string, [string, string][]>;
  /** Files that must not exist afterwards (outputs of a failed command). */
  absent?: string[];
}

const root = repoPath("test/bad-input");
const names = readdirSync(join(root, "cases")).sort();

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

describe("bad-input corpus", () => {
  it("has at least 40 cases", async () => expect(names.length).toBeGreaterThanOrEqual(40));

  it.each(names)("%s", async (name) => {
    const caseDir = join(root, "cases", name);
    const c = JSON.parse(readFileSync(join(caseDir, "case.json"), "utf8")) as Case;
    const dir = mkdtempSync(join(tmpdir(), `trialstat-bad-${name}-`));
    if (c.base) cpSync(join(root, "base"), dir, { recursive: true });
    cpSync(caseDir, dir, { recursive: true, filter: (src) => !src.endsWith("case.json") });
    if (c.replace) edit(dir, c.replace);
    for (const [file, text] of Object.entries(c.append ?? {})) writeFileSync(join(dir, file), readFileSync(join(dir, file), "utf8") + text);
    if (c.lock_then_replace) {
      expect((await runCli(["lock", "sap.yaml"], { cwd: dir })).code).toBe(0);
      edit(dir, c.lock_then_replace);
    }

    const r = await runCli(c.args, { cwd: dir });
    const shown = `\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
    expect(r.code, `exit code${shown}`).toBe(c.exit);
    for (const f of c.stderr) expect(r.stderr, `stderr fragment${shown}`).toContain(f);
    for (const f of c.stdout) expect(r.stdout, `stdout fragment${shown}`).toContain(f);
    expect(r.stderr, "no stack trace").not.toMatch(/\n\s+at .*\.js:\d+/);
    if (c.exit === 1 || c.exit === 2) {
      expect(r.stderr.split("\n")[0]).toMatch(/^error: /);
      expect(r.stderr).toMatch(/\n\s*(hint: |  \S)/); // a hint follows
      if (c.args[0] !== "validate") expect(r.stdout).toBe("");
    }
    for (const f of c.absent ?? []) expect(existsSync(join(dir, f)), `${f} must not be written`).toBe(false);
  });
});
