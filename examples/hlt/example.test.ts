import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runPlan } from "@trialstat/core";
import { runCli } from "../../test/cli/run-cli.js";
import { repoPath } from "../../test/helpers.js";
import { type HltStudy, hltStudy } from "../../test/hlt-study/study.js";
import { comparison } from "./compare.mjs";
import { generate } from "./generate.mjs";

// The HLT's published counts (DWP research report 1025, Tables 1.1 and 6.2), typed in here rather
// than taken from the generator, so that the test checks the generated data against the report.
const HLT = {
  randomised: { "SCR IW": [1260, 1259], "SCR OOW": [1799, 1792], "WMCA OOW": [1837, 1838] },
  survey4: { "SCR IW": [780, 683], "SCR OOW": [1057, 944], "WMCA OOW": [1007, 936] },
  survey12: { "SCR IW": [640, 541], "SCR OOW": [762, 726], "WMCA OOW": [754, 664] },
};
const byColumn = (counts: Record<string, number[]>) => [...Object.values(counts).flat(), Object.values(counts).flat().reduce((a, b) => a + b, 0)];

const SURVEY_OUTCOMES = ["eq5d12", "swemwbs12", "jsse12", "gse12", "phq8_12", "gad7_12", "ons_satisfied12"];

describe("the example study (examples/hlt), generated at full size and run as the README runs it", () => {
  // generated and run once for the suite, in a process of its own (test/hlt-study)
  let study: HltStudy;
  let dir: string;
  let run: HltStudy["run"];
  const read = (file: string) => readFileSync(join(dir, "out", file), "utf8");

  beforeAll(async () => {
    study = await hltStudy();
    ({ dir, run } = study);
  });

  it("runs and prints the Table 2.1 layout: populations × primary outcomes, with units and stars", async () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[2]).toMatch(/Employed 13\+ weeks in 12 months\s+Earnings in 12 months\s+Health \(EQ-5D-5L index\)\s+Wellbeing \(SWEMWBS\)/);
    expect(lines.slice(3, 8).map((l) => l.slice(0, 18).trim())).toEqual(["SCR in work", "SCR out of work", "All SCR", "WMCA (out of work)", "All out of work"]);
    expect(lines[6]).toMatch(/ppt \*+ .*£.*sd/);
    expect(run.stdout).toContain("estimates written to");
  });

  it("has the recruits of Table 1.1 and the survey responses of Table 6.2, by trial group and arm", async () => {
    // trialstat's own response table (HLT Table 6.2 layout), from the linked data
    const table = read("tables/response-rates.csv").split("\n").map((l) => l.split(","));
    const row = (start: string) => table.find((r) => r[0].startsWith(start))!.slice(1).map(Number);
    expect(table[0]).toEqual(["Data set", "SCR IW T", "SCR IW C", "SCR OOW T", "SCR OOW C", "WMCA OOW T", "WMCA OOW C", "All Total"]);
    expect(row("Randomised (not erased)")).toEqual(byColumn(HLT.randomised));
    expect(row("Interim survey (4-month survey): achieved sample")).toEqual(byColumn(HLT.survey4));
    expect(row("Final survey (12-month survey): achieved sample")).toEqual(byColumn(HLT.survey12));
    // withdrawals and erasures as the report describes them: 287 withdrawn, 246 of them before the
    // 4-month survey (so 9,539 expected at 4 months); 5 erasures; one duplicated 12-month record
    const flow = JSON.parse(read("flow.json"));
    expect(flow.randomised.total).toBe(9790);
    expect(flow.erased.total).toBe(5);
    expect(flow.retained.total).toBe(9785);
    expect(flow.withdrawn.total).toBe(287);
    expect(flow.sources.survey4.wave.eligible.total).toBe(9539);
    expect(flow.sources.survey12.duplicates_resolved).toBe(1);
    expect(flow.sources.provider.linked).toEqual({ treated: 4488, control: 0, total: 4488 });
  });

  it("recovers the planted effects: every primary effect within 2.6 SEs, and 95% intervals cover as they should", async () => {
    const results = JSON.parse(read("results.json"));
    const rows = comparison(results, study.truth);
    expect(rows).toHaveLength(5 * 15);
    const primary = rows.filter((r) => r.role === "primary");
    expect(primary).toHaveLength(20);
    for (const r of primary) expect(Math.abs(r.z), `${r.population} ${r.outcome}: planted ${r.planted}, estimated ${r.estimate}`).toBeLessThan(2.6);
    expect(rows.filter((r) => r.covered).length / rows.length).toBeGreaterThanOrEqual(0.9);
    // and the planted effects are Table 2.1's
    for (const [group, population] of [["SCR IW", "scr_iw"], ["SCR OOW", "scr_oow"], ["WMCA OOW", "wmca"]]) {
      for (const [outcome, target] of Object.entries(study.truth.targets[group])) {
        const tolerance = outcome === "employed13w" ? 0.05 : outcome === "earnings12" ? 0.5 : 0.001;
        expect(Math.abs(study.truth.effects[population][outcome].effect - target)).toBeLessThan(tolerance);
      }
    }
  });

  it("reports what each trial group could detect, and runs the benefit–cost analysis of examples/hlt/economics.yaml with HLT Table 2.2's costs", async () => {
    expect(run.stdout).toContain("Minimum detectable effects (achieved sample sizes)");
    const results = JSON.parse(read("results.json"));
    expect(results.design.rows).toHaveLength(5 * 4);
    const cba = await runCli(["cba", "--results", join(dir, "out", "results.json"), "--economics", repoPath("examples/hlt/economics.yaml")]);
    expect(cba.stderr).toBe("");
    expect(cba.code).toBe(0);
    // the costs per recruit of Table 2.2, the pooled ones (All SCR, All OOW) computed from the trial groups'
    const costs = Object.fromEntries([...cba.stdout.matchAll(/^(SCR in work|SCR out of work|All SCR|WMCA \(out of work\)|All out of work) +(£[\d,]+) /gm)].map((m) => [m[1], m[2]]));
    expect(costs).toEqual({ "SCR in work": "£2,116", "SCR out of work": "£2,416", "All SCR": "£2,292", "WMCA (out of work)": "£3,893", "All out of work": "£3,162" });
  });

  // the published files were typed from what `pnpm --silent example` prints at the default seed
  // (the same data as generate() here): reproduce judges them against this run's results.json
  const reproduce = (file: string, ...flags: string[]) =>
    runCli(["reproduce", join(dir, "sap.yaml"), "--published", repoPath(`examples/hlt/${file}`), "--results", join(dir, "out", "results.json"), ...flags]);

  it("reproduces every cell typed from the printed tables: exit 0", async () => {
    const r = await reproduce("published.csv");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("\n44 cells: 44 reproduced, 0 within rounding, 0 not reproduced, 0 not found (stars * p < 0.1, ** p < 0.05, *** p < 0.01; 95% intervals)\n");
    const cells = JSON.parse((await reproduce("published.csv", "--json")).stdout).cells as { statistic: string }[];
    // every statistic of a published table but effect_size (the Table 2.1 sd cells are effect sizes already)
    expect(new Set(cells.map((c) => c.statistic)).size).toBe(12);
  });

  it("shows the other three verdicts on the three typos, and exits 3", async () => {
    const r = await reproduce("published-typos.csv", "--json");
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("3 of 44 published cells not reproduced (1 within rounding, 1 not reproduced, 1 not found)\n");
    const cells = JSON.parse(r.stdout).cells as { line: number; statistic: string; printed: string; verdict: string; recomputed: number; difference: number; difference_se: number; note: string }[];
    const wrong = cells.filter((c) => c.verdict !== "reproduced");
    expect(wrong.map((c) => [c.line, c.statistic, c.printed, c.verdict])).toEqual([
      [13, "estimate", "−£392", "not_reproduced"],
      [20, "estimate", "3.4ppt", "rounding"],
      [24, "estimate", "0.6ppt", "not_found"],
    ]);
    // the typed numbers are what the table prints (−£329, 3.5ppt): the recomputed values round to them
    expect(Math.round(wrong[0].recomputed)).toBe(-329);
    expect(wrong[0].difference).toBeCloseTo(wrong[0].recomputed + 392, 9);
    expect(Math.round(wrong[1].recomputed * 10) / 10).toBe(3.5);
    expect(wrong[2].note).toBe('no population "All out of wrok" in the results (did you mean "All out of work"?)');
  });
});

