import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";
import { chromiumAvailable, launchChromium, pageProblems } from "./chromium.js";

/**
 * The browser page end to end (packages/web, built by `pnpm --silent web`'s script): headless
 * Chromium opens the one HTML file from disk, the user gives the mini plan's SAP and data files,
 * the plan runs in the page's Web Worker, and the outputs downloaded from the page are byte for byte
 * those `trialstat run` writes (results.json, report.html). The page may fetch nothing (every
 * request is checked: only the file itself, and blob: URLs it makes) and may log nothing — its
 * security policy's refusals would show there. A screenshot is left in test/artifacts/web-page.png.
 */
const mini = repoPath("test/sap/mini");
let browser: Browser;
let html: string;
let cli: string;

describe.skipIf(!chromiumAvailable)("the browser page in headless Chromium", () => {
  beforeAll(async () => {
    const built = spawnSync(process.execPath, [repoPath("packages/web/scripts/build.mjs")], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    html = built.stdout.trim();
    expect(html).toBe(repoPath("packages/web/dist/trialstat.html"));
    cli = join(mkdtempSync(join(tmpdir(), "trialstat-web-")), "out");
    const r = await runCli(["run", join(mini, "sap.yaml"), "--out", cli]);
    expect(r.code, r.stderr).toBe(0);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The page, opened from disk, with every request and console line it makes collected as a problem. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ acceptDownloads: true });
    const problems = pageProblems(page);
    page.on("request", (r) => {
      const url = r.url();
      if (!(url === pathToFileURL(html).href || url.startsWith("blob:") || url.startsWith("data:"))) problems.push(`requested ${url}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
    return { page, problems };
  }

  async function download(page: Page, id: string): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
    return readFileSync((await file.path())!);
  }

  it("runs the mini plan from files given one by one: results.json and report.html are the CLI's, byte for byte", async () => {
    const { page, problems } = await openPage();
    await page.setInputFiles("#files", [join(mini, "sap.yaml"), ...readdirSync(join(mini, "data")).map((f) => join(mini, "data", f))]);
    expect(await page.locator("#sap").inputValue()).toBe("sap.yaml");
    await page.click("#run");
    await page.locator("#results").waitFor({ state: "visible", timeout: 120_000 });
    expect(await page.locator("#status").textContent()).toMatch(/^Done in [\d.]+ s: 50 estimates\.$/);
    expect(await page.locator("#results-title").textContent()).toBe("Mini trial");

    expect((await download(page, "download-results-json")).equals(readFileSync(join(cli, "results.json")))).toBe(true);
    expect((await download(page, "download-report-html")).equals(readFileSync(join(cli, "report.html")))).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(page, "download-tables-xlsx")) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name).slice(0, 4)).toEqual(["Cover_sheet", "Contents", "Notes", "Table_1"]);
    expect(workbook.getWorksheet("Cover_sheet")!.getCell("A1").value).toBe("Mini trial");

    // the report shows in the page
    const report = page.frameLocator("#report");
    expect(await report.locator("#table-headline tbody tr").count()).toBe(2);
    expect(problems).toEqual([]);
    mkdirSync(repoPath("test/artifacts"), { recursive: true });
    await page.screenshot({ path: repoPath("test/artifacts/web-page.png"), fullPage: true });
    await page.close();
  }, 180_000);

  it("runs it from a folder given whole, finding each source at its path beside the SAP", async () => {
    const { page, problems } = await openPage();
    await page.setInputFiles("#folder", mini);
    const options = await page.locator("#sap option").allTextContents();
    expect(options[0]).toMatch(/(^|\/)sap\.yaml$/);
    expect(options.some((o) => o.endsWith("adjusted.yaml"))).toBe(true);
    await page.click("#run");
    await page.locator("#results").waitFor({ state: "visible", timeout: 120_000 });
    expect((await download(page, "download-results-json")).equals(readFileSync(join(cli, "results.json")))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("says which sources are missing, where the SAP names them, and how to give them", async () => {
    const { page, problems } = await openPage();
    await page.setInputFiles("#files", [join(mini, "sap.yaml"), join(mini, "data", "baseline.csv")]);
    await page.click("#run");
    await page.locator("#problems li").first().waitFor({ timeout: 120_000 });
    const lines = await page.locator("#problems li").allTextContents();
    expect(lines).toHaveLength(4); // survey12, hmrc, profile, withdrawals
    expect(lines[0]).toBe(
      "error: sap.yaml:13:11: sources.survey12.file: the SAP names the source file data/survey12.csv, which was not among the files given" +
        "hint: add survey12.csv to the files (or give the SAP's whole folder)",
    );
    expect(await page.locator("#results").isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
