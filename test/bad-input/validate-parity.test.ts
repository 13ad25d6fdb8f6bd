import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { caseNames, expand, prepareCase, readCase } from "./cases.js";

/**
 * `validate` finds whatever `run` would stop on: for every case of the corpus whose `run` or
 * `validate` fails, both fail on the same files with the same exit code, and validate lists the
 * problem (every message fragment the case expects appears in validate's list).
 */
const failingRuns = caseNames.filter((name) => {
  const c = readCase(name);
  return (c.args[0] === "run" || c.args[0] === "validate") && c.exit !== 0;
});

describe("validate catches what run rejects", () => {
  it("has run cases to compare", () => expect(failingRuns.length).toBeGreaterThanOrEqual(10));

  it.each(failingRuns)("%s", async (name) => {
    const c = readCase(name);
    const dir = await prepareCase(name, c);
    const sap = expand(c, c.args[1]);
    const run = await runCli(["run", sap, "--out", "out"], { cwd: dir });
    expect(run.code, run.stderr).toBe(c.exit);
    expect(run.stderr.split("\n")[0]).toMatch(/^error: /);
    const validate = await runCli(["validate", sap], { cwd: dir });
    const shown = `\n--- run ---\n${run.stderr}\n--- validate ---\n${validate.stderr}`;
    expect(validate.code, `validate's exit code${shown}`).toBe(run.code);
    for (const f of c.stderr) expect(validate.stderr, `validate lists run's problem${shown}`).toContain(f);
  });
});
