import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type SapProblems, designMdes, parseSap, planDesign, resultsFromJson, resultsJson, runPlan, studentTQuantile, validatePlan } from "@trialstat/core";
import { expectClose, readJson, repoPath } from "../helpers.js";
import { miniCopy } from "./mini-copy.js";
import { MINI_DESIGN, MINI_ECONOMICS } from "./mini-design.js";

// The mini plan with a design section and an economics section (mini-design.ts), run end to end;
// and a cluster-randomised, 2:1, one-sided design.
const CLUSTER_DESIGN = `
design:
  alternative: one.sided
  sig_level: 0.1
  power: 0.9
  allocation: "2:1"
  icc: 0.05
  r2: 0.2
  r2_cluster: 0.1
  covariates: 2
  response_rate: 0.6
  deff: 1.1
  populations:
    scr: { clusters: 20, cluster_size: 15 }
    all: { clusters: 40, cluster_size: 15 }
  outcomes:
    employed13w: { control_rate: 0.25 }
    phq9_12: { r2: 0.3 }
`;

function plan(extra: string) {
  const dir = miniCopy({ sap: (t) => t + extra });
  const path = join(dir, "sap.yaml");
  const input = { sapText: readFileSync(path, "utf8"), sapFile: "sap.yaml", readFile: (f: string) => readFileSync(join(dir, f), "utf8") };
  return { dir, input, sap: parseSap(input.sapText).sap! };
}

interface DesignCase {
  variant: "individual" | "cluster";
  population: string;
  outcome: string;
  mdes: number;
  df: number;
  multiplier: number;
  standard_error: number;
  mde: number | null;
}
const oracle = readJson<{ cases: DesignCase[] }>("test/oracle/design.json");

describe("a plan's design section: the MDES per population × outcome", () => {
  it("at the planned sizes, agrees with Bloom's formulas written in R (test/oracle/design.R): response and design effect for the weighted outcome only, ppt at the plan's control rate, pounds at its SD", () => {
    for (const variant of ["individual", "cluster"] as const) {
      const design = designMdes(plan(variant === "individual" ? MINI_DESIGN : CLUSTER_DESIGN).sap);
      expect(design.basis).toBe("planned");
      const cases = oracle.cases.filter((c) => c.variant === variant);
      expect(design.rows.length).toBe(cases.length);
      for (const c of cases) {
        const row = design.rows.find((r) => r.population === c.population && r.outcome === c.outcome)!;
        const what = `${variant} ${c.population} ${c.outcome}`;
        expect(row.basis, what).toBe("planned");
        expectClose(row.mdes, c.mdes, 1e-12, `${what} mdes`);
        expectClose(row.df, c.df, 1e-15, `${what} df`);
        expectClose(row.multiplier, c.multiplier, 1e-12, `${what} multiplier`);
        expectClose(row.standard_error, c.standard_error, 1e-14, `${what} se`);
        expectClose(row.mde, c.mde, 1e-12, `${what} mde`);
      }
    }
  });

  it("says where a binary outcome's control rate came from, and gives only SDs where the plan states none", () => {
    const rows = designMdes(plan(MINI_DESIGN).sap).rows;
    const employed = (p: string) => rows.find((r) => r.population === p && r.outcome === "employed13w")!;
    expect(employed("scr")).toMatchObject({ control_rate: 0.3, control_rate_source: "plan", unit: "ppt" });
    expect(employed("all")).toMatchObject({ control_rate: null, control_rate_source: null, mde: null });
    expect(rows.find((r) => r.outcome === "phq9_12")).toMatchObject({ response_rate: 0.5, design_effect: 1.3, design_effect_source: "plan" });
    expect(rows.find((r) => r.outcome === "earnings12")).toMatchObject({ response_rate: 1, design_effect: 1, design_effect_source: "none", sd_source: "plan" });
  });

  it("after a run, uses the sizes achieved: each row's analysed n, its treated share, the weights' design effect and the run's control rate where the plan gives none", () => {
    const { input } = plan(MINI_DESIGN + MINI_ECONOMICS);
    const run = runPlan(input);
    const design = run.results.design!;
    expect(design.basis).toBe("achieved");
    const deff = (run.results.weights.nr12 as { summary: { designEffect: number } }).summary.designEffect;
    for (const r of design.rows) {
      const row = run.results.rows.find((x) => x.population === r.population && x.outcome === r.outcome && x.subgroup === null)!;
      const n = row.n_treated + row.n_control;
      const P = row.n_treated / n;
      const D = r.outcome === "phq9_12" ? deff : 1;
      // Bloom's closed form at the achieved sizes (t quantiles on n − 2 df)
      const M = studentTQuantile(0.975, n - 2) + studentTQuantile(0.8, n - 2);
      const what = `${r.population} ${r.outcome}`;
      expect(r.basis, what).toBe("achieved");
      expect([r.n_treated, r.n_control], what).toEqual([row.n_treated, row.n_control]);
      expectClose(r.mdes, M * Math.sqrt((D * 0.8) / (P * (1 - P) * n)), 1e-12, `${what} mdes`);
      expect(r.design_effect_source, what).toBe(r.outcome === "phq9_12" ? "weights" : "none");
      if (r.outcome === "employed13w" && r.population === "all") {
        expect(r.control_rate_source).toBe("run");
        expectClose(r.control_rate, row.control_mean, 0, "control rate from the run");
        expectClose(r.mde, 100 * r.mdes * Math.sqrt(row.control_mean * (1 - row.control_mean)), 1e-12, "ppt at the run's control rate");
      }
    }
    // planDesign (trialstat power SAP --results) gives the same from results.json alone
    const fromFile = planDesign(input.sapText, "sap.yaml", resultsFromJson(resultsJson(run.results), "results.json", "results"));
    expect(fromFile.design).toEqual(design);
  });

  it("refuses a design that names unknown populations or outcomes, mixes n with clusters, or gives a control rate to a continuous outcome", () => {
    const bad = plan(`
design:
  populations:
    scr: { n: 400, clusters: 10, cluster_size: 5 }
    sites: { n: 100 }
  outcomes:
    earnings12: { control_rate: 0.3 }
    employed: {}
`).input;
    const messages = validatePlan(bad).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      "design.populations.scr: clusters and cluster_size describe a cluster-randomised design, which needs design.icc",
      'design.populations.sites: no population named "sites"',
      "design.outcomes.earnings12.control_rate: a control rate is for a binary outcome, and earnings12 is continuous",
      'design.outcomes.employed: no outcome named "employed"',
    ]);
    // a planned size the formula cannot support is the plan's problem, located, even when the run's sizes would do
    const small = plan("\ndesign:\n  response_rate: 0.01\n  populations: { scr: { n: 10 } }\n  outcomes: { phq9_12: {} }\n").input;
    expect(validatePlan(small).map((p) => `${p.path}: ${p.message}`)).toEqual(["design.populations.scr: the MDES of phq9_12 in scr: n must be a number of at least 300, got 10"]);
    const e = (() => {
      try {
        planDesign(readFileSync(join(miniCopy(), "sap.yaml"), "utf8"), "sap.yaml");
      } catch (error) {
        return error as SapProblems;
      }
    })();
    expect(e?.problems.map((p) => p.message)).toEqual(["the plan has no design section"]);
  });
});

