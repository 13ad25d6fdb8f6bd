import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flattenRow, runPlan } from "@trialstat/core";
import { expectClose, readJson, repoPath } from "../helpers.js";

// test/oracle/sap.R re-implements the whole mini plan in R (linkage, administrative windows,
// recodes, missing indicators, lm_robust HC2, subgroup contrasts, linearHypothesis, p.adjust).
const oracle = readJson<{ rows: Record<string, string | number | null>[] }>("test/oracle/sap.json");
const dir = repoPath("test/sap/mini");
const run = runPlan({ sapText: readFileSync(join(dir, "sap.yaml"), "utf8"), sapFile: "sap.yaml", readFile: (f) => readFileSync(join(dir, f), "utf8") });

describe("trialstat run agrees with an independent R implementation of the mini plan", () => {
  it("has the same rows in the same order", () => {
    expect(run.results.rows.map((r) => [r.population, r.outcome, r.subgroup, r.level])).toEqual(oracle.rows.map((r) => [r.population, r.outcome, r.subgroup, r.level]));
  });

  it.each(oracle.rows.map((r, i) => [`${r.population} / ${r.outcome} / ${r.subgroup ?? "overall"} ${r.level ?? ""}`, i] as const))("%s", (_label, i) => {
    const want = oracle.rows[i];
    const got = flattenRow(run.results.rows[i]);
    for (const field of Object.keys(want)) {
      if (["population", "outcome", "subgroup", "level"].includes(field)) continue;
      const tol = field === "estimate" || field === "effect" || field === "effect_size" || field.endsWith("_mean") ? 1e-8 : 1e-6;
      expectClose(got[field] as number | null, want[field] as number | null, tol, `${_label}: ${field}`, 1e-12);
    }
  });
});
