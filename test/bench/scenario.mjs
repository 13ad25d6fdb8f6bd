import { spawnSync } from "node:child_process";

/**
 * Runs one benchmark scenario in its own process (so its peak memory is its own) and parses the
 * JSON line it prints last. Returns { missing } / { timedOut } / { failed } when it cannot.
 */
export function runScenario(cmd, args, timeoutS) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: timeoutS ? timeoutS * 1000 : undefined, maxBuffer: 1 << 26 });
  if (r.error?.code === "ENOENT") return { missing: true };
  if (r.signal === "SIGTERM") return { timedOut: true };
  if (r.status !== 0) return { failed: (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ") };
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/** Peak resident memory of this process so far, in MB. */
export function peakMb() {
  return process.resourceUsage().maxRSS / 1024;
}

const R_TIMEOUT_S = Number(process.env.BENCH_R_TIMEOUT ?? 120);

/**
 * Times each scenario in trialstat (`node script ...args`) and in R (`Rscript rScript ...args`, when
 * R and `rPackage` are installed), and returns the suite's rows: scenario, seconds and peak MB on
 * each side, the ratio, then a row saying whether the value `same.key` agrees to 1e-8 (`same.label`).
 */
export function timeAgainstR({ scenarios, script, rScript, rPackage, same }) {
  const haveR = spawnSync("Rscript", ["-e", `suppressPackageStartupMessages(library(${rPackage}))`], { encoding: "utf8" }).status === 0;
  const rows = [];
  for (const s of scenarios) {
    const ours = runScenario(process.execPath, [script, ...s.args]);
    const theirs = haveR ? runScenario("Rscript", [rScript, ...s.args], R_TIMEOUT_S) : { missing: true };
    const rTime =
      theirs.seconds !== undefined ? theirs.seconds.toFixed(2) : theirs.timedOut ? `>${R_TIMEOUT_S} (stopped)` : theirs.missing ? "R not installed" : `failed: ${theirs.failed}`;
    const ratio = theirs.seconds !== undefined ? `${(theirs.seconds / ours.seconds).toFixed(1)}×` : theirs.timedOut ? `>${(R_TIMEOUT_S / ours.seconds).toFixed(0)}×` : "";
    rows.push([s.label, ours.seconds.toFixed(2), ours.peak_mb.toFixed(0), rTime, theirs.peak_mb ? theirs.peak_mb.toFixed(0) : "", ratio]);
    if (theirs[same.key] !== undefined) {
      const rel = Math.abs(ours[same.key] - theirs[same.key]) / Math.abs(theirs[same.key]);
      rows.push([`  ${same.label}`, rel < 1e-8 ? `yes (${rel.toExponential(1)})` : `NO (${rel.toExponential(1)})`, "", "", "", ""]);
    }
  }
  return rows;
}
