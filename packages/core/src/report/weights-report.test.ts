import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { nonResponseWeights } from "../weights/non-response-weights.js";
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
    expect(header.split(/\s{2,}/)).toEqual(["cell", "n", "min", "Q1", "median", "Q3", "max", "CV", "deff", "eff. n", "cap", "above cap", "iterations"]);
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

describe("markdownTable", () => {
  it("escapes pipes and aligns numbers right", () => {
    expect(markdownTable(["a", "b"], [["x|y", "1"]])).toBe("| a | b |\n|:---|---:|\n| x\\|y | 1 |");
  });
});
