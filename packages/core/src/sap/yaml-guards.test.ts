import { describe, expect, it } from "vitest";
import { parseSap } from "./parse.js";
import { MAX_YAML_DEPTH, plainDataProblems, yamlTooDeep } from "./yaml-guards.js";

describe("YAML guards", () => {
  it("measures nesting on the tokens, for flow and block collections, 100,000 deep", () => {
    expect(yamlTooDeep(`a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toEqual({ line: 1, column: 4 + MAX_YAML_DEPTH - 1, depth: MAX_YAML_DEPTH + 1 });
    expect(yamlTooDeep(`a:\n  ${"- ".repeat(100_000)}x\n`)?.line).toBe(2);
    expect(yamlTooDeep(`a: ${"{b: ".repeat(100_000)}1${"}".repeat(100_000)}`)?.depth).toBe(MAX_YAML_DEPTH + 1);
    expect(yamlTooDeep(`a: ${"[".repeat(MAX_YAML_DEPTH - 1)}${"]".repeat(MAX_YAML_DEPTH - 1)}`)).toBeUndefined();
  });

  it("sees nesting the parser builds only once a collection closes: a flow collection that is a mapping's key", () => {
    // the mapping is made when ":" follows the closed brackets, so 64 brackets are never open beside it
    const key = (d: number) => `${"[".repeat(d)}${"]".repeat(d)}: x\n`;
    expect(yamlTooDeep(key(MAX_YAML_DEPTH))).toEqual({ line: 1, column: MAX_YAML_DEPTH, depth: MAX_YAML_DEPTH + 1 });
    expect(yamlTooDeep(key(MAX_YAML_DEPTH - 1))).toBeUndefined();
  });

  it("finds non-finite numbers, alias cycles and nesting through aliases in the data", () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(plainDataProblems({ a: { b: [1, Infinity] }, c: NaN }).map((p) => [p.path, p.message])).toEqual([
      [["a", "b", 1], "is not a finite number (infinite: .inf, or too large)"],
      [["c"], "is not a finite number (.nan)"],
    ]);
    expect(plainDataProblems({ x: cyclic })[0].path).toEqual(["x", 0]);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(plainDataProblems(deep)[0].message).toContain(`more than ${MAX_YAML_DEPTH} levels`);
  });

  it("makes them located SAP problems", () => {
    const deep = parseSap(`trialstat: 1\ntitle: ${"[".repeat(100_000)}\n`, "sap.yaml");
    expect(deep.sap).toBeUndefined();
    expect(deep.problems).toEqual([expect.objectContaining({ file: "sap.yaml", line: 2, message: `not a SAP: the YAML nests more than ${MAX_YAML_DEPTH} levels deep here` })]);
    const inf = parseSap("trialstat: 1\nn: 1e400\nm: -.inf\n", "sap.yaml");
    expect(inf.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`)).toEqual(["2: n: is not a finite number (infinite: .inf, or too large)", "3: m: is not a finite number (infinite: .inf, or too large)"]);
  });
});
