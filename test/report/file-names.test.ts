import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { miniCopy } from "../sap/mini-copy.js";

/**
 * Populations, outcomes and titles whose names fold together (`all`/`All`, `a_b`/`a__b`) or are
 * very long never overwrite each other's tables and pictures: every item of the report has its own
 * file, and the same plan gives the same names.
 */
describe("report file names from a run", () => {
  const title = `Age ${"of participants who were randomised ".repeat(13)}`.slice(0, 500);
  const dir = miniCopy({
    sap: (t) =>
      t
        .replace("  all: { label: All sites, strata: [site] }", "  all: { label: All sites, strata: [site] }\n  All: { label: All sites again, strata: [site] }")
        .replace(
          "  months_employed12: { from: hmrc, date: month, window: { months: 12 }, count: { column: weeks } }",
          "  months_employed12: { from: hmrc, date: month, window: { months: 12 }, count: { column: weeks } }\n  months__employed12: { from: hmrc, date: month, window: { months: 12 }, count: { column: weeks } }",
        )
        .replace(
          "  - { name: months_employed12, role: secondary, type: count, report: raw, label: Months employed }",
          "  - { name: months_employed12, role: secondary, type: count, report: raw, label: Months employed }\n  - { name: months__employed12, role: secondary, type: count, report: raw, label: Months employed again }",
        )
        .replace('title: "Age of participants, by site"', `title: "${title}"`),
  });

  it("gives every table and picture its own file", async () => {
    const r = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const tables = readdirSync(join(dir, "out/tables")).sort();
    const plots = readdirSync(join(dir, "out/plots")).sort();
    for (const name of ["results-all.csv", "results-all-2.csv", "subgroups-all.csv", "subgroups-all-2.csv", "balance-all.csv", "balance-all-2.csv"]) expect(tables).toContain(name);
    // subgroup figures of the populations all and All: one name each, the second made unique
    expect(plots.filter((p) => p.startsWith("forest-all-"))).toEqual(["forest-all-1-2.svg", "forest-all-1.svg", "forest-all-2-2.svg", "forest-all-2.svg"]);
    const renamed = readFileSync(join(dir, "out/plots/forest-all-1-2.svg"), "utf8");
    expect(renamed).toContain(' id="forest-all-1-2" ');
    expect(renamed).toContain('aria-labelledby="forest-all-1-2-title forest-all-1-2-desc"');
    expect(renamed).toContain('<title id="forest-all-1-2-title">');
    expect(renamed).toContain("All sites again");
    // the 500-character title gives a short name with a hash
    const long = tables.filter((t) => t.startsWith("descriptive-1-"));
    expect(long).toHaveLength(1);
    expect(long[0]).toMatch(/^descriptive-1-age-of-participants-who-were-randomised-[a-z0-9-]*-[0-9a-f]{8}\.csv$/);
    expect(long[0].length).toBeLessThanOrEqual(84);

    // one file per item: as many files as the report has tables and pictures, each linked from results.md
    const md = readFileSync(join(dir, "out/results.md"), "utf8");
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    for (const p of plots) expect(md).toContain(`(plots/${p})`);
    expect(md.match(/^### /gm)!.length).toBe(tables.filter((t) => t !== "notes.csv").length);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // each population's table is its own: All's is captioned with All's label
    expect(html).toMatch(/id="table-results-all">\n<div class="scroll"><table>\n<caption>Results: All sites<\/caption>/);
    expect(html).toMatch(/id="table-results-all-2">\n<div class="scroll"><table>\n<caption>Results: All sites again<\/caption>/);

    const again = await runCli(["run", "sap.yaml", "--out", "out2"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(readdirSync(join(dir, "out2/tables")).sort()).toEqual(tables);
    expect(readdirSync(join(dir, "out2/plots")).sort()).toEqual(plots);
  });
});
