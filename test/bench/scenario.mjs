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
