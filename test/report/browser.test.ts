import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";
import { hltStudy } from "../hlt-study/study.js";
import { chromiumAvailable, launchChromium, pageProblems } from "../web/chromium.js";
import { pdfPageLines } from "./pdf-text.js";

/**
 * report.html in a real browser: Debian's headless Chromium (`apt-get install -y chromium`; .ci/run
 * installs it when missing) opens the mini plan's report from disk; the test checks that the
 * headline table and every picture rendered with a real size, that nothing was fetched and nothing
 * went to the console, that the printed (A4) layout has no table or picture wider than the page,
 * and saves a screenshot and a PDF under test/artifacts/ (git-ignored; CI keeps them as artefacts).
 * The example study (examples/hlt, generated at full size) is printed too: it must take at most 40
 * A4 pages with every table and picture in it, and no page may end with a table's header or a
 * section heading (the PDF's text is read back with pdf.js, test/report/pdf-text.ts).
 * Without Chromium the test fails in CI (CI set) and is skipped, saying why, elsewhere.
 */
const artifacts = repoPath("test/artifacts");

describe.skipIf(!chromiumAvailable)("report.html in headless Chromium", () => {
  let browser: Browser;
  const out = join(artifacts, "report-mini");

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    rmSync(out, { recursive: true, force: true });
    const r = await runCli(["run", repoPath("test/sap/mini/sap.yaml"), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the headline table and every picture, fetches nothing, logs nothing; screenshot and PDF saved", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = pageProblems(page);
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) problems.push(`fetched ${r.url()}`);
    });
    page.on("requestfailed", (r) => problems.push(`failed ${r.url()}`));
    await page.goto(pathToFileURL(join(out, "report.html")).href, { waitUntil: "load" });

    const headline = await page.locator("#table-headline table").boundingBox();
    expect(headline!.width).toBeGreaterThan(250);
    expect(headline!.height).toBeGreaterThan(60);
    expect(await page.locator("#table-headline tbody tr").count()).toBe(2);
    expect(await page.locator("#table-headline tbody tr").first().locator("td").first().textContent()).toMatch(/ppt/);

    const plots = readdirSync(join(out, "plots")).length;
    const svgs = page.locator("figure.plot svg");
    expect(await svgs.count()).toBe(plots);
    for (let k = 0; k < plots; k++) {
      const svg = svgs.nth(k);
      const id = await svg.getAttribute("id");
      const box = await svg.boundingBox();
      expect(box!.width, id!).toBeGreaterThan(300);
      expect(box!.height, id!).toBeGreaterThan(150);
      // something was drawn inside: markers, bars or boxes with a size
      const marks = await svg.locator(".estimate, .bar, .flow-box rect").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).length);
      expect(marks, id!).toBeGreaterThan(0);
    }
    expect(await page.locator("#deviations").textContent()).toContain("None");
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(artifacts, "report-mini.png"), fullPage: true });

    // printed on A4: nothing wider than the page
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 718, height: 1000 });
    // (a string: the test's TypeScript has no DOM types)
    const tooWide = await page.evaluate(`[...document.querySelectorAll("figure table, figure.plot svg")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => (e.closest("figure")?.id ?? e.tagName) + ": " + Math.round(e.getBoundingClientRect().right) + "px")`);
    expect(tooWide).toEqual([]);
    const pdf = await page.pdf({ path: join(artifacts, "report-mini.pdf"), format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();
  }, 120_000);

  it("prints the example study on at most 40 A4 pages, everything in it, no header at the foot of a page", async () => {
    // the example study, generated and run once for the suite (test/hlt-study)
    const { out, run } = await hltStudy();
    expect(run.code, run.stderr).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(join(out, "report.html")).href, { waitUntil: "load" });
    await page.screenshot({ path: join(artifacts, "report-hlt.png") });
    // everything is in it: one table per tables/*.csv (but notes.csv), one picture per plots/*.svg
    const tables = readdirSync(join(out, "tables")).filter((f) => f !== "notes.csv").length;
    expect(await page.locator("main figure.table").count()).toBe(tables);
    expect(await page.locator("main figure.plot svg").count()).toBe(readdirSync(join(out, "plots")).length);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ path: join(artifacts, "report-hlt.pdf"), format: "A4", printBackground: true });
    const pages = pdfPageCount(pdf);
    console.log(`report-hlt.pdf: ${pages} A4 pages`);
    expect(pages).toBeGreaterThan(10);
    expect(pages).toBeLessThanOrEqual(40);
    // read the PDF's text back, page by page: no page may end with a heading or a table's header row
    const lines = await pdfPageLines(pdf);
    expect(lines).toHaveLength(pages);
    const title = (await page.evaluate(`document.querySelector("h1").textContent.replace(/\\s+/g, " ").trim()`)) as string;
    expect(lines[0], "the PDF's text is read back").toContain(title);
    const headings = new Set(
      (await page.evaluate(`[...document.querySelectorAll("caption, tr.section th, h2")].map((e) => e.textContent.replace(/\\s+/g, " ").trim())`)) as string[],
    );
    const headerWords = new Set(((await page.evaluate(`[...document.querySelectorAll("thead th")].map((e) => e.textContent)`)) as string[]).flatMap((t) => t.split(/\s+/)).filter(Boolean));
    // a heading the layout moved to a page's foot would be seen: at least one of them is read back whole
    expect(lines.flat().filter((l) => headings.has(l)).length).toBeGreaterThan(0);
    const ends: string[] = [];
    lines.forEach((onPage, k) => {
      const last = onPage[onPage.length - 1] ?? "";
      const onlyHeader = last.split(" ").every((w) => headerWords.has(w));
      if (headings.has(last) || onlyHeader) ends.push(`page ${k + 1} ends with "${last}"`);
    });
    expect(ends).toEqual([]);
    await page.close();
  }, 300_000);
});

/** The number of pages of a PDF that Chromium wrote: its page objects (/Type /Page, not /Pages). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}
