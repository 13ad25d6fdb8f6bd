// One benchmark scenario in its own process, so that peak memory is its own:
//   node test/bench/fit-scenario.mjs <n> <k> <se> [clusters]
// prints {"seconds": ..., "peak_mb": ...}; the fit runs through fitFormula (model frame, model
// matrix, QR, variance), as `trialstat fit` does after reading the CSV.
import { fitFormula, tableFromColumns } from "../../packages/core/dist/trialstat-core.js";
import { peakMb as peakMb_ } from "./scenario.mjs";
import { syntheticColumns } from "./synthetic.mjs";

const [n, k, se, clusters] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5] ? Number(process.argv[5]) : undefined];
const table = tableFromColumns(syntheticColumns(n, k, clusters), "synthetic");
const formula = `y ~ ${Array.from({ length: k - 1 }, (_, j) => `x${j + 1}`).join(" + ")}`;
const start = process.hrtime.bigint();
const result = fitFormula(table, { formula, se, cluster: clusters ? "cl" : undefined });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const peakMb = peakMb_();
process.stdout.write(JSON.stringify({ seconds, peak_mb: peakMb, se_x1: result.coefficients[1].std_error, df_x1: result.coefficients[1].df }) + "\n");
