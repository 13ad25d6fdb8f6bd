import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { miniCopy } from "../sap/mini-copy.js";
import { MINI_DESIGN } from "../sap/mini-design.js";
import { expectCliError, runCli } from "./run-cli.js";

// trialstat cba and trialstat power SAP, on a run of the mini plan (test/sap/mini) with a design section.
const ECONOMICS = `# costs per recruit to the treatment group, and what a unit of each impact is worth
seed: 7
draws: 4000
costs:
  scr: { per_recruit: 1500, recruits: 200 }
  north: { per_recruit: 2500, recruits: 100 }
  all: { pooled: [scr, north] }
values:
  employed13w: { exchequer: 4000, society: 9000, horizon_years: 2 }
  earnings12: { exchequer: 0.3, society: 1 }
`;

describe("trialstat cba", () => {
  let dir: string;
  beforeAll(async () => {
    dir = miniCopy({ sap: (t) => t + MINI_DESIGN });
    const r = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
    expect(r.code).toBe(0);
  });
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

  it("prints HLT Table 2.2 and the Monte Carlo table, and writes economics.json, economics.md, tables and plots", async () => {
    // "north" is not a population of the results: a cost file may only name the results' populations
    write("economics.yaml", ECONOMICS.replace("  north: { per_recruit: 2500, recruits: 100 }\n  all: { pooled: [scr, north] }\n", "  all: { per_recruit: 1800 }\n"));
    const r = await runCli(["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--out", "cba"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Summary of the costs and returns obtained for the trials\n\n\s+Costs per recruit to treatment group\s+Financial return for every £1 spent\s+Economic return for every £1 spent\n/);
    expect(r.stdout).toMatch(/\nSCR\s+£1,500\s+£\d+\.\d\d\s+£\d+\.\d\d\n/);
    expect(r.stdout).toContain("Benefit–cost ratios over 4,000 Monte Carlo draws of the impacts");
    expect(r.stdout).toContain("Seed 7 (xoshiro128**");
    expect(r.stdout).toContain("written to cba/");
    expect(readdirSync(join(dir, "cba")).sort()).toEqual([".trialstat-manifest.json", "economics.json", "economics.md", "plots", "tables"]);
    expect(readdirSync(join(dir, "cba", "plots")).sort()).toEqual(["returns-all.svg", "returns-scr.svg"]);
    const e = JSON.parse(readFileSync(join(dir, "cba", "economics.json"), "utf8"));
    expect(e.inputs.results.file).toBe("out/results.json");
    expect(e.inputs.results.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(e).toMatchObject({ seed: 7, draws: 4000 });
  });

  it("computes the economic return from society's values alone, as the note says, not adding the exchequer's", async () => {
    write("economics.yaml", ECONOMICS.replace("  north: { per_recruit: 2500, recruits: 100 }\n  all: { pooled: [scr, north] }\n", "  all: { per_recruit: 1800 }\n"));
    const r = await runCli(["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
    const impact = (outcome: string) =>
      results.rows.find((x: Record<string, unknown>) => (x.analysis ?? "itt") === "itt" && x.subgroup === null && x.level === null && x.population === "scr" && x.outcome === outcome).estimate as number;
    // (an intention-to-treat row of results.json may leave out analysis)
    // by hand from ECONOMICS: employed13w recurs 2 years at 3.5% (1 + 1/1.035), earnings12 1 year; SCR costs £1,500
    const years = 1 + 1 / 1.035;
    const society = (impact("employed13w") * 9000 * years + impact("earnings12") * 1) / 1500;
    const exchequer = (impact("employed13w") * 4000 * years + impact("earnings12") * 0.3) / 1500;
    const scr = JSON.parse(r.stdout).populations.find((p: { population: string }) => p.population === "scr");
    expect(scr.returns.society.return_per_pound).toBeCloseTo(society, 10);
    expect(scr.returns.exchequer.return_per_pound).toBeCloseTo(exchequer, 10);
    const table = await runCli(["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--draws", "100"], { cwd: dir });
    expect(table.stdout).toContain("economic return: benefits to society, valued on their own and not added to the exchequer's");
    expect(table.stdout).not.toContain("the exchequer's included");
  });

  it("gives the same bytes for the same seed, and --seed and --draws override the file's", async () => {
    const args = ["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--format", "json"];
    const a = await runCli(args, { cwd: dir });
    const b = await runCli(args, { cwd: dir });
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const c = JSON.parse((await runCli([...args, "--seed", "8", "--draws", "500"], { cwd: dir })).stdout);
    expect(c).toMatchObject({ seed: 8, draws: 500 });
    expect(c.populations[0].returns).toEqual(JSON.parse(a.stdout).populations[0].returns);
  });

  it("refuses an economics file naming a population the results do not hold, with its line", async () => {
    write("bad.yaml", ECONOMICS);
    const r = await runCli(["cba", "--results", "out/results.json", "--economics", "bad.yaml"], { cwd: dir });
    expectCliError(r, 2, 'the economics file has a problem: bad.yaml:6:10: costs.north: no population named "north"', "populations: scr, all");
    expect(existsSync(join(dir, "cba", "bad"))).toBe(false);
  });

  it("refuses a file that is not an economics file, an unknown key, a missing seed, and --draws that is not a whole number", async () => {
    write("typo.yaml", ECONOMICS.replace("draws: 4000", "draw: 4000"));
    expectCliError(await runCli(["cba", "--results", "out/results.json", "--economics", "typo.yaml"], { cwd: dir }), 2, 'unknown key "draw"', 'did you mean "draws"?');
    write("noseed.yaml", ECONOMICS.replace("seed: 7\n", "").replace(/ {2}north.*\n.*\n/, "  all: { per_recruit: 1800 }\n"));
    expectCliError(await runCli(["cba", "--results", "out/results.json", "--economics", "noseed.yaml"], { cwd: dir }), 2, "needs a seed", "20240101");
    expectCliError(await runCli(["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--draws", "1e4"], { cwd: dir }), 2, '--draws must be a whole number from 100 to 10000000, got "1e4"', "--draws 10000");
    expectCliError(await runCli(["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--seed", "-1"], { cwd: dir }), 2, '--seed must be a whole number from 0 to 9007199254740991, got "-1"', "--seed 20240101");
    expectCliError(await runCli(["cba", "--results", "sap.yaml", "--economics", "economics.yaml"], { cwd: dir }), 2, "not valid JSON", "results.json written by trialstat run");
  });

  it("refuses a results.json whose labels or numbers it reads are malformed, naming the field (exit 2)", async () => {
    write("economics.yaml", ECONOMICS.replace("  north: { per_recruit: 2500, recruits: 100 }\n  all: { pooled: [scr, north] }\n", "  all: { per_recruit: 1800 }\n"));
    const results = () => JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
    const overall = results().rows.findIndex((r: { subgroup: unknown }) => r.subgroup === null);
    const subgroup = results().rows.findIndex((r: { subgroup: unknown }) => r.subgroup !== null);
    const cba = (edit: (r: Record<string, any>) => void) => {
      const r = results();
      edit(r);
      write("edited.json", JSON.stringify(r));
      return runCli(["cba", "--results", "edited.json", "--economics", "economics.yaml", "--draws", "100"], { cwd: dir });
    };
    const hint = "--results takes a results.json written by trialstat run";
    expectCliError(await cba((r) => (r.labels = null)), 2, "edited.json: labels is null; expected an object with populations and outcomes", hint);
    expectCliError(await cba((r) => (r.labels.populations = null)), 2, "edited.json: labels.populations is null; expected an object", hint);
    expectCliError(await cba((r) => (r.labels.outcomes.employed13w = 3)), 2, "edited.json: labels.outcomes.employed13w is the number 3; expected text", hint);
    expectCliError(await cba((r) => (r.rows[overall].estimate = null)), 2, `edited.json: rows[${overall}].estimate is null; expected a number (trialstat cba computes with it)`, hint);
    expectCliError(await cba((r) => delete r.rows[overall].std_error), 2, `edited.json: rows[${overall}].std_error is missing; expected a number`, hint);
    expectCliError(await cba((r) => (r.rows[overall].estimate = "0.1")), 2, `edited.json: rows[${overall}].estimate is the text "0.1"; expected a number`, hint);
    expectCliError(await cba((r) => (r.rows[subgroup].estimate = "0.1")), 2, `edited.json: rows[${subgroup}].estimate is the text "0.1"; expected a number`, hint);
    expectCliError(await cba((r) => delete r.rows), 2, "edited.json: rows is missing; expected a list of result rows", hint);
    // a subgroup's estimate is not one cba reads: null there (a number JSON cannot hold) is no error
    const untouched = await cba(() => {});
    const nullSubgroup = await cba((r) => (r.rows[subgroup].estimate = null));
    expect(nullSubgroup.code).toBe(0);
    expect(nullSubgroup.stdout).toBe(untouched.stdout);
  });

  it("never writes over its inputs: --out may not be the folder holding the results", async () => {
    expectCliError(await runCli(["cba", "--results", "out/results.json", "--economics", "economics.yaml", "--out", "out"], { cwd: dir }), 2, "--out out contains the --results file", "");
  });
});

describe("trialstat power SAP", () => {
  let dir: string;
  beforeAll(async () => {
    dir = miniCopy({ sap: (t) => t + MINI_DESIGN });
    expect((await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir })).code).toBe(0);
  });

  it("prints what each population could detect at the planned sizes, reading the plan only", async () => {
    const r = await runCli(["power", "sap.yaml"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // the outcomes the design names (without them, the primary outcomes), the populations it sizes
    expect(r.stdout).toMatch(/^Mini trial\n\nMinimum detectable effects \(planned sizes\)\n\n\s+Employment\s+Earnings\s+PHQ-9\n/);
    expect(r.stdout).toMatch(/\nSCR\s+11\.5ppt\s+£754\s+0\.41sd\n/);
    expect(r.stdout).toMatch(/\nAll sites\s+0\.18sd †\s+£532\s+0\.29sd\n/);
    expect(r.stdout).toContain("Minimum detectable effects: assumptions by population and outcome (planned sizes)");
  });

  it("shows the arms of an odd planned n in whole people that add up to it, and says so", async () => {
    // n 3 split 1:1 is 1.5 and 1.5 (each rounded alone: 2 and 2, which is 4); n 801 is 400.5 and 400.5
    const odd = miniCopy({ sap: (t) => `${t}\ndesign:\n  populations:\n    scr: { n: 3 }\n    all: { n: 801 }\n` });
    const r = await runCli(["power", "sap.yaml"], { cwd: odd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nSCR\s+Employment\s+2\s+1\s+1\.00\s/);
    expect(r.stdout).toMatch(/\nAll sites\s+Employment\s+401\s+400\s+1\.00\s/);
    expect(r.stdout).toContain("A planned n split by the allocation is rounded to whole people so that the arms add up to the rounded total (the MDES uses the split unrounded).");
    // the JSON keeps the split unrounded
    const json = JSON.parse((await runCli(["power", "sap.yaml", "--format", "json"], { cwd: odd })).stdout);
    expect(JSON.stringify(json)).toContain('"n_treated":1.5');
  });

  it("with --results, at the sizes the run achieved; --format json gives the rows", async () => {
    const r = await runCli(["power", "sap.yaml", "--results", "out/results.json", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(0);
    const design = JSON.parse(r.stdout);
    expect(design.basis).toBe("achieved");
    const results = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
    expect(design).toEqual(results.design);
  });

  it("refuses the design flags with a SAP, and --results without one", async () => {
    expectCliError(await runCli(["power", "sap.yaml", "--n-total", "400"], { cwd: dir }), 2, "--n-total: not used with a SAP", "design: section");
    expectCliError(await runCli(["power", "--results", "out/results.json"], { cwd: dir }), 2, "--results needs a SAP", "");
    expectCliError(await runCli(["power", "test/sap/mini/sap.yaml"]), 2, "the plan has no design section", "add design:");
  });
});
