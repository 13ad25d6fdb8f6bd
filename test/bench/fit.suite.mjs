// Benchmark suite: `trialstat fit` engine on synthetic data, beside estimatr::lm_robust.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runScenario } from "./scenario.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const R_TIMEOUT_S = Number(process.env.BENCH_R_TIMEOUT ?? 120);

export const title = "fit (engine: model frame, model matrix, QR, variance)";
export const columns = ["scenario", "trialstat s", "peak MB", "estimatr s", "peak MB", "estimatr / trialstat"];

const scenarios = [
  { label: "fit n=10^6 k=20 HC2", args: ["1000000", "20", "HC2"] },
  { label: "fit n=10^6 k=20 CR2, 1,000 clusters", args: ["1000000", "20", "CR2", "1000"] },
];

export function run() {
  const haveR = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(estimatr))"], { encoding: "utf8" }).status === 0;
  const rows = [];
  for (const s of scenarios) {
    const ours = runScenario(process.execPath, [here("./fit-scenario.mjs"), ...s.args]);
    const theirs = haveR ? runScenario("Rscript", [here("./fit-scenario.R"), ...s.args], R_TIMEOUT_S) : { missing: true };
    const rTime =
      theirs.seconds !== undefined ? theirs.seconds.toFixed(2) : theirs.timedOut ? `>${R_TIMEOUT_S} (stopped)` : theirs.missing ? "R not installed" : `failed: ${theirs.failed}`;
    const ratio = theirs.seconds !== undefined ? `${(theirs.seconds / ours.seconds).toFixed(1)}×` : theirs.timedOut ? `>${(R_TIMEOUT_S / ours.seconds).toFixed(0)}×` : "";
    rows.push([s.label, ours.seconds.toFixed(2), ours.peak_mb.toFixed(0), rTime, theirs.peak_mb ? theirs.peak_mb.toFixed(0) : "", ratio]);
    if (theirs.se_x1 !== undefined) {
      const rel = Math.abs(ours.se_x1 - theirs.se_x1) / Math.abs(theirs.se_x1);
      rows.push(["  same SE(x1) as estimatr", rel < 1e-8 ? `yes (${rel.toExponential(1)})` : `NO (${rel.toExponential(1)})`, "", "", "", ""]);
    }
  }
  return rows;
}
