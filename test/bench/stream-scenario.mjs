// One streaming run in its own process: `node test/bench/stream-scenario.mjs <dir>` runs the plan in
// <dir>/sap.yaml through the CLI's streamed file reading and prints seconds and peak memory.
import { statSync } from "node:fs";
import { join } from "node:path";
import { runPlan } from "../../packages/core/dist/trialstat-core.js";
import { planInput } from "../../packages/cli/dist/sap-files.js";
import { peakMb } from "./scenario.mjs";

const dir = process.argv[2];
const start = process.hrtime.bigint();
const run = runPlan(planInput({ path: (p) => p }, join(dir, "sap.yaml")));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const extract = statSync(join(dir, "data/tax_monthly.csv")).size;
process.stdout.write(
  `${JSON.stringify({ seconds, peak_mb: peakMb(), file_mb: extract / 1e6, records: run.results.inputs.find((i) => i.source === "tax").rows, estimates: run.results.rows.length })}\n`,
);
