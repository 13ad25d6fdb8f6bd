import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { miniCopy } from "../sap/mini-copy.js";

/**
 * Disclosure control of results (the mini plan: min_count 10, results: true), checked from the
 * published tables alone, as a reader would attack them: for each population, outcome, subgroup and
 * arm, the overall n minus the levels' n is the number of members without a value of the subgroup.
 * When the reader can work out a count that way it must not be small (1–9), and a suppressed level
 * must never be the only unknown: beside it there must be another suppressed level, or members
 * without a value (a count the tables do not show).
 */
describe("results tables: no small count follows by subtraction", () => {
  const dir = miniCopy();

  it("holds for every subgroup of the mini plan, whose age bands miss a few members", async () => {
    const r = await runCli(["run", join(dir, "sap.yaml"), "--out", join(dir, "out"), "--quiet"]);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, "out", "results.json"), "utf8"));
    const label = (outcome: string): string => results.labels.outcomes[outcome] ?? outcome;
    const tables = join(dir, "out", "tables");
    let lines = 0;
    let withMissing = 0;
    for (const file of readdirSync(tables).filter((f) => /^subgroups-.*\.csv$/.test(f))) {
      const population = file.slice("subgroups-".length, -".csv".length);
      const overallShown = rowsOf(join(tables, `results-${population}.csv`));
      const levelsShown = rowsOf(join(tables, file));
      const ours = (results.rows as ResultsRow[]).filter((x) => x.population === population && (x.analysis ?? "itt") === "itt");
      for (const total of ours.filter((x) => x.subgroup === null)) {
        for (const subgroup of new Set(ours.filter((x) => x.outcome === total.outcome && x.subgroup !== null).map((x) => x.subgroup))) {
          const levels = ours.filter((x) => x.outcome === total.outcome && x.subgroup === subgroup);
          for (const [arm, column] of [["n_control", "n C"], ["n_treated", "n T"]] as const) {
            lines++;
            const shownTotal = overallShown.find((o) => o.Outcome === label(total.outcome))!;
            if (shownTotal[column] === "[c]") continue;
            const missing = total[arm] - levels.reduce((s, x) => s + x[arm], 0);
            if (missing > 0) withMissing++;
            const hidden = levels.filter((x) => levelsShown.find((row) => row.Outcome === label(total.outcome) && row.Subgroup === subgroup && row.Level === String(x.level))![column] === "[c]").length;
            const where = `${population} / ${total.outcome} / ${subgroup} ${column}`;
            // what a reader cannot see: the suppressed levels, and the members without a value unless nothing else is hidden
            if (hidden === 0) expect(missing === 0 || missing >= 10, `${where}: ${missing} without a value, derivable`).toBe(true);
            else expect(hidden + (missing > 0 ? 1 : 0), `${where}: a suppressed level is the only unknown`).toBeGreaterThanOrEqual(2);
          }
        }
      }
    }
    expect(lines).toBeGreaterThan(20);
    expect(withMissing, "some lines have members without a value: the case the rule is for").toBeGreaterThan(0);
  });
});

interface ResultsRow {
  population: string;
  outcome: string;
  subgroup: string | null;
  level: string | number | null;
  analysis?: string;
  n_control: number;
  n_treated: number;
}

/** A table's CSV as records by header (the mini plan's tables quote nothing: checked). */
function rowsOf(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, "utf8").trimEnd().split("\n");
  expect(readFileSync(file, "utf8")).not.toContain('"');
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, j) => [names[j], v])));
}
