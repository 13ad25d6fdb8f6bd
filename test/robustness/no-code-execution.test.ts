import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv, parseSap, runPlan } from "@trialstat/core";
import { repoPath } from "../helpers.js";

/** Every .ts file under a folder (tests excluded). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = join(dir, f);
    if (statSync(full).isDirectory()) return sources(full);
    return f.endsWith(".ts") && !f.endsWith(".test.ts") ? [full] : [];
  });
}

describe("input is never code", () => {
  it("no source file calls eval, Function or a template engine", () => {
    const files = [...sources(repoPath("packages/core/src")), ...sources(repoPath("packages/cli/src"))];
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const text = readFileSync(f, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(text, f).not.toMatch(/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|\brequire\s*\(|\bimport\s*\(\s*[^"'`]/);
    }
    const manifests = ["packages/core/package.json", "packages/cli/package.json"].map((p) => JSON.parse(readFileSync(repoPath(p), "utf8")));
    for (const m of manifests) for (const dep of Object.keys(m.dependencies ?? {})) expect(dep).not.toMatch(/handlebars|mustache|ejs|nunjucks|lodash\.template|vm2/);
  });

  it("reads columns named __proto__, constructor and toString as ordinary columns", () => {
    const t = parseCsv("__proto__,constructor,toString,hasOwnProperty\n1,2,3,x\n4,5,6,y\n");
    expect(t.columnNames).toEqual(["__proto__", "constructor", "toString", "hasOwnProperty"]);
    expect(Array.from(t.column("__proto__").values as Float64Array)).toEqual([1, 4]);
    expect(Array.from(t.column("constructor").values as Float64Array)).toEqual([2, 5]);
    expect(t.hasColumn("valueOf")).toBe(false);
    expect(() => t.column("valueOf")).toThrow('no column named "valueOf"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps SAP keys such as __proto__ and constructor as data, without touching prototypes", () => {
    const sap = readFileSync(repoPath("test/bad-input/base/sap.yaml"), "utf8").replace(
      "      age: { type: number }",
      "      age: { type: number }\n      __proto__: { type: number, polluted: true }\n      constructor: { type: string }",
    );
    const parsed = parseSap(sap, "sap.yaml");
    expect(parsed.problems.map((p) => p.message)).toEqual(['unknown key "polluted"']);
    const clean = parseSap(sap.replace(", polluted: true", ""), "sap.yaml");
    expect(clean.problems).toEqual([]);
    expect(Object.keys(clean.sap!.sources.baseline.columns!)).toEqual(["randomised_on", "arm", "age", "__proto__", "constructor"]);
    expect(Object.getPrototypeOf(clean.sap!.sources.baseline.columns)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("runs a plan whose data have columns named __proto__ and constructor", () => {
    const dir = repoPath("test/bad-input/base");
    const baseline = readFileSync(join(dir, "data/baseline.csv"), "utf8").replace(",x1,x2\n", ",__proto__,constructor\n");
    const sap = readFileSync(join(dir, "sap.yaml"), "utf8").replace("variables: [age]", "variables: [age, __proto__, constructor]");
    const run = runPlan({ sapText: sap, sapFile: "sap.yaml", readFile: (f) => (f === "data/baseline.csv" ? baseline : readFileSync(join(dir, f), "utf8")) });
    expect(run.results.rows.length).toBeGreaterThan(0);
    expect(run.results.settings.covariates).toEqual(["age", "__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
