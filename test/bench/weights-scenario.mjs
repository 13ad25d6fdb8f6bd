// One weights benchmark scenario in its own process:  node test/bench/weights-scenario.mjs <n> <logit|rake>
// prints {"seconds", "peak_mb", "deff"}; nonResponseWeights runs as `trialstat weights` does after
// reading the CSV (within group × arm, trimmed at 5).
import { nonResponseWeights, tableFromColumns } from "../../packages/core/dist/trialstat-core.js";
import { peakMb } from "./scenario.mjs";
import { weightsColumns } from "./weights-synthetic.mjs";

const [n, method] = [Number(process.argv[2]), process.argv[3]];
const table = tableFromColumns(weightsColumns(n), "synthetic");
const start = process.hrtime.bigint();
const { diagnostics } = nonResponseWeights(table, {
  response: "r",
  covariates: method === "rake" ? ["g", "h"] : ["x1", "x2", "g", "h"],
  within: ["group", "arm"],
  method,
  missingCovariates: "error",
  trim: { cap: 5 },
});
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ seconds, peak_mb: peakMb(), deff: diagnostics.summary.designEffect })}\n`);
