#!/usr/bin/env node
// The example study (examples/hlt) at full size with its default seed, generated and run once for
// the whole suite, in its own process while the first test files run (test/global-setup.ts starts
// it): the data as `pnpm --silent example` writes them (data/, with truth.json), the plan beside them
// (sap.yaml) and `trialstat run sap.yaml --out out` as the README runs it, with the built CLI.
// Its exit code, stdout and stderr go to run.json, written last (by rename), which says it is ready.
//
//   node test/hlt-study/prepare.mjs <empty folder>
import { spawnSync } from "node:child_process";
import { copyFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SEED, writeStudy } from "../../examples/hlt/generate.mjs";

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const dir = process.argv[2];
writeStudy(join(dir, "data"), { scale: 1, seed: DEFAULT_SEED });
copyFileSync(repo("examples/hlt/sap.yaml"), join(dir, "sap.yaml"));
const run = spawnSync(process.execPath, [repo("packages/cli/dist/index.js"), "run", "sap.yaml", "--out", "out"], { cwd: dir, encoding: "utf8" });
if (run.error) throw run.error;
writeFileSync(join(dir, "run.json.part"), JSON.stringify({ code: run.status, stdout: run.stdout, stderr: run.stderr }));
renameSync(join(dir, "run.json.part"), join(dir, "run.json"));
