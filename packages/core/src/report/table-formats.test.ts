import { describe, expect, it } from "vitest";
import { parseCsv } from "../data/csv.js";
import { formatFixed, formatP } from "./decimals.js";
import { tableCsv, tableHtml, tableMarkdown } from "./table-formats.js";
import { type ReportTable, num, sectionRow, text } from "./table-model.js";

const table: ReportTable = {
  id: "t",
  title: "A <table> & its \"title\"",
  columns: [{ header: ["", "Item"] }, { header: ["SCR", "T"] }, { header: ["SCR", "C"] }, { header: ["", "Note"], align: "left" }],
  rows: [
    sectionRow("Section"),
    { cells: [text("=HYPERLINK(\"http://x\")"), num(-2.5, "−2.5"), num(1234, "1,234"), text("-1 to 2")] },
    { cells: [text("+cmd|' /C calc'!A0"), num(null, ""), { text: "[c]", value: null, suppressed: true }, text("@SUM(A1)")] },
    { kind: "base", cells: [text("Base"), num(10, "10"), num(12, "12"), { text: "a|b*", strong: true }] },
  ],
  notes: ["-note starting with a minus", "second"],
};

describe("CSV (spreadsheet-safe)", () => {
  const csv = tableCsv(table);
  const lines = csv.split("\n");

  it("neutralises text cells that a spreadsheet would run as formulas", () => {
    expect(lines[2].startsWith(`"'=HYPERLINK(""http://x"")"`)).toBe(true);
    expect(lines[3]).toBe("'+cmd|' /C calc'!A0,,[c],'@SUM(A1)");
    expect(lines[2].endsWith(",'-1 to 2")).toBe(true);
    expect(lines).toContain("'-note starting with a minus");
  });

  it("writes numbers as numbers: negative numbers are not corrupted, thousands not separated", () => {
    expect(lines[2].split(",").slice(-3, -1)).toEqual(["-2.5", "1234"]);
  });

  it("flattens stacked headers, writes a section row's label alone, and parses back", () => {
    expect(lines[0]).toBe("Item,SCR T,SCR C,Note");
    expect(lines[1]).toBe("Section,,,");
    const back = parseCsv(csv.split("\n\n")[0] + "\n");
    expect(back.columnNames).toEqual(["Item", "SCR T", "SCR C", "Note"]);
    expect(back.nRows).toBe(4);
  });
});

describe("Markdown", () => {
  it("escapes pipes and stars, bolds strong cells and section labels, right-aligns numbers", () => {
    const md = tableMarkdown(table);
    expect(md.split("\n").slice(0, 3)).toEqual(["| Item | SCR T | SCR C | Note |", "|:---|---:|---:|:---|", "| **Section** |  |  |  |"]);
    expect(md).toContain("| Base | 10 | 12 | **a\\|b\\*** |");
    expect(md).toContain("\n\n-note starting with a minus  \nsecond\n");
  });
});

describe("HTML", () => {
  const html = tableHtml(table);
  it("escapes text, stacks the header with spanning cells, marks row headers, base and suppressed cells", () => {
    expect(html).toContain("<caption>A &lt;table&gt; &amp; its &quot;title&quot;</caption>");
    expect(html).toContain('<th scope="colgroup" colspan="2" class="span">SCR</th>');
    expect(html).toContain('<th scope="col" class="r">T</th><th scope="col" class="r">C</th>');
    expect(html).toContain('<tr class="section"><th scope="rowgroup" colspan="4">Section</th></tr>');
    expect(html).toContain('<th scope="row" class="l">=HYPERLINK(&quot;http://x&quot;)</th>');
    expect(html).toContain('<td class="r suppressed">[c]</td>');
    expect(html).toContain('<tr class="base">');
    expect(html).toContain("<strong>a|b*</strong>");
    expect(html).not.toMatch(/<script/i);
  });
});

describe("number formatting", () => {
  it("uses a true minus, thousands separators, never −0, and a floor for p", () => {
    expect(formatFixed(-1234.56, 1)).toBe("−1,234.6");
    expect(formatFixed(-0.004, 2)).toBe("0.00");
    expect(formatFixed(NaN, 2)).toBe("");
    expect(formatP(0.0004, 3)).toBe("<0.001");
    expect(formatP(0.05, 3)).toBe("0.050");
  });
});