describe("a plan's economics section: returns per £1 spent and their Monte Carlo", () => {
  const { input } = plan(MINI_DESIGN + MINI_ECONOMICS);
  const run = runPlan(input);
  const e = run.results.economics!;

  it("returns per £1 are Σ impact × value × present-value factor over the cost, from the run's own estimates", () => {
    const pv = 1 + 1 / 1.035; // two years at 3.5%, the first undiscounted
    for (const p of e.populations) {
      const est = (o: string) => run.results.rows.find((r) => r.population === p.population && r.outcome === o && r.subgroup === null)!.estimate;
      const cost = p.population === "scr" ? 1500 : 1800;
      expectClose(p.returns!.exchequer.return_per_pound, (est("employed13w") * 4000 * pv + est("earnings12") * 0.3) / cost, 1e-13, `${p.population} financial`);
      expectClose(p.returns!.society.return_per_pound, (est("employed13w") * 9000 * pv + est("earnings12") * 1) / cost, 1e-13, `${p.population} economic`);
      expectClose(p.returns!.society.net_benefit, est("employed13w") * 9000 * pv + est("earnings12") - cost, 1e-13, `${p.population} net`);
      expect(p.monte_carlo!.independent).toEqual(["employed13w", "earnings12"]);
      expect(p.monte_carlo!.society.histogram.counts.reduce((a, b) => a + b, 0)).toBe(2000);
    }
    expect(e).toMatchObject({ seed: 20240101, draws: 2000, discount_rate: 0.035, currency: "GBP" });
    expect(e.dependence).toMatch(/independently: each comes from its own model/);
  });

  it("values the intention-to-treat effects, not Lin's estimates beside them, and sizes the MDES by them", () => {
    const withLin = runPlan({ ...input, sapText: input.sapText.replace("covariates: { variables: [age, gender, score0], missing: indicator }", "covariates: { variables: [age, gender, score0], missing: indicator, lin: true }") }).results;
    expect(withLin.rows.some((r) => r.analysis === "lin" && r.outcome === "employed13w" && r.subgroup === null)).toBe(true);
    expect(withLin.economics!.populations.map((p) => p.impacts)).toEqual(e.populations.map((p) => p.impacts));
    expect(withLin.design!.rows).toEqual(run.results.design!.rows);
  });

  it("the same seed gives the same results.json, byte for byte; another seed changes only the draws' summaries", () => {
    expect(resultsJson(runPlan(input).results)).toBe(resultsJson(run.results));
    const other = runPlan({ ...input, sapText: input.sapText.replace("seed: 20240101", "seed: 20240102") }).results.economics!;
    expect(other.populations[0].returns).toEqual(e.populations[0].returns);
    expect(other.populations[0].monte_carlo!.society.return_per_pound.mean).not.toBe(e.populations[0].monte_carlo!.society.return_per_pound.mean);
  });

  it("the report has the MDES tables, HLT Table 2.2, the Monte Carlo table and a histogram per population", async () => {
    const { reportContents } = await import("@trialstat/core");
    const ids = reportContents(run).sections.flatMap((s) => s.items.map((i) => (i.kind === "table" ? i.table.id : i.id)));
    expect(ids).toEqual(expect.arrayContaining(["mdes", "mdes-detail", "economics-returns", "economics-monte-carlo", "returns-scr", "returns-all", "economics-values"]));
    // the mini plan controls n by arm in its results (output.disclosure.results): the MDES table leaves them to those
    const detail = reportContents(run).sections.flatMap((s) => s.items).find((i) => i.kind === "table" && i.table.id === "mdes-detail");
    expect(detail?.kind === "table" && detail.table.columns.map((c) => c.header.join(" "))).toEqual(["Population", "Outcome", "Response rate", "Design effect", "R²", "MDES (sd)", "MDE", "Control rate or SD"]);
  });

  it("impacts given a covariance are drawn jointly, and the results say so; a covariance must name costed populations and valued outcomes", () => {
    const se = (o: string) => run.results.rows.find((r) => r.population === "scr" && r.outcome === o && r.subgroup === null)!.std_error;
    const c = 0.5 * se("employed13w") * se("earnings12");
    const matrix = `[[${se("employed13w") ** 2}, ${c}], [${c}, ${se("earnings12") ** 2}]]`;
    const joint = runPlan({ ...input, sapText: `${input.sapText}  covariances:\n    - { population: scr, outcomes: [employed13w, earnings12], matrix: ${matrix} }\n` }).results.economics!;
    expect(joint.populations[0].monte_carlo).toMatchObject({ joint: [["employed13w", "earnings12"]], independent: [] });
    expect(joint.populations[1].monte_carlo).toMatchObject({ joint: [], independent: ["employed13w", "earnings12"] });
    expect(joint.dependence).toMatch(/drawn jointly normal with the covariance given/);
    // a positive correlation of two positively valued impacts widens the economic return's distribution
    expect(joint.populations[0].monte_carlo!.society.return_per_pound.sd).toBeGreaterThan(e.populations[0].monte_carlo!.society.return_per_pound.sd);
    const bad = plan(`${MINI_ECONOMICS}  covariances:\n    - { population: wmca, outcomes: [employed13w, phq9_12], matrix: [[1]] }\n`).input;
    expect(validatePlan(bad).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "economics.covariances[0].population: wmca has no cost, so no benefit–cost analysis",
      "economics.covariances[0].outcomes[1]: phq9_12 has no value, so it is not drawn",
      "economics.covariances[0].matrix: the matrix must be 2 × 2: a row and a column for each outcome, in their order",
    ]);
  });

  it("a plan's Monte Carlo needs a seed; costs and values must name the plan's populations and outcomes", () => {
    const bad = plan(MINI_ECONOMICS.replace("  seed: 20240101\n", "").replace("scr: { per_recruit", "sc: { per_recruit").replace("earnings12: {", "earning12: {")).input;
    expect(validatePlan(bad).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'economics.costs.sc: no population named "sc"',
      'economics.values.earning12: no outcome named "earning12"',
      "economics: the benefit–cost Monte Carlo of a plan needs a seed",
    ]);
  });
});

describe("docs/sap.md", () => {
  it("its design: and economics: examples are valid sections of a plan (schema)", () => {
    const doc = readFileSync(repoPath("packages/core/docs/sap.md"), "utf8");
    for (const section of ["design", "economics"]) {
      const block = new RegExp(`## ${section}\\n[\\s\\S]*?\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(doc)![1];
      expect(block.startsWith(`${section}:`), section).toBe(true);
      const parsed = parseSap(`${readFileSync(repoPath("test/sap/mini/sap.yaml"), "utf8")}${block}`);
      expect(parsed.problems, section).toEqual([]);
    }
  });
});
