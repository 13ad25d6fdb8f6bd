// Benchmark suite: reading CSV (one core), numeric 200,000 × 14, unquoted and with every field
// quoted (as R's write.csv writes character data). Targets (issue 11): ≥ 100 MB/s on the numeric
// file; the quoted file ≤ 1.3× the unquoted one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeNumericCsv } from "./csv-files.mjs";
import { runScenario } from "./scenario.mjs";

export const title = "CSV reading, one core (best of 3, each in a child process): from disk as trialstat reads it, and the parsing alone";
export const columns = ["file", "MB", "read s", "read MB/s", "parse s", "parse MB/s", "peak MB", "quoted / unquoted"];

const script = fileURLToPath(new URL("./csv-scenario.mjs", import.meta.url));

function best(file, mode) {
  let best;
  for (let i = 0; i < 3; i++) {
    const r = runScenario(process.execPath, [script, file, ...(mode ? [mode] : [])]);
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
      const read = best(file);
      const parse = best(file, "parse");
      const label = `200,000 × 14 numeric, ${quoted ? "every field quoted" : "unquoted"}`;
      if (read.seconds === undefined || parse.seconds === undefined) {
        rows.push([label, "", `failed: ${read.failed ?? parse.failed ?? "timed out"}`, "", "", "", "", ""]);
        continue;
      }
      if (!quoted) plain = { read: read.seconds, parse: parse.seconds };
      const mbps = (s) => (bytes / 1e6 / s).toFixed(0);
      const ratio = quoted && plain ? `${(read.seconds / plain.read).toFixed(2)}× read, ${(parse.seconds / plain.parse).toFixed(2)}× parse` : "";
      rows.push([label, (bytes / 1e6).toFixed(1), read.seconds.toFixed(3), mbps(read.seconds), parse.seconds.toFixed(3), mbps(parse.seconds), read.peak_mb.toFixed(0), ratio]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
