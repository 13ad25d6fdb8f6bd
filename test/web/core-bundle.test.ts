import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { repoPath } from "../helpers.js";
import { chromiumAvailable, launchChromium, pageProblems } from "./chromium.js";

/**
 * @trialstat/core's browser build (dist/trialstat-core.browser.js, `pnpm run build`) loaded as an
 * ES module in headless Chromium, running the mini plan from its files' bytes handed to the page:
 * results.json must be byte for byte what `trialstat run` writes. The module is served to the page
 * by Playwright from disk under a made-up origin (page.route): nothing listens, nothing is fetched
 * from a network, and every request the page makes is checked.
 */
const ORIGIN = "http://trialstat.invalid";

describe.skipIf(!chromiumAvailable)("the core library's browser build in headless Chromium", () => {
  let browser: Browser;
  let cliResults: string;

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), "trialstat-bundle-")), "out");
    const r = await runCli(["run", repoPath("test/sap/mini/sap.yaml"), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    cliResults = readFileSync(join(out, "results.json"), "utf8");
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("runs the mini plan and gives the CLI's results.json, byte for byte", async () => {
    const page = await browser.newPage();
    const problems = pageProblems(page);
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/`) return route.fulfill({ contentType: "text/html", body: "<!DOCTYPE html><title>core</title>" });
      if (url === `${ORIGIN}/trialstat-core.browser.js`) return route.fulfill({ contentType: "text/javascript", body: readFileSync(repoPath("packages/core/dist/trialstat-core.browser.js")) });
      problems.push(`fetched ${url}`);
      return route.abort();
    });
    await page.goto(`${ORIGIN}/`);
    const folder = repoPath("test/sap/mini");
    const files: Record<string, number[]> = { "sap.yaml": [...readFileSync(join(folder, "sap.yaml"))] };
    for (const f of readdirSync(join(folder, "data"))) files[`data/${f}`] = [...readFileSync(join(folder, "data", f))];
    // (a string: the test's TypeScript has no DOM types)
    const results = (await page.evaluate(`(async (files) => {
      const core = await import("/trialstat-core.browser.js");
      const bytes = (f) => { if (!(f in files)) throw new Error("no file " + f); return new Uint8Array(files[f]); };
      const text = (f) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes(f));
      const run = core.runPlan({ sapText: text("sap.yaml"), sapFile: "sap.yaml", readFile: text, readBytes: bytes });
      return core.resultsJson(run.results);
    })(${JSON.stringify(files)})`)) as string;
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(10_000);
    expect(results).toBe(cliResults);
    await page.close();
  }, 120_000);
});
