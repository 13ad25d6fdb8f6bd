import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { csvQuote, headlineTable, parseSap, reportSettings, resultsFromJson } from "@trialstat/core";
import { miniCopy } from "../sap/mini-copy.js";
import { expectCliError, runCli } from "./run-cli.js";

/**
 * `trialstat reproduce` on the mini plan (test/sap/mini): its headline table, as `run` prints it,
 * typed back in as a published table (the verdicts of every printed form and the numbers behind
 * them are tested in packages/core/src/reproduce; the example study's published tables in
 * examples/hlt/example.test.ts). Here: the command's inputs, outputs and exit codes, the SAP's
 * published section, the report's section, and located errors.
 */
const HEADER = "population,outcome,subgroup,level,statistic,printed";
let dir: string;
let cells: number;

beforeAll(async () => {
  dir = miniCopy();
  const run = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const results = resultsFromJson(readFileSync(join(dir, "out/results.json"), "utf8"), "results.json", "results");
  const decimals = reportSettings(parseSap(readFileSync(join(dir, "sap.yaml"), "utf8")).sap!.output).decimals;
  const table = headlineTable(results, decimals);
  const lines = [HEADER];
  for (const row of table.rows) {
    table.columns.slice(1).forEach((column, j) => lines.push([row.cells[0].text, column.header[0], "", "", "estimate", csvQuote(row.cells[j + 1].text)].join(",")));
  }
  cells = lines.slice(1).reduce((n, l) => n + (/\*"?$/.test(l) ? 2 : 1), 0);
  writeFileSync(join(dir, "published.csv"), `${lines.join("\n")}\n`);
  // one typo: the first effect's whole part one higher (16.6ppt → 17.6ppt)
  writeFileSync(join(dir, "typo.csv"), `${lines[0]}\n${lines[1].replace(/estimate,(\d+)/, (_, n: string) => `estimate,${Number(n) + 1}`)}\n${lines.slice(2).join("\n")}\n`);
  writeFileSync(join(dir, "bad.csv"), `${HEADER}\nSCR,Employment,,,estimate,16.6ppt\nSCR,Employment,,,std_error,"1,5"\n`);
  writeFileSync(join(dir, "with-published.yaml"), `${readFileSync(join(dir, "sap.yaml"), "utf8")}published: { file: published.csv }\n`);
  writeFileSync(join(dir, "with-bad.yaml"), `${readFileSync(join(dir, "sap.yaml"), "utf8")}published: { file: bad.csv, stars: { "*": 0.1, "**": 0.05, "***": 0.01 } }\n`);
});

describe("trialstat reproduce", () => {
  it("reproduces what run printed: a table on stdout, exit 0", async () => {
    const r = await runCli(["reproduce", "sap.yaml", "--published", "published.csv", "--results", "out/results.json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("published.csv against out/results.json:");
    expect(lines[2]).toMatch(/^line\s+population\s+outcome\s+statistic\s+printed\s+recomputed\s+verdict\s+difference$/);
    expect(lines[3]).toMatch(/^ {3}2\s+SCR\s+Employment\s+estimate\s+\d+\.\dppt\s+\d+\.\d{3}ppt\s+reproduced\s+[+−]0\.\d{3} \([+−]?\d\.\d\d SE\)$/);
    expect(r.stdout).toContain(`${cells} cells: ${cells} reproduced, 0 within rounding, 0 not reproduced, 0 not found (stars * p < 0.1, ** p < 0.05, *** p < 0.01; 95% intervals)\n`);
  });

  it("runs the plan when no results are given, and prints JSON with --json", async () => {
    const text = await runCli(["reproduce", "sap.yaml", "--published", "published.csv"], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split("\n")[0]).toBe("published.csv against the results of sap.yaml, run now:");
    const r = await runCli(["reproduce", "sap.yaml", "--published", "published.csv", "--results", "out/results.json", "--json"], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["published", "results", "cells", "summary"]);
    expect(doc.cells).toHaveLength(cells);
    expect(Object.keys(doc.cells[0])).toEqual([
      "line", "population", "outcome", "subgroup", "level", "statistic", "printed", "verdict", "recomputed", "recomputed_text", "difference", "difference_se", "note", "population_id", "outcome_id",
    ]);
    expect(doc.cells[0]).toMatchObject({ line: 2, population: "SCR", outcome: "Employment", subgroup: null, level: null, statistic: "estimate", verdict: "reproduced", population_id: "scr", outcome_id: "employed13w" });
    expect(doc.summary).toEqual({ cells, reproduced: cells, rounding: 0, not_reproduced: 0, not_found: 0, all_reproduced: true, stars: "* p < 0.1, ** p < 0.05, *** p < 0.01", confidence: 0.95 });
  });

  it("exits 3 when a cell does not reproduce, saying how many on stderr", async () => {
    const r = await runCli(["reproduce", "sap.yaml", "--published", "typo.csv", "--results", "out/results.json"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/\n {3}2\s+SCR\s+Employment\s+estimate\s+\d+\.\dppt\s+\d+\.\d{3}ppt\s+not reproduced\s+−[01]\.\d{3} \(−\d+\.\d\d SE\)\n/);
    expect(r.stderr).toBe(`1 of ${cells} published cells not reproduced (0 within rounding, 1 not reproduced, 0 not found)\n`);
  });

  it("says when the results are another trial's (another registration), not another version of this plan", async () => {
    const other = readFileSync(join(dir, "sap.yaml"), "utf8").replace("ISRCTN00000001", "ISRCTN99999999");
    expect(other).toContain("ISRCTN99999999");
    writeFileSync(join(dir, "other-trial.yaml"), other);
    const r = await runCli(["reproduce", "other-trial.yaml", "--published", "published.csv", "--results", "out/results.json"], { cwd: dir });
    expect(r.stderr).toContain("warning: out/results.json was computed from another plan (registration ISRCTN00000001; other-trial.yaml is ISRCTN99999999)\n");
    expect(r.stderr).not.toContain("another version");
  });

  it("reads the table a SAP's published section names, and run adds a section to the report", async () => {
    const r = await runCli(["reproduce", "with-published.yaml", "--results", "out/results.json"], { cwd: dir });
    expect(r.stderr).toContain("warning: out/results.json was computed from another version of the plan");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("published.csv against out/results.json:");
    const run = await runCli(["run", "with-published.yaml", "--out", "out2"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`published table published.csv: ${cells} cells: ${cells} reproduced, 0 within rounding`);
    const html = readFileSync(join(dir, "out2/report.html"), "utf8");
    expect(html).toContain('<section id="reproduction" class="new-page part-further">\n<h2><span class="part">Further analyses: </span>Reproduction of the published table</h2>');
    expect(html).toMatch(/<td class="r tone-good">\d+\.\dppt<\/td>/);
    expect(html).toMatch(/<td class="l tone-good">reproduced<\/td>/);
    expect(readFileSync(join(dir, "out2/tables/reproduction.csv"), "utf8").split("\n")[0]).toBe("Line,Population,Outcome,Statistic,Published,Recomputed,Verdict,Difference");
    expect(readFileSync(join(dir, "out2/results.md"), "utf8")).toContain("## Reproduction of the published table");
  });

  it("stops a run, validate and reproduce on a malformed published file, with its line (exit 2, nothing written)", async () => {
    const message = 'bad.csv:3:printed: cannot read "1,5" as a number: the comma in "1,5" is not a thousands separator (digits in groups of three)';
    const run = await runCli(["run", "with-bad.yaml", "--out", "out3"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, "out3"))).toBe(false);
    const validate = await runCli(["validate", "with-bad.yaml"], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain(`error: ${message}\n  hint: a decimal comma? type the number with a point: 1.5`);
    const reproduce = await runCli(["reproduce", "sap.yaml", "--published", "bad.csv", "--results", "out/results.json"], { cwd: dir });
    expectCliError(reproduce, 2, message, "hint: a decimal comma? type the number with a point: 1.5");
  });

  it("refuses a plan without a published table, missing files and bad results, before any work", async () => {
    expectCliError(await runCli(["reproduce", "sap.yaml", "--results", "out/results.json"], { cwd: dir }), 2, "no published table to check: sap.yaml has no published section", "pass --published FILE");
    expectCliError(await runCli(["reproduce", "sap.yaml", "--published", "nothing.csv"], { cwd: dir }), 2, "nothing.csv", "");
    expectCliError(await runCli(["reproduce", "sap.yaml", "--published", "published.csv", "--results", "published.csv"], { cwd: dir }), 2, "published.csv", "results.json");
    writeFileSync(join(dir, "ragged.csv"), `${HEADER}\nSCR,Employment,,,n_control,1,234\n`);
    expectCliError(await runCli(["reproduce", "sap.yaml", "--published", "ragged.csv"], { cwd: dir }), 2, "ragged.csv:2: the row has 7 fields but the header has 6", 'a printed text with a comma is typed in quotes: "2,116"');
  });
});
