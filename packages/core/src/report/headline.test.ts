import { describe, expect, it } from "vitest";
import type { ResultsDocument } from "../analysis/results.js";
import { resolveDecimals } from "./decimals.js";
import { formatEffect, headlineMarkdown, headlineTable, headlineText } from "./headline.js";
import { resolveStars } from "./stars.js";
import { tableCsv } from "./table-formats.js";

describe("headline table (HLT Table 2.1 layout)", () => {
  it("formats effects in their units, with the SAP's decimals", () => {
    expect(formatEffect(3.44, "ppt")).toBe("3.4ppt");
    expect(formatEffect(-233.4, "GBP")).toBe("−£233");
    expect(formatEffect(1442.6, "GBP")).toBe("£1,443");
    expect(formatEffect(0.1049, "sd")).toBe("0.10sd");
    expect(formatEffect(12, "NOK")).toBe("12 NOK");
    expect(formatEffect(-0.04, "ppt")).toBe("0.0ppt");
    expect(formatEffect(3.44, "ppt", resolveDecimals({ ppt: 0 }))).toBe("3ppt");
    expect(formatEffect(-2.4, "ppt", resolveDecimals({ ppt: 0 }))).toBe("−2ppt");
  });

  const P = { "*": 0.06, "**": 0.03, "***": 0.001, "": 0.5 } as Record<string, number>;
  const row = (population: string, outcome: string, role: string, effect: number, effect_unit: string, stars: string, subgroup: string | null = null) =>
    ({ population, outcome, role, subgroup, analysis: "itt", effect, effect_unit, p_value: P[stars], effect_intervals: [{ level: 0.95, low: effect - 1, high: effect + 1 }] }) as never;
  const results = {
    rows: [
      row("scr_iw", "employed", "primary", 3.1, "ppt", "*"),
      row("scr_iw", "employed", "primary", 9, "ppt", "***", "gender"),
      row("scr_iw", "earnings", "primary", 442, "GBP", ""),
      row("scr_iw", "gad7", "secondary", 0.2, "sd", "**"),
      row("wmca", "employed", "primary", 4.2, "ppt", "***"),
    ],
    labels: { populations: { scr_iw: "SCR IW", wmca: "WMCA" }, outcomes: { employed: "Employment", earnings: "Earnings" } },
    settings: { levels: [0.9, 0.95] },
  } as unknown as ResultsDocument;

  it("puts populations in rows and primary outcomes in columns, with stars, bold where significant", () => {
    const t = headlineTable(results);
    expect(t.columns.map((c) => c.header[0])).toEqual(["", "Employment", "Earnings"]);
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["SCR IW", "3.1ppt *", "£442"],
      ["WMCA", "4.2ppt ***", ""],
    ]);
    expect(t.rows[0].cells[1].strong).toBe(true);
    expect(t.rows[0].cells[2].strong).toBe(false);
    expect(headlineText(t)).toContain("SCR IW    3.1ppt *      £442");
    expect(headlineMarkdown(t)).toContain("| WMCA | **4.2ppt \\*\\*\\*** |  |");
    expect(headlineMarkdown(t)).toContain("Bold: \\* p < 0.1, \\*\\* p < 0.05, \\*\\*\\* p < 0.01 (90%, 95%, 99% confidence");
    expect(tableCsv(t).split("\n").slice(0, 3)).toEqual([",Employment,Earnings", "SCR IW,3.1,442", "WMCA,4.2,"]);
  });

  it("puts each effect's interval beside it on the report's summary, with the SAP's stars or none", () => {
    const t = headlineTable(results, undefined, { intervals: true, stars: resolveStars([0.01]) });
    expect(t.columns.map((c) => c.header.join(" / "))).toEqual([" / Population", "Employment / Effect", "Employment / 95% CI low", "Employment / 95% CI high", "Earnings / Effect", "Earnings / 95% CI low", "Earnings / 95% CI high"]);
    expect(t.rows[0].cells.map((c) => c.text)).toEqual(["SCR IW", "3.1ppt", "2.1", "4.1", "£442", "441", "443"]);
    expect(t.rows[1].cells[1].text).toBe("4.2ppt *");
    expect(t.notes[0]).toBe("Bold: * p < 0.01 (99% confidence; two-sided, unadjusted).");
    expect(headlineTable(results, undefined, { stars: resolveStars(false) }).notes.some((n) => n.startsWith("Bold"))).toBe(false);
  });
});
