// One run of the example study in its own process, so that its peak memory is its own:
//   node test/bench/example-scenario.mjs <sap.yaml> <out dir>
// runs `trialstat run <sap> --out <dir> --timings` in this process (the CLI as a user runs it) and
// prints {"seconds": ..., "peak_mb": ..., "timings": {step: seconds}} as its last line.
import { fileURLToPath } from "node:url";
import { peakMb } from "./scenario.mjs";

const cli = fileURLToPath(new URL("../../packages/cli/dist/index.js", import.meta.url));
const [sap, out] = process.argv.slice(2);
const captured = [];
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => {
  captured.push(String(chunk));
  return write(chunk, ...rest);
};
const started = process.hrtime.bigint();
process.argv = [process.argv[0], cli, "run", sap, "--out", out, "--timings"];
await import(cli);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write = write;
if (process.exitCode) process.exit(process.exitCode);
// the CLI's timing lines: "step   0.123 s"
const timings = {};
for (const line of captured.join("").split("\n")) {
  const m = /^(.*?)\s+(\d+\.\d+) s$/.exec(line);
  if (m && m[1] !== "total") timings[m[1]] = Number(m[2]);
}
process.stdout.write(`${JSON.stringify({ seconds, peak_mb: peakMb(), timings })}\n`);
