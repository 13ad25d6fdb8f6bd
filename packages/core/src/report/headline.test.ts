import { describe, expect, it } from "vitest";
import type { ResultsDocument } from "../analysis/results.js";
import { formatEffect, headlineMarkdown, headlineTable, headlineText } from "./headline.js";

describe("headline table (HLT Table 2.1 layout)", () => {
  it("formats effects in their units", () => {
    expect(formatEffect(3.44, "ppt")).toBe("3.4ppt");
    expect(formatEffect(-233.4, "GBP")).toBe("−£233");
    expect(formatEffect(1442.6, "GBP")).toBe("£1,443");
    expect(formatEffect(0.1049, "sd")).toBe("0.10sd");
    expect(formatEffect(12, "NOK")).toBe("12 NOK");
  });

  it("puts populations in rows and primary outcomes in columns, with stars", () => {
    const row = (population: string, outcome: string, role: string, effect_size: number, effect_unit: string, stars: string, subgroup: string | null = null) =>
      ({ population, outcome, role, subgroup, effect_size, effect_unit, stars }) as never;
    const results = {
      rows: [
        row("scr_iw", "employed", "primary", 3.1, "ppt", "*"),
        row("scr_iw", "employed", "primary", 9, "ppt", "***", "gender"),
        row("scr_iw", "earnings", "primary", 442, "GBP", ""),
        row("scr_iw", "gad7", "secondary", 0.2, "sd", "**"),
        row("wmca", "employed", "primary", 4.2, "ppt", "***"),
      ],
    } as unknown as ResultsDocument;
    const t = headlineTable(results);
    expect(t.outcomes).toEqual(["employed", "earnings"]);
    expect(t.cells).toEqual([["3.1ppt *", "£442"], ["4.2ppt ***", ""]]);
    expect(headlineText(t)).toContain("scr_iw    3.1ppt *      £442");
    expect(headlineMarkdown(t)).toContain("| wmca | 4.2ppt *** |  |");
  });
});
