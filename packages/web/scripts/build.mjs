#!/usr/bin/env node
// Builds the browser page (`pnpm --silent web`, after `pnpm run build`): packages/web/dist/trialstat.html,
// one self-contained file to open from disk (file:// works: no server, nothing fetched). The Web
// Worker that runs the plan (src/worker.ts, with @trialstat/core's browser build) is bundled first
// and inlined in the page's script as a string, which the page turns into a Blob URL to start the
// worker. Prints the file's path on standard output.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (f) => fileURLToPath(new URL(`../${f}`, import.meta.url));
const common = { bundle: true, write: false, platform: "browser", target: "es2022", conditions: ["browser"], minifyWhitespace: true, minifySyntax: true, legalComments: "eof", logLevel: "warning" };

// esbuild has printed what failed (run `pnpm run build` first: the page uses core's built browser bundle)
const failed = () => process.exit(1);
const worker = await build({ ...common, entryPoints: [here("src/worker.ts")], format: "iife" }).catch(failed);
const page = await build({ ...common, entryPoints: [here("src/page.ts")], format: "iife", define: { WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) } }).catch(failed);
const { version } = JSON.parse(readFileSync(here("../core/package.json"), "utf8"));
// the script is inline: "</script" or "<!--" inside it would end or upset the script element
const script = page.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
const html = readFileSync(here("src/index.html"), "utf8").replaceAll("__VERSION__", version).replace("<!-- script -->", () => `<script>\n${script}</script>`);
mkdirSync(here("dist"), { recursive: true });
const out = here("dist/trialstat.html");
writeFileSync(out, html);
process.stdout.write(`${out}\n`);
