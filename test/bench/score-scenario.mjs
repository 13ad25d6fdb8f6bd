// One `trialstat score` run in its own process, so that peak memory is its own:
//   node test/bench/score-scenario.mjs <instrument> <data.csv> <out.csv> [more CLI options]
// runs the real CLI entry point in this process and prints {"seconds": ..., "peak_mb": ...} last
// (seconds from loading the CLI to the scores being written, CSV read and write included).
import { fileURLToPath, pathToFileURL } from "node:url";
import { peakMb } from "./scenario.mjs";

const [instrument, data, out, ...rest] = process.argv.slice(2);
const cli = fileURLToPath(new URL("../../packages/cli/dist/index.js", import.meta.url));
process.argv = [process.argv[0], cli, "score", "--instrument", instrument, "--data", data, "--out", out, ...rest];
const start = process.hrtime.bigint();
await import(pathToFileURL(cli).href);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
if (process.exitCode) process.exit(process.exitCode);
process.stdout.write(`${JSON.stringify({ seconds, peak_mb: peakMb() })}\n`);
