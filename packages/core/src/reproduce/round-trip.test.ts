import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectRow } from "../../../../test/reproduce/result-rows.js";
import type { ResultsDocument } from "../analysis/results.js";
import { significanceStars } from "../effects/multiplicity.js";
import { csvQuote } from "../report/csv.js";
import { type Decimals, DEFAULT_DECIMALS } from "../report/decimals.js";
import { headlineTable } from "../report/headline.js";
import { resultsTable } from "../report/results-tables.js";
import { resolveStars } from "../report/stars.js";
import { parsePublishedTable } from "./published-table.js";
import { reproductionSettings } from "./reproduction-settings.js";
import { reproduceTable } from "./reproduction.js";

/**
 * The property the issue asks for: whatever trialstat's own tables print — the headline table
 * (HLT Table 2.1 layout) and a population's results table, at any decimal places the SAP may set —
 * typed back in as a published table, reproduces, cell for cell. The row's numbers are drawn at
 * random (fast-check), so values on rounding boundaries, zeros, tiny and large magnitudes and
 * negative values that print as 0 all occur.
 */
const RESULTS_COLUMNS = ["control_mean", "treated_mean", "estimate", "stars", "std_error", "conf_low", "conf_high", "p_value", "p_adjusted", "n_control", "n_treated"] as const;

const unitArb = fc.constantFrom("ppt", "sd", "GBP", "EUR", "USD", "NOK", "raw");
const places = (max: number) => fc.integer({ min: 0, max });
const decimalsArb: fc.Arbitrary<Decimals> = fc.record({ ppt: places(4), currency: places(3), sd: places(4), raw: places(4), mean: places(3), percent: places(2), rate: places(2), p: fc.integer({ min: 1, max: 5 }), smd: places(2) });
const magnitude = (max: number) => fc.double({ min: -max, max, noNaN: true, noDefaultInfinity: true });
const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const rowArb = unitArb.chain((unit) =>
  fc.record({
    unit: fc.constant(unit),
    estimate: unit === "ppt" ? magnitude(1) : magnitude(1e6),
    std_error: positive(1e-7, 1e5),
    p_value: fc.oneof(positive(0, 1), fc.constantFrom(0, 1e-12, 0.0005, 0.001, 0.01, 0.05, 0.1, 0.9995, 1)),
    p_adjusted: fc.option(positive(0, 1)),
    control_sd: positive(1e-3, 1e4),
    control_mean: unit === "ppt" ? positive(0, 1) : magnitude(1e6),
    treated_mean: unit === "ppt" ? positive(0, 1) : magnitude(1e6),
    n_control: fc.integer({ min: 0, max: 5_000_000 }),
    n_treated: fc.integer({ min: 0, max: 5_000_000 }),
  }),
);

function document(row: ReturnType<typeof effectRow>): ResultsDocument {
  return {
    rows: [row],
    labels: { populations: { all: "All recruits" }, outcomes: { y: "Employed, 13+ weeks" } },
    settings: { se_type: "HC2", cluster: null, levels: [0.9, 0.95, 0.99], covariates: [], outcome_covariates: {}, strata: {}, reference_levels: {}, covariate_missing: "indicator", subgroups: [], multiplicity: [] },
  } as unknown as ResultsDocument;
}

/** The printed cells of trialstat's headline and results tables for the row, as a published file. */
function publishedFile(results: ResultsDocument, decimals: Decimals): string {
  const lines = ["population,outcome,subgroup,level,statistic,printed"];
  const add = (statistic: string, printed: string) => {
    if (printed !== "") lines.push(`All recruits,"Employed, 13+ weeks",,,${statistic},${csvQuote(printed)}`);
  };
  add("estimate", headlineTable(results, decimals).rows[0].cells[1].text);
  const table = resultsTable(results, "all", { decimals, disclosure: null, stars: resolveStars(undefined) });
  const cells = table.rows[0].cells.slice(1).map((c) => c.text);
  // the adjusted p has a column only where some outcome has one
  const columns = RESULTS_COLUMNS.filter((c) => c !== "p_adjusted" || table.columns.some((col) => col.header.includes("Adjusted p")));
  columns.forEach((statistic, k) => (statistic === "stars" ? cells[k] !== "" && add("stars", cells[k]) : add(statistic, cells[k])));
  add("interval", `(${cells[5]} to ${cells[6]})`);
  return `${lines.join("\n")}\n`;
}

describe("what trialstat prints, typed back in, reproduces", () => {
  it("every cell of the headline and results tables, for any numbers and any decimal places", () => {
    fc.assert(
      fc.property(rowArb, decimalsArb, (spec, decimals) => {
        const row = { ...effectRow({ ...spec, p_adjusted: spec.p_adjusted }), stars: significanceStars(spec.p_value) };
        const results = document(row);
        const text = publishedFile(results, decimals);
        const table = parsePublishedTable(text, "published.csv");
        const r = reproduceTable(table, results, reproductionSettings(table));
        const failed = r.cells.filter((c) => c.verdict !== "reproduced");
        expect(failed, `${text}\n${JSON.stringify(failed, null, 1)}`).toEqual([]);
        expect(r.cells.length).toBeGreaterThanOrEqual(11);
      }),
      { numRuns: 400, seed: 20240615 },
    );
  });

  it("at the report's default decimals too, on the HLT Table 2.1 forms", () => {
    const row = { ...effectRow({ unit: "GBP", estimate: -264.5, std_error: 131.13, p_value: 0.0444, control_mean: 1696.655, treated_mean: 1983.33 }), stars: "**" };
    const text = publishedFile(document(row), DEFAULT_DECIMALS);
    expect(text).toContain("All recruits,\"Employed, 13+ weeks\",,,estimate,−£265 **\n"); // half away from zero, true minus
    const table = parsePublishedTable(text, "published.csv");
    expect(reproduceTable(table, document(row), reproductionSettings(table)).summary.all_reproduced).toBe(true);
  });
});
