import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { miniCopy } from "../sap/mini-copy.js";

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? allFiles(join(dir, f)) : [join(dir, f)]));
}

/**
 * Labels, titles and levels from the SAP and the data are text in every output: `<script>` in a
 * label never becomes HTML in results.md, report.html or a picture, Markdown syntax in a label
 * never becomes a link, emphasis or a table column in results.md, and a control character is
 * written visibly (`\x1b`).
 */
describe("text from the SAP and the data never becomes markup", () => {
  it("in results.md, report.html and the pictures", async () => {
    const dir = miniCopy({
      sap: (t) =>
        t
          .replace("title: Mini trial", 'title: "<script>alert(1)</script> [x](javascript:y)"')
          .replace("label: SCR,", 'label: "<img src=x onerror=alert(2)>",')
          .replace("label: Employment", 'label: "Employment | *in work* <b>"')
          .replace("label: Earnings", 'label: "Earnings\\e[31m\\u202e"')
          .replace('title: "Age of participants, by site"', 'title: "<iframe src=z> age"')
          .replace("F: Female, M: Male", 'F: Female, "<i>M</i>": "<u>Male</u>"'),
      files: { "data/baseline.csv": (t) => t.replace(/,M,/g, ",<i>M</i>,") },
    });
    const r = await runCli(["run", "sap.yaml", "--out", "out"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const markup = /<(script|img|b|i|u|iframe)[\s>]/i;
    const files = allFiles(join(dir, "out")).filter((f) => /\.(md|html|svg)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect(text, f).not.toMatch(markup);
      expect(text, f).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]/); // control characters made visible
    }
    expect(readFileSync(join(dir, "out/report.html"), "utf8")).toContain("Earnings\\x1b[31m\\u{202e}");

    const md = readFileSync(join(dir, "out/results.md"), "utf8");
    expect(md).toContain("# &lt;script>alert(1)&lt;/script> \\[x\\](javascript:y)");
    expect(md).toContain("| Employment \\| \\*in work\\* &lt;b> |");
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    expect(html).toContain("<title>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:y)</title>");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    for (const text of [md, html]) {
      expect(text).toContain(text === md ? "&lt;i>M&lt;/i>" : "&lt;i&gt;M&lt;/i&gt;"); // a subgroup level from the data
      expect(text).toContain(text === md ? "&lt;u>Male&lt;/u>" : "&lt;u&gt;Male&lt;/u&gt;"); // a label from the SAP
    }
    const svg = readFileSync(join(dir, "out/plots/forest-all-1.svg"), "utf8");
    expect(svg).toContain("&lt;i&gt;M&lt;/i&gt;");
  });
});
