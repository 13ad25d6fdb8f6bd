// Benchmark suite: `trialstat fit` from a CSV file, the whole process (start-up, reading, model,
// output), beside Rscript with data.table::fread + estimatr::lm_robust, also a whole process.
// Targets (issue 11): 200,000 × 14 HC2 ≤ 0.5× R; CR2 on 500 clusters ≤ 0.1× R.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { numericFormula, writeNumericCsv } from "./csv-files.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const cli = here("../../packages/cli/dist/index.js");
const R_TIMEOUT_S = Number(process.env.BENCH_R_TIMEOUT ?? 120);

export const title = "fit from a CSV file, whole process (trialstat fit vs Rscript fread + lm_robust)";
export const columns = ["scenario", "trialstat s", "R s", "trialstat / R", "target", "same SE(x1)"];

function timed(cmd, args, timeoutS) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26, timeout: timeoutS ? timeoutS * 1000 : undefined });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.error?.code === "ENOENT") return { missing: true };
  if (r.signal === "SIGTERM") return { timedOut: true };
  if (r.status !== 0) return { failed: (r.stderr || r.stdout).trim().split("\n").slice(-2).join(" ") };
  return { seconds, stdout: r.stdout };
}

export function run() {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-bench-fitfile-"));
  try {
    const haveR = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages({library(data.table); library(estimatr)})"]).status === 0;
    const file = join(dir, "fit.csv");
    writeNumericCsv(file, 200_000, 14, { clusters: 500 });
    const formula = numericFormula(14);
    const scenarios = [
      { label: "200,000 × 14, HC2", ours: ["--se", "HC2"], theirs: ["HC2"], target: "≤ 0.5×" },
      { label: "200,000 × 14, CR2, 500 clusters", ours: ["--se", "CR2", "--cluster", "cl"], theirs: ["CR2", "cl"], target: "≤ 0.1×" },
    ];
    const rows = [];
    for (const s of scenarios) {
      const ours = timed(process.execPath, [cli, "fit", "--data", file, "--formula", formula, ...s.ours]);
      if (ours.seconds === undefined) {
        rows.push([s.label, `failed: ${ours.failed}`, "", "", s.target, ""]);
        continue;
      }
      const theirs = haveR ? timed("Rscript", [here("./fit-file-scenario.R"), file, ...s.theirs], R_TIMEOUT_S) : { missing: true };
      const seOurs = JSON.parse(ours.stdout).coefficients.find((c) => c.term === "x1").std_error;
      let rCell = theirs.seconds !== undefined ? theirs.seconds.toFixed(2) : theirs.missing ? "R not installed" : theirs.timedOut ? `>${R_TIMEOUT_S}` : `failed: ${theirs.failed}`;
      const ratio = theirs.seconds !== undefined ? `${(ours.seconds / theirs.seconds).toFixed(2)}×` : theirs.timedOut ? `<${(ours.seconds / R_TIMEOUT_S).toFixed(3)}×` : "";
      let same = "";
      if (theirs.stdout) {
        const seR = JSON.parse(theirs.stdout.trim().split("\n").pop()).se_x1;
        const rel = Math.abs(seOurs - seR) / Math.abs(seR);
        same = rel < 1e-8 ? `yes (${rel.toExponential(0)})` : `NO (${rel.toExponential(1)})`;
      }
      rows.push([s.label, ours.seconds.toFixed(2), rCell, ratio, s.target, same]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
