import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { nonResponseWeights } from "../weights/non-response-weights.js";
import { trimWeights } from "../weights/trim.js";
import { markdownTable } from "./markdown.js";
import { weightDiagnosticsMarkdown, weightDiagnosticsTable } from "./weights-report.js";

const table = parseCsv(readFileSync(repoPath("examples/weights/survey12.csv"), "utf8"), { source: "survey12.csv" });
const options = {
  response: "responded12",
  eligible: "eligible12",
  covariates: ["age_band", "female", "health"],
  within: ["group", "arm"],
  missingCovariates: "indicator",
} as const;

describe("weightDiagnosticsTable", () => {
  const text = weightDiagnosticsTable(nonResponseWeights(table, { ...options, method: "rake", trim: { cap: 2, percentile: 99 } }).diagnostics);
  const lines = text.split("\n");

  it("lays out response by cell as HLT Table 6.2: stacked within levels, then counts and rates, then a total", () => {
    const at = lines.indexOf("Response by cell (HLT Table 6.2 layout)");
    expect(lines[at + 1].split(/\s{2,}/)).toEqual(["group", "SCR IW", "SCR IW", "SCR OOW", "SCR OOW", "WMCA", "WMCA", "Total"]);
    expect(lines[at + 2].trim().split(/\s+/)).toEqual(["arm", "C", "T", "C", "T", "C", "T"]);
    expect(lines[at + 3]).toMatch(/^Eligible\s+149\s+150\s+220\s+217\s+217\s+220\s+1,173$/);
    expect(lines[at + 5]).toMatch(/^Response rate \(%\)\s+43\.6\s+57\.3\s+38\.2\s+42\.4\s+40\.1\s+37\.3\s+42\.3$/);
  });

  it("summarises the weights per cell and overall, with the cap and raking iterations", () => {
    const header = lines.find((l) => l.startsWith("cell "))!;
    expect(header.split(/\s{2,}/)).toEqual(["cell", "n", "min", "Q1", "median", "Q3", "max", "CV", "deff", "eff. n", "cap", "exceeded cap", "at cap after", "iterations"]);
    expect(lines.some((l) => /^All\s+496\s/.test(l))).toBe(true);
    expect(text).toContain("trimmed at 2 or the 99th percentile, whichever is lower");
  });

  it("shows balance before and after weighting", () => {
    expect(lines.find((l) => l.startsWith("covariate"))!.split(/\s{2,}/)).toEqual(["covariate", "eligible", "respondents", "weighted", "SMD before", "SMD after"]);
    expect(lines.some((l) => l.startsWith("age_band: (missing)"))).toBe(true);
  });
});

describe("weightDiagnosticsMarkdown", () => {
  it("has the same sections as Markdown tables, plus per-cell balance and the propensity models", () => {
    const md = weightDiagnosticsMarkdown(nonResponseWeights(table, { ...options, covariates: ["age", "health"], method: "logit" }).diagnostics);
    const headings = md.split("\n").filter((l) => l.startsWith("#"));
    expect(headings).toEqual(["# Non-response weights", "## Response by cell", "## Weights", "## Balance", "### Balance in each cell", "## Propensity models"]);
    expect(md).toContain("| group | SCR IW | SCR IW | SCR OOW | SCR OOW | WMCA | WMCA | Total |\n|:---|---:|");
    expect(md).toContain("| arm | C | T | C | T | C | T |  |");
    expect(md).toMatch(/\| age\\_missing \| -?\d/); // names escaped for Markdown
  });

  it("lists the weighting classes for --method cells", () => {
    const md = weightDiagnosticsMarkdown(nonResponseWeights(table, { ...options, covariates: ["female"], method: "cells" }).diagnostics);
    expect(md).toContain("## Weighting classes");
    expect(md).toMatch(/\| group=SCR IW, arm=C, female=0 \| \d+ \| \d+ \| [\d.]+ \|/);
  });
});

describe("trimming's counts in the report", () => {
  it("counts the weights that exceeded the cap and, apart, those at the cap after trimming", () => {
    // by hand: 1, 1, 2.4, 4.6 (total 9) capped at 2.5: 4.6 exceeds it; its excess 2.1 over the other
    // three (+0.7) lifts 2.4 to 3.1, so it is capped too, and the remaining 4 − 2 = 2 over two (+1): 2, 2, 2.5, 2.5
    const t = trimWeights([1, 1, 2.4, 4.6], 2.5);
    expect([...t.weights]).toEqual([2, 2, 2.5, 2.5]);
    expect([t.nAboveCap, t.nAtCap]).toEqual([1, 2]);
    const w = nonResponseWeights(table, { ...options, method: "rake", trim: { cap: 2 } });
    const md = weightDiagnosticsMarkdown(w.diagnostics);
    const header = md.split("\n").find((l) => l.startsWith("| cell |"))!.split("|").map((c) => c.trim());
    const all = md.split("\n").find((l) => l.startsWith("| All |"))!.split("|").map((c) => c.trim());
    // the "at cap after" total is the number of final weights equal to the cap, counted here from the weights
    expect(Number(all[header.indexOf("at cap after")])).toBe([...w.weights].filter((x) => x === 2).length);
    expect(Number(all[header.indexOf("exceeded cap")])).toBeLessThanOrEqual(Number(all[header.indexOf("at cap after")]));
    expect(md).toContain("Exceeded cap: weights above the cap before trimming. At cap after: weights equal to the cap after trimming");
  });
});

describe("markdownTable", () => {
  it("escapes pipes and aligns numbers right", () => {
    expect(markdownTable(["a", "b"], [["x|y", "1"]])).toBe("| a | b |\n|:---|---:|\n| x\\|y | 1 |");
  });
});
