import { describe, expect, it } from "vitest";
import { markdownTable, markdownText } from "./markdown.js";

describe("markdownText", () => {
  it("never lets raw HTML or an autolink through", () => {
    expect(markdownText("<script>alert(1)</script>")).toBe("&lt;script>alert(1)&lt;/script>");
    expect(markdownText('<img src=x onerror="x()">')).toBe('&lt;img src=x onerror="x()">');
    expect(markdownText("<!-- c --> <?php ?> <https://x.org>")).toBe("&lt;!-- c --> &lt;?php ?> &lt;https://x.org>");
    expect(markdownText("&lt;script&gt; &#60;b&#x3E;")).toBe("&amp;lt;script&amp;gt; &amp;#60;b&amp;#x3E;");
  });

  it("leaves ordinary text as typed", () => {
    expect(markdownText("<0.001")).toBe("<0.001");
    expect(markdownText("Health & work (age 16-64), 5 < 6")).toBe("Health & work (age 16-64), 5 < 6");
  });

  it("escapes emphasis, code, links, tables, maths and block starts", () => {
    expect(markdownText("a_b *c* `d` [e](f) g|h ~~i~~ $x$ \\")).toBe("a\\_b \\*c\\* \\`d\\` \\[e\\](f) g\\|h \\~\\~i\\~\\~ \\$x\\$ \\\\");
    expect(markdownText("# not a heading")).toBe("\\# not a heading");
    expect(markdownText("> quote")).toBe("\\> quote");
    expect(markdownText("- item")).toBe("\\- item");
    expect(markdownText("12. item")).toBe("12\\. item");
    expect(markdownText("---")).toBe("\\---");
    expect(markdownText("-2.5, 12.5, #3, +1")).toBe("-2.5, 12.5, #3, +1");
    expect(markdownText("line one\nline two\r\nthree")).toBe("line one line two three");
  });

  it("escapes every cell of a table", () => {
    expect(markdownTable(["a|b", "n"], [["<b>x</b>", "1"]])).toBe("| a\\|b | n |\n|:---|---:|\n| &lt;b>x&lt;/b> | 1 |");
  });
});
