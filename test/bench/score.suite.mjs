// Benchmark suite: `trialstat score` from CSV to CSV on 10^6 synthetic respondents × 9 PHQ-9 items.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runScenario } from "./scenario.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));

export const title = "score (trialstat score, CSV to CSV, in a child process)";
export const columns = ["scenario", "seconds", "peak MB", "input MB", "output MB", "rows out"];

/**
 * n respondents × 9 PHQ-9 items from a fixed linear congruential generator (same file every run):
 * about 2% of cells blank, so some scores are prorated and some missing.
 */
function phq9Csv(n) {
  let state = 20240601;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const parts = ["id,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9\n"];
  for (let i = 1; i <= n; i++) {
    let row = `P${String(i).padStart(7, "0")}`;
    for (let j = 0; j < 9; j++) {
      const r = next() >>> 8;
      row += r % 50 === 0 ? "," : `,${r & 3}`;
    }
    parts.push(`${row}\n`);
  }
  return parts.join("");
}

export function run() {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-bench-score-"));
  try {
    const n = 1_000_000;
    const data = join(dir, "phq9.csv");
    const out = join(dir, "scores.csv");
    writeFileSync(data, phq9Csv(n));
    const started = process.hrtime.bigint();
    const r = runScenario(process.execPath, [here("./score-scenario.mjs"), "phq9", data, out]);
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.seconds === undefined) return [["score phq9 n=10^6", `failed: ${r.failed ?? "timed out"}`, "", "", "", ""]];
    const rows = readFileSync(out, "utf8").split("\n").length - 2;
    const mb = (f) => (statSync(f).size / 2 ** 20).toFixed(0);
    return [
      ["score phq9 n=10^6, 9 items", r.seconds.toFixed(2), r.peak_mb.toFixed(0), mb(data), mb(out), String(rows)],
      ["  with node start-up", wall.toFixed(2), "", "", "", ""],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
