import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, it } from "vitest";
import { TrialstatError, parseCsv, runPlan, validatePlan } from "@trialstat/core";
import { repoPath } from "../helpers.js";

/**
 * Fuzzing: random mutations of a valid plan and its data (characters deleted, inserted or
 * replaced, lines dropped, doubled, swapped or re-indented, the file cut short). Whatever the
 * mutation, trialstat must either succeed or fail with a TrialstatError — a located message —
 * never an uncaught TypeError or RangeError.
 */
const dir = repoPath("test/bad-input/base");
const base = {
  sap: readFileSync(join(dir, "sap.yaml"), "utf8"),
  "data/baseline.csv": readFileSync(join(dir, "data/baseline.csv"), "utf8"),
  "data/survey.csv": readFileSync(join(dir, "data/survey.csv"), "utf8"),
};
type Target = keyof typeof base;

const tokens = [",", '"', "\n", "\r\n", ":", " ", "  ", "-", "#", "{", "}", "[", "]", "*a", "&a", "NA", "-9", "1e309", "NaN", "0", "é", "\u0000", "\uFEFF", "__proto__", "constructor", "T", "C", "2021-02-30", "yes"];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(...tokens) }),
  fc.record({ kind: fc.constant("line" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), op: fc.constantFrom("drop", "double", "swap", "indent", "dedent") }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, m: Mutation): string {
  const pos = Math.floor(m.at * text.length);
  switch (m.kind) {
    case "delete":
      return text.slice(0, pos) + text.slice(pos + m.length);
    case "insert":
      return text.slice(0, pos) + m.text + text.slice(pos);
    case "replace":
      return text.slice(0, pos) + m.text + text.slice(pos + 1);
    case "truncate":
      return text.slice(0, pos);
    case "line": {
      const lines = text.split("\n");
      const i = Math.min(lines.length - 1, Math.floor(m.at * lines.length));
      if (m.op === "drop") lines.splice(i, 1);
      else if (m.op === "double") lines.splice(i, 0, lines[i]);
      else if (m.op === "swap" && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      else if (m.op === "indent") lines[i] = `  ${lines[i]}`;
      else lines[i] = lines[i].replace(/^ {1,2}/, "");
      return lines.join("\n");
    }
  }
}

function clean(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (e instanceof TrialstatError) return;
    throw e;
  }
}

describe("fuzzing the plan and its data", () => {
  it("every mutated input either runs or fails with a located, clean error", () => {
    fc.assert(
      fc.property(fc.constantFrom<Target>("sap", "data/baseline.csv", "data/survey.csv"), fc.array(mutation, { minLength: 1, maxLength: 4 }), (target, mutations) => {
        const files = { ...base };
        files[target] = mutations.reduce(apply, files[target]);
        const input = { sapText: files.sap, sapFile: "sap.yaml", readFile: (f: string) => files[f as Target] ?? "" };
        clean(() => validatePlan(input));
        clean(() => runPlan(input));
      }),
      { numRuns: 400 },
    );
  });

  it("every mutated CSV either parses or fails with a located, clean error", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const text = mutations.reduce(apply, base["data/survey.csv"]);
        clean(() => parseCsv(text, { source: "survey.csv" }));
      }),
      { numRuns: 1000 },
    );
  });
});
