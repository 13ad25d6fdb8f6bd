import { describe, expect, it } from "vitest";
import { parseCsv } from "../data/csv.js";
import { formatFixed, formatP } from "./decimals.js";
import { tableCsv, tableHtml, tableMarkdown, tableNotesCsv } from "./table-formats.js";
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

describe("CSV (tidy and spreadsheet-safe)", () => {
  const csv = tableCsv(table);
  const lines = csv.trimEnd().split("\n");

  it("neutralises text cells that a spreadsheet would run as formulas", () => {
    expect(lines[1].startsWith(`Section,"'=HYPERLINK(""http://x"")"`)).toBe(true);
    expect(lines[2]).toBe("Section,'+cmd|' /C calc'!A0,,[c],'@SUM(A1)");
    expect(lines[1].endsWith(",'-1 to 2")).toBe(true);
  });

  it("writes numbers as numbers: negative numbers are not corrupted, thousands not separated", () => {
    expect(lines[1].split(",").slice(-3, -1)).toEqual(["-2.5", "1234"]);
  });

  it("has one header line, a section row's label in a column of its own, no notes, and parses back", () => {
    expect(lines[0]).toBe("Section,Item,SCR T,SCR C,Note");
    expect(lines).toHaveLength(4);
    expect(csv).not.toContain("note starting");
    const back = parseCsv(csv);
    expect(back.columnNames).toEqual(["Section", "Item", "SCR T", "SCR C", "Note"]);
    expect(back.nRows).toBe(3);
    expect(tableCsv({ ...table, sectionColumn: "Outcome" }).split("\n")[0]).toBe("Outcome,Item,SCR T,SCR C,Note");
  });

  it("writes a repeated cell out in full, and puts every table's notes in one notes file", () => {
    const t: ReportTable = { id: "r", title: "r", columns: [{ header: ["Subgroup"] }, { header: ["Level"] }], rows: [{ cells: [text("Age"), text("young")] }, { cells: [{ ...text("Age"), repeated: true }, text("old")] }], notes: [] };
    expect(tableCsv(t)).toBe("Subgroup,Level\nAge,young\nAge,old\n");
    expect(tableMarkdown(t)).toContain("|  | old |");
    expect(tableHtml(t)).toContain('<th scope="rowgroup" rowspan="2" class="l">Age</th>');
    expect(tableNotesCsv([table, t])).toBe("table,note,text\nt,1,'-note starting with a minus\nt,2,second\n");
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

  it("writes numbers from 10²¹ (where toFixed turns to exponents) as a power of ten", () => {
    expect(formatFixed(9.342982307818567e30, 1)).toBe("9.34 × 10³⁰");
    expect(formatFixed(-1.5e21, 0)).toBe("−1.50 × 10²¹");
    expect(formatFixed(1.7976931348623157e308, 2)).toBe("1.80 × 10³⁰⁸");
    expect(formatFixed(9.99e20, 0)).toBe("999,000,000,000,000,000,000");
  });
});
