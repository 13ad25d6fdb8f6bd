import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { miniCopy } from "../sap/mini-copy.js";
import { runCli } from "./run-cli.js";

// An error is one located line and a hint line, whatever text from a file or an argument it quotes:
// a line break in that text is escaped, so that it cannot forge a line such as "conforms: …".
describe("error messages stay one line each", () => {
  const HINT = "hint: --results takes a results.json written by trialstat run; regenerate it with trialstat run SAP --out DIR\n";
  const FORGED = "x\nconforms: every result matches";

  it("when check, cba or lock read JSON that is not JSON: the fault's line and column, and nothing of the file's text", async () => {
    const dir = miniCopy();
    writeFileSync(join(dir, "inj.json"), FORGED);
    writeFileSync(join(dir, "economics.yaml"), "costs: {}\nvalues: {}\n");
    // the file's first character, "x", is where a value was expected: line 1, column 1
    const expected = `error: inj.json:1:1: not valid JSON (results): found "x" where a value was expected\n${HINT}`;
    for (const args of [["check", "sap.yaml", "--results", "inj.json"], ["cba", "--results", "inj.json", "--economics", "economics.yaml"]]) {
      const r = await runCli(args, { cwd: dir });
      expect([r.code, r.stdout, r.stderr]).toEqual([2, "", expected]);
    }
    writeFileSync(join(dir, "sap.yaml.lock"), '{"sap": "sap.yaml",\n  "sha256" "x"}');
    const lock = await runCli(["lock", "sap.yaml", "--force"], { cwd: dir });
    // line 2 is `  "sha256" "x"}`: the ":" was expected at its column 12
    expect(lock.code).toBe(2);
    expect(lock.stderr.split("\n")).toEqual([
      'error: sap.yaml.lock:2:12: not valid JSON (a SAP lock): found a quotation mark where ":" was expected',
      "hint: sap.yaml.lock is written by trialstat lock; restore it from version control (a lock is never edited by hand)",
      "",
    ]);
  });

  it("when the message quotes a name with a line break, from any command", async () => {
    const dir = miniCopy();
    writeFileSync(join(dir, "d.csv"), "y,x\n1,2\n2,3\n");
    const r = await runCli(["fit", "--data", "d.csv", "--formula", "y ~ `x\nconforms: yes`"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toEqual(['error: d.csv: no column named "x\\nconforms: yes" in d.csv', "hint: available columns: y, x", ""]);
  });

  it("when a formula with a line break is shown with a caret, which stays under the fault", async () => {
    const dir = miniCopy();
    writeFileSync(join(dir, "d.csv"), "y,x\n1,2\n2,3\n");
    // ")" is the formula's 9th character; in the escaped line "\n" takes two, so the caret is under column 10 of the text
    const r = await runCli(["fit", "--data", "d.csv", "--formula", "y ~ x\n+ ) error: forged"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")).toEqual(['error: formula does not parse: expected a variable but found ")" at position 9', "  y ~ x\\n+ ) error: forged", `  ${" ".repeat(9)}^`, ""]);
  });

  it("when commander refuses the command line: its error, then a hint naming the help to read, exit 2", async () => {
    for (const [args, error, hint] of [
      [["score", "--prefix", "x"], "error: unknown option '--prefix'", "hint: run trialstat score --help for its usage"],
      [["completion", "fish"], "error: command-argument value 'fish' is invalid for argument 'shell'. Allowed choices are bash, zsh.", "hint: run trialstat completion --help for its usage"],
      [["schema", "extra"], "error: too many arguments for 'schema'. Expected 0 arguments but got 1.", "hint: run trialstat schema --help for its usage"],
      [["nosuch"], "error: unknown command 'nosuch'", "hint: run trialstat --help for its commands"],
    ] as const) {
      const r = await runCli([...args]);
      expect([r.code, r.stdout, r.stderr.split("\n")]).toEqual([2, "", [error, hint, ""]]);
    }
  });
});
