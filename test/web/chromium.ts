import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { expect } from "vitest";

/**
 * Debian's headless Chromium for the browser tests (`apt-get install -y chromium`; .ci/run installs
 * it when missing), or CHROMIUM_PATH. Without it the tests fail in CI (CI set) and are skipped,
 * saying why, elsewhere: `describe.skipIf(!chromiumAvailable)`.
 */
export const chromiumExecutable = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
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
