import { existsSync } from "node:fs";
import { type Browser, type Page, chromium } from "playwright-core";
import { expect } from "vitest";

/**
 * Debian's headless Chromium for the browser tests (`apt-get install -y chromium`; .ci/run installs
 * it when missing), or CHROMIUM_PATH. Without it the tests fail in CI (CI set) and are skipped,
 * saying why, elsewhere: `describe.skipIf(!chromiumAvailable)`.
 */
const chromiumExecutable = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
export const chromiumAvailable = chromiumExecutable !== undefined || Boolean(process.env.CI);
if (!chromiumExecutable && !process.env.CI) console.warn("browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium, or set CHROMIUM_PATH)");

/** Starts it: playwright gives the browser a fresh temporary profile; no GPU, sandbox or background traffic. */
export async function launchChromium(): Promise<Browser> {
  expect(chromiumExecutable, "Chromium is required in CI: .ci/run installs Debian's chromium").toBeDefined();
  return chromium.launch({
    executablePath: chromiumExecutable,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** What a page logs to its console and the errors it throws, as the problems a test expects none of (requests are each test's own rule). */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => problems.push(`console ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}
