#!/usr/bin/env node
// The README's first command (`pnpm --silent example`): generates the example study's data if they
// are not there yet (seeded, so always the same), runs its analysis plan with trialstat, and shows
// the planted effects beside the estimates.
//
//   node examples/hlt/run.mjs [--scale 1] [--seed 3]
//
// Data go to examples/hlt/data (regenerated when the seed or scale asked for differs from what is
// there), results to examples/hlt/out. Both are git-ignored.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { comparison, comparisonText } from "./compare.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const cli = join(root, "packages", "cli", "dist", "index.js");
const show = (p) => relative(process.cwd(), p) || ".";

function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value)) {
    process.stderr.write(`error: ${name} needs a number, not "${args[at + 1] ?? ""}"\n  hint: node examples/hlt/run.mjs [--scale 1] [--seed 3]\n`);
    process.exit(2);
  }
  return value;
}

if (!existsSync(cli)) {
  process.stderr.write(`error: ${show(cli)} is missing\n  hint: run "pnpm install" (it builds trialstat) or "pnpm run build"\n`);
  process.exit(2);
}
// the generator draws from the built core library, so it is loaded once the build is known to be there
const { DEFAULT_SEED, isCurrent, writeStudy } = await import("./generate.mjs");

const options = { scale: option("--scale", 1), seed: option("--seed", DEFAULT_SEED) };
const data = join(here, "data");
const out = join(here, "out");

if (!isCurrent(data, options)) {
  let generated;
  try {
    generated = writeStudy(data, options);
  } catch (e) {
    process.stderr.write(`error: ${e.message}\n  hint: node examples/hlt/run.mjs [--scale 1] [--seed 3]\n`);
    process.exit(2);
  }
  const recruits = Object.values(generated.manifest.randomised).reduce((s, a) => s + a.T + a.C, 0);
  process.stdout.write(`Generated the example data: ${recruits.toLocaleString("en-GB")} recruits (seed ${options.seed}, scale ${options.scale}) in ${show(data)}/ (${generated.seconds.toFixed(1)} s)\n\n`);
}

const run = spawnSync(process.execPath, [cli, "run", show(join(here, "sap.yaml")), "--out", show(out)], { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);

const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
const truth = JSON.parse(readFileSync(join(data, "truth.json"), "utf8"));
const rows = comparison(results, truth).filter((r) => r.role === "primary");
process.stdout.write(`\nThe effects planted in the generated data (${show(join(data, "truth.json"))}) and what trialstat estimated:\n\n${comparisonText(rows, results.labels)}`);
process.stdout.write(`\nFull report: ${show(join(out, "report.html"))}. Every outcome: node ${show(join(here, "compare.mjs"))} --all. About the example: ${show(join(here, "README.md"))}\n`);
