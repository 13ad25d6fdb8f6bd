// Benchmark suite: the bootstrap (wild cluster, pairs, cluster), with 1 and 2 worker threads, beside
// R's boot::boot for the pairs bootstrap; and coverage of a known effect on simulated trials (the
// heavier version of test/bootstrap/coverage.test.ts).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runScenario } from "./scenario.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const R_TIMEOUT_S = Number(process.env.BENCH_R_TIMEOUT ?? 120);

export const title = "bootstrap (draws in blocks over worker threads; the same bytes for any number of threads)";
export const columns = ["scenario", "trialstat s", "peak MB", "R (boot) s", "R / trialstat", "note"];

const timed = [
  { label: "wild (Webb), 9,999 draws, n=10^5, k=5, 50 clusters", args: ["wild", "100000", "5", "50", "9999", "1"] },
  { label: "pairs, 999 draws, n=10^4, k=20, HC2, 1 thread", args: ["pairs", "10000", "20", "0", "999", "1"], r: ["10000", "20", "999"] },
  { label: "pairs, 999 draws, n=10^4, k=20, HC2, 2 threads", args: ["pairs", "10000", "20", "0", "999", "2"] },
  { label: "cluster, 999 draws, n=10^4, k=20, 100 clusters, CR1, 1 thread", args: ["cluster", "10000", "20", "100", "999", "1"] },
  { label: "cluster, 999 draws, n=10^4, k=20, 100 clusters, CR1, 2 threads", args: ["cluster", "10000", "20", "100", "999", "2"] },
];

export function run() {
  const haveR = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(boot)); library(sandwich)"], { encoding: "utf8" }).status === 0;
  const rows = [];
  for (const s of timed) {
    const ours = runScenario(process.execPath, [here("./bootstrap-scenario.mjs"), ...s.args]);
    if (ours.failed) {
      rows.push([s.label, `failed: ${ours.failed}`, "", "", "", ""]);
      continue;
    }
    let rTime = "";
    let ratio = "";
    if (s.r) {
      const theirs = haveR ? runScenario("Rscript", [here("./bootstrap-scenario.R"), ...s.r], R_TIMEOUT_S) : { missing: true };
      rTime = theirs.seconds !== undefined ? theirs.seconds.toFixed(2) : theirs.timedOut ? `>${R_TIMEOUT_S} (stopped)` : theirs.missing ? "R not installed" : `failed: ${theirs.failed}`;
      ratio = theirs.seconds !== undefined ? `${(theirs.seconds / ours.seconds).toFixed(1)}×` : theirs.timedOut ? `>${(R_TIMEOUT_S / ours.seconds).toFixed(0)}×` : "";
    }
    rows.push([s.label, ours.seconds.toFixed(2), ours.peak_mb.toFixed(0), rTime, ratio, `p = ${ours.p.toFixed(4)}`]);
  }
  for (const [kind, sets, draws, label] of [
    ["coverage-wild", "1000", "999", "coverage: wild WCR interval, 16 clusters, 1,000 trials × 999 draws"],
    ["coverage-pairs", "500", "999", "coverage: pairs studentised, n = 80, 500 trials × 999 draws"],
  ]) {
    const c = runScenario(process.execPath, [here("./bootstrap-scenario.mjs"), kind, sets, draws]);
    const se = Math.sqrt((0.95 * 0.05) / Number(sets));
    rows.push([label, c.seconds.toFixed(2), c.peak_mb.toFixed(0), "", "", `${(c.coverage * 100).toFixed(1)}% (95% ± ${(196 * se).toFixed(1)})`]);
  }
  return rows;
}
