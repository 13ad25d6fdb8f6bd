import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { miniCopy } from "./mini-copy.js";
import { runSap } from "./run-sap.js";

/** Runs the plan in a folder made by miniCopy. */
const run = (dir: string) => runSap(join(dir, "sap.yaml"));

/** Every 7th data row of the 12-month survey (by line), whose respondents the tests below turn into non-respondents. */
const saysNo = (line: number) => line % 7 === 3;

describe("a survey wave's response indicator (sources.X.responded)", () => {
  it("treats a row that says no exactly as a missing row: the same estimates, weights and exclusions", () => {
    const withIndicator = run(
      miniCopy({
        sap: (t) => t.replace("    wave: { months: 12 }\n", "    wave: { months: 12 }\n    responded: took_part\n"),
        files: { "data/survey12.csv": (t) => t.split("\n").map((row, k) => (k === 0 ? `${row},took_part` : row === "" ? row : `${row},${saysNo(k) ? "no" : "yes"}`)).join("\n") },
      }),
    );
    const withoutRows = run(miniCopy({ files: { "data/survey12.csv": (t) => t.split("\n").filter((_row, k) => k === 0 || !saysNo(k)).join("\n") } }));
    const dropped = readFileSync(join(miniCopy(), "data/survey12.csv"), "utf8").split("\n").filter((row, k) => k > 0 && row !== "" && saysNo(k)).length;
    expect(dropped).toBeGreaterThan(20);

    expect(withIndicator.results.rows).toEqual(withoutRows.results.rows);
    expect(withIndicator.results.weights).toEqual(withoutRows.results.weights);
    expect(withIndicator.flow.outcomes).toEqual(withoutRows.flow.outcomes);
    const a = withIndicator.flow.sources.survey12;
    const b = withoutRows.flow.sources.survey12;
    expect(a.wave!.responded).toEqual(b.wave!.responded);
    expect(a.wave!.response_rate).toEqual(b.wave!.response_rate);
    expect(a.linked).toEqual(b.linked);
    // the rows that said no, less those of participants who withdrew before the wave (not expected)
    expect(a.wave!.said_not_responded!.total + a.records_after_withdrawal - b.records_after_withdrawal).toBe(dropped);
    expect(b.wave!.said_not_responded).toBeUndefined();
  });
});

describe("administrative sums over records with a missing value (derive.X.missing)", () => {
  // three of participant 0001's records lose their earnings
  const blank = (t: string) => {
    let left = 3;
    return t.replace(/\n0001,(\d{4}-\d{2}),[\d.]+,/g, (m, month: string) => (left-- > 0 ? `\n0001,${month},,` : m));
  };
  const note = (missing: string) => {
    const r = run(miniCopy({ sap: (t) => t.replace("sum: earnings }", `sum: earnings${missing} }`), files: { "data/hmrc.csv": blank } }));
    return { derived: r.results.derived.earnings12, flow: r.flow.derived?.earnings12, analysed: r.flow.outcomes.filter((o) => o.outcome === "earnings12").map((o) => o.analysed.total) };
  };

  it("counts the participants and records in results.json and the flow, skipped or made missing", () => {
    const skip = note(", missing: skip");
    const missing = note("");
    expect(missing).toEqual(note(", missing: missing"));
    for (const { derived, flow } of [skip, missing]) {
      expect(flow).toEqual(derived);
      expect(derived.missing_value_in_window).toBe(1);
      expect(derived.records_missing_value_in_window).toBeGreaterThanOrEqual(1);
      expect(derived.records_missing_value_in_window).toBeLessThanOrEqual(3);
    }
    // made missing, participant 0001 leaves the earnings analyses; skipped, they stay in
    expect(skip.analysed.length).toBeGreaterThan(0);
    expect(skip.analysed.map((n, k) => n - missing.analysed[k])).toEqual(skip.analysed.map(() => 1));
  });
});