describe("the example's generator", () => {
  it("writes the same bytes for the same seed and scale, and other data for another seed", async () => {
    const a = generate({ scale: 0.1 });
    const b = generate({ scale: 0.1 });
    expect(Object.keys(a.files).sort()).toEqual(["baseline.csv", "dwp_benefits_monthly.csv", "hmrc_rti_monthly.csv", "provider_mi.csv", "survey_12m.csv", "survey_4m.csv", "withdrawals.csv"]);
    for (const f of Object.keys(a.files)) expect(b.files[f]).toBe(a.files[f]);
    expect(JSON.stringify(b.truth)).toBe(JSON.stringify(a.truth));
    expect(generate({ scale: 0.1, seed: 4 }).files["baseline.csv"]).not.toBe(a.files["baseline.csv"]);
    // counts scale with --scale
    expect(a.summary.randomised["WMCA OOW"]).toEqual({ T: 184, C: 184 });
    expect(a.summary.survey12["SCR IW"]).toEqual({ T: 64, C: 54 });
  });

  it("defines each outcome as the SAP derives it: trialstat's derived values equal the generator's", async () => {
    const { files, observed } = generate({ scale: 0.25, observed: true });
    // a small study, for the derivations only: no subgroups or weights, and no HC2 (tiny cells)
    const sapText = readFileSync(repoPath("examples/hlt/sap.yaml"), "utf8")
      .replace(/^subgroups: .*$/m, "subgroups: []")
      .replace(/^weights:\n( .*\n)+/m, "")
      .replace(/, weights: nr12 \}/g, " }")
      .replace("se: HC2", "se: HC1")
      .replace(/^output:[\s\S]*$/m, "output: { row_level: true }\n");
    const plan = runPlan({ sapText, sapFile: "sap.yaml", readFile: (f) => files[f.replace("data/", "")] });
    const [header, ...lines] = plan.rowLevelCsv!.trim().split("\n");
    const names = header.split(",");
    let compared = 0;
    for (const line of lines) {
      const cells = line.split(",");
      const want = observed!.get(cells[0])!;
      for (const [outcome, value] of Object.entries(want)) {
        const j = names.indexOf(outcome);
        if (j < 0) continue;
        if (cells[j] === "") {
          // only questionnaire scores are missing: for those not surveyed (the generator knows every score)
          expect(SURVEY_OUTCOMES, `${outcome} of ${cells[0]} is missing`).toContain(outcome);
          continue;
        }
        expect(Number(cells[j]), `${outcome} of ${cells[0]}`).toBeCloseTo(value, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20000);
  });
});
