import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flattenRow, randomStream, runPlan, shuffleInPlace } from "@trialstat/core";
import { repoPath } from "../helpers.js";

const dir = repoPath("test/sap/mini");
const sapText = readFileSync(join(dir, "sap.yaml"), "utf8");
const files = new Map(readdirSync(join(dir, "data")).map((f) => [`data/${f}`, readFileSync(join(dir, "data", f), "utf8")]));

/** The rows in a seeded random order (core's Fisher–Yates), so the test is reproducible. */
function shuffledRows(text: string, seed: number): string {
  const [header, ...rows] = text.trimEnd().split("\n");
  shuffleInPlace(randomStream(seed, "test-shuffle-rows"), rows);
  return `${[header, ...rows].join("\n")}\n`;
}

function run(read: (f: string) => string) {
  return runPlan({ sapText, sapFile: "sap.yaml", readFile: read });
}

describe("determinism", () => {
  const original = run((f) => files.get(f)!);

  it("gives byte-identical results for the same inputs", () => {
    const again = run((f) => files.get(f)!);
    expect(JSON.stringify(again.results)).toBe(JSON.stringify(original.results));
    expect(JSON.stringify(again.flow)).toBe(JSON.stringify(original.flow));
  });

  it.each([1, 2, 3])("gives the same estimates, to 1e-10, when every input's rows are shuffled (seed %i)", (seed) => {
    const shuffled = run((f) => shuffledRows(files.get(f)!, seed * 7919 + f.length));
    const key = (r: { population?: unknown; outcome?: unknown; subgroup?: unknown; level?: unknown }) => `${r.population}/${r.outcome}/${r.subgroup}/${r.level}`;
    const byKey = new Map(shuffled.results.rows.map((r) => [key(r), flattenRow(r)]));
    expect(shuffled.results.rows.length).toBe(original.results.rows.length);
    for (const want of original.results.rows.map(flattenRow)) {
      const got = byKey.get(key(want))!;
      for (const [field, value] of Object.entries(want)) {
        if (typeof value === "number") {
          const scale = Math.max(Math.abs(value), 1e-12);
          expect(Math.abs((got[field] as number) - value) / scale, `${key(want)} ${field}`).toBeLessThan(1e-10);
        } else {
          expect(got[field], `${key(want)} ${field}`).toEqual(value);
        }
      }
    }
    expect(shuffled.flow.outcomes).toEqual(original.flow.outcomes);
  });
});
