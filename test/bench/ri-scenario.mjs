// One randomisation-inference benchmark run as a user runs it, in its own process:
//   node test/bench/ri-scenario.mjs <data.csv> <k> <draws> [blocks]
// runs `trialstat fit --data <csv> --formula "y ~ treat + x1 + … + x(k−2)" --ri <draws> --seed 1
// [--blocks block]` in this process and prints {"seconds", "peak_mb", "estimate", "p"} as its last
// line; seconds is the whole process (node's start, reading the CSV, the fit, the draws).
import { fileURLToPath } from "node:url";
import { peakMb } from "./scenario.mjs";

const cli = fileURLToPath(new URL("../../packages/cli/dist/index.js", import.meta.url));
const [data, k, draws, blocks] = process.argv.slice(2);
const formula = `y ~ treat + ${Array.from({ length: Number(k) - 2 }, (_, j) => `x${j + 1}`).join(" + ")}`;
const chunks = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk) => {
  chunks.push(String(chunk));
  return true;
};
process.argv = [process.argv[0], cli, "fit", "--data", data, "--formula", formula, "--ri", draws, "--seed", "1", ...(blocks ? ["--blocks", "block"] : [])];
await import(cli);
// the CLI sets exitCode and returns; wait for its output to be complete
await new Promise((resolve) => setImmediate(resolve));
process.stdout.write = write;
if (process.exitCode) process.exit(process.exitCode);
const result = JSON.parse(chunks.join(""));
const ri = result.randomisation_inference;
process.stdout.write(`${JSON.stringify({ seconds: process.uptime(), peak_mb: peakMb(), estimate: ri.estimate, p: ri.ri_p_value })}\n`);
