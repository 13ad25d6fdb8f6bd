import { describe, expect, it } from "vitest";
import { visibleControls } from "./control-characters.js";
import { alignColumns } from "./format-number.js";
import { markdownText } from "./markdown.js";
import { escapeXml } from "./svg.js";
import { escapeHtml } from "./table-formats.js";

describe("control characters in report text", () => {
  it("are written as \\xNN or \\u{NNNN}; tab, line feed and carriage return are kept", () => {
    expect(visibleControls("a\x1b[31mb\x07\x00\x7f\x9b\u202e\u2066c\t\n\r")).toBe("a\\x1b[31mb\\x07\\x00\\x7f\\x9b\\u{202e}\\u{2066}c\t\n\r");
    expect(visibleControls("Région — ünïcode ✓ \u200f")).toBe("Région — ünïcode ✓ \u200f");
  });

  it("never reach HTML, SVG or Markdown raw", () => {
    const label = "Employment\x1b[2J\u202e";
    for (const out of [escapeHtml(label), escapeXml(label), markdownText(label)]) expect(out).not.toMatch(/[\x1b\u202e]/);
    expect(escapeHtml(label)).toBe("Employment\\x1b[2J\\u{202e}");
    expect(markdownText(label)).toBe("Employment\\\\x1b\\[2J\\\\u{202e}");
  });
});

describe("control characters in aligned text tables (fit, weights, monitor, fidelity on a terminal)", () => {
  it("keep a cell on its line: a line feed or tab from the data is written \\n or \\t, and the columns still align", () => {
    const lines = alignColumns([
      ["term", "estimate"],
      ["siteB\nerror: forged line", "0.1"],
      ["a\tb", "22.5"],
    ]);
    // widths: the escaped first cells are 26 characters, "estimate" 8
    expect(lines).toEqual(["term                       estimate", "siteB\\nerror: forged line       0.1", "a\\tb                           22.5"]);
    expect(lines.join("\n").split("\n")).toHaveLength(3);
  });
});
