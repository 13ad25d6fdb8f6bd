import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { coreSource, sourceFiles } from "./core-sources.js";

/**
 * The layering of packages/core/src (../shared/DESIGN.md, "Estimators and analyses"): imports run
 * downward only. stats/, effects/ and economics/ take plain inputs and never import analysis/, sap/ or report/;
 * and no module imports itself through a chain of others (no circle anywhere).
 */
const src = coreSource;


/** The relative imports of a module (static and dynamic, type-only included: a circle of types is still a circle of concepts). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

const files = sourceFiles(src);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
const layer = (f: string) => relative(src, f).split("/")[0];

describe("core's layering", () => {
  it("has no import from stats/ or effects/ up into analysis/, sap/ or report/", () => {
    const up = files.flatMap((f) => (["stats", "effects", "economics"].includes(layer(f)) ? graph.get(f)!.filter((t) => ["analysis", "sap", "report"].includes(layer(t))).map((t) => `${relative(src, f)} → ${relative(src, t)}`) : []));
    expect(up).toEqual([]);
  });

  it("has no circle of imports", () => {
    // Tarjan's strongly connected components: any component of two or more modules is a circle
    let index = 0;
    const at = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string) => {
      at.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v)!) {
        if (!at.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, at.get(w)!));
      }
      if (low.get(v) === at.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(relative(src, w));
        } while (w !== v);
        if (component.length > 1 || graph.get(v)!.includes(v)) circles.push(component.sort());
      }
    };
    for (const f of files) if (!at.has(f)) visit(f);
    expect(circles).toEqual([]);
  });

  it("reads every module (the test sees the tree it guards)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => layer(f) === "effects")).toBe(true);
  });
});
