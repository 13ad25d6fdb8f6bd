// Benchmark suite: reading CSV (one core), numeric 200,000 × 14, unquoted and with every field
// quoted (as R's write.csv writes character data). Targets (issue 11): ≥ 100 MB/s on the numeric
// file; the quoted file ≤ 1.3× the unquoted one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeNumericCsv } from "./csv-files.mjs";
import { runScenario } from "./scenario.mjs";

export const title = "CSV reading (streamed from disk, typed into columns; best of 3, each in a child process)";
export const columns = ["file", "MB", "seconds", "MB/s", "peak MB", "vs unquoted"];

const script = fileURLToPath(new URL("./csv-scenario.mjs", import.meta.url));

function best(file) {
  let best;
  for (let i = 0; i < 3; i++) {
    const r = runScenario(process.execPath, [script, file]);
    if (r.seconds === undefined) return r;
    if (!best || r.seconds < best.seconds) best = r;
  }
  return best;
}

export function run() {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-bench-csv-"));
  try {
    const rows = [];
    let plain;
    for (const quoted of [false, true]) {
      const file = join(dir, quoted ? "quoted.csv" : "plain.csv");
      const bytes = writeNumericCsv(file, 200_000, 14, { quoted });
      const r = best(file);
      const label = `200,000 × 14 numeric, ${quoted ? "every field quoted" : "unquoted"}`;
      if (r.seconds === undefined) {
        rows.push([label, "", `failed: ${r.failed ?? "timed out"}`, "", "", ""]);
        continue;
      }
      if (!quoted) plain = r.seconds;
      rows.push([label, (bytes / 1e6).toFixed(1), r.seconds.toFixed(3), (bytes / 1e6 / r.seconds).toFixed(0), r.peak_mb.toFixed(0), quoted && plain ? `${(r.seconds / plain).toFixed(2)}×` : ""]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
