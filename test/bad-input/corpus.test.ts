import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { caseNames as names, expand, prepareCase, readCase } from "./cases.js";

/**
 * The bad-input corpus: each folder in cases/ holds the files of one case (a CSV, a SAP, or edits of
 * the small trial in base/) and case.json with the command, the exit code and the exact message
 * fragments expected (the format: cases.ts). Every case runs through the real CLI in a scratch
 * folder. For failures the rules of the README hold: "error: " and what/where on the first line of
 * stderr, a hint, no stack trace, nothing on stdout, and no output written.
 */
describe("bad-input corpus", () => {
  it("has at least 40 cases", async () => expect(names.length).toBeGreaterThanOrEqual(40));

  it.each(names)("%s", async (name) => {
    const c = readCase(name);
    const dir = await prepareCase(name, c);

    const r = await runCli(c.args.map((a) => expand(c, a)), { cwd: dir });
    const shown = `\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
    expect(r.code, `exit code${shown}`).toBe(c.exit);
    for (const f of c.stderr) expect(r.stderr, `stderr fragment${shown}`).toContain(f);
    for (const f of c.stdout) expect(r.stdout, `stdout fragment${shown}`).toContain(f);
    expect(r.stderr, "no stack trace").not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(r.stderr, "never an internal error").not.toContain("internal error");
    if (c.exit === 1 || c.exit === 2) {
      expect(r.stderr.split("\n")[0]).toMatch(/^error: /);
      expect(r.stderr).toMatch(/\n\s*(hint: |  \S)/); // a hint follows
      if (c.args[0] !== "validate") expect(r.stdout).toBe("");
    }
    for (const f of c.absent ?? []) expect(existsSync(join(dir, f)), `${f} must not be written`).toBe(false);
  });
});
