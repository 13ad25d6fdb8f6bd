// `pnpm bench`: timings and peak memory, each scenario in its own process.
// Beside each fit, the same fit in R's estimatr::lm_robust when Rscript is installed
// (same deterministic data, see synthetic.mjs / fit-scenario.R), with the time ratio.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const R_TIMEOUT_S = Number(process.env.BENCH_R_TIMEOUT ?? 120);

const fitScenarios = [
  { label: "fit n=10^6 k=20 HC2", args: ["1000000", "20", "HC2"] },
  { label: "fit n=10^6 k=20 CR2, 1,000 clusters", args: ["1000000", "20", "CR2", "1000"] },
];

function run(cmd, args, timeoutS) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: timeoutS ? timeoutS * 1000 : undefined, maxBuffer: 1 << 24 });
  if (r.error?.code === "ENOENT") return { missing: true };
  if (r.signal === "SIGTERM") return { timedOut: true };
  if (r.status !== 0) return { failed: (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ") };
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const haveR = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(estimatr))"], { encoding: "utf8" }).status === 0;
const rows = [["scenario", "trialstat s", "peak MB", "estimatr s", "peak MB", "estimatr / trialstat"]];
for (const s of fitScenarios) {
  const ours = run(process.execPath, [here("./fit-scenario.mjs"), ...s.args]);
  let theirs = { missing: true };
  if (haveR) theirs = run("Rscript", [here("./fit-scenario.R"), ...s.args], R_TIMEOUT_S);
  const rTime = theirs.seconds !== undefined ? theirs.seconds.toFixed(2) : theirs.timedOut ? `>${R_TIMEOUT_S} (stopped)` : theirs.missing ? "R not installed" : `failed: ${theirs.failed}`;
  const ratio = theirs.seconds !== undefined ? `${(theirs.seconds / ours.seconds).toFixed(1)}×` : theirs.timedOut ? `>${(R_TIMEOUT_S / ours.seconds).toFixed(0)}×` : "";
  rows.push([s.label, ours.seconds.toFixed(2), ours.peak_mb.toFixed(0), rTime, theirs.peak_mb ? theirs.peak_mb.toFixed(0) : "", ratio]);
  if (theirs.se_x1 !== undefined) {
    const rel = Math.abs(ours.se_x1 - theirs.se_x1) / Math.abs(theirs.se_x1);
    rows.push([`  same SE(x1) as estimatr`, rel < 1e-8 ? `yes (${rel.toExponential(1)})` : `NO (${rel.toExponential(1)})`, "", "", "", ""]);
  }
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
for (const r of rows) console.log(r.map((c, j) => (j === 0 ? String(c).padEnd(widths[j]) : String(c).padStart(widths[j]))).join("  "));
console.log(`(${process.version}, ${process.platform}/${process.arch}; R timeout ${R_TIMEOUT_S} s, set BENCH_R_TIMEOUT to change)`);
