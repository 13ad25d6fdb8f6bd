// Benchmark suite: a large monthly tax extract (default 10^7 records, about 1 GB) streamed from
// disk, linked and derived (three 12-month administrative outcomes) and analysed. The extract is
// written to a temporary folder first (not timed) and removed afterwards.
//   BENCH_STREAM_PARTICIPANTS=400000 (× 25 monthly records each)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeLargeExtract } from "./large-extract.mjs";
import { runScenario } from "./scenario.mjs";

export const title = "streaming: a large monthly extract, read, linked, derived and analysed";
export const columns = ["scenario", "extract MB", "records", "seconds", "peak MB"];

export function run() {
  const participants = Number(process.env.BENCH_STREAM_PARTICIPANTS ?? 400_000);
  const dir = mkdtempSync(join(tmpdir(), "trialstat-stream-"));
  try {
    writeLargeExtract(dir, participants);
    const r = runScenario(process.execPath, [fileURLToPath(new URL("./stream-scenario.mjs", import.meta.url)), dir]);
    if (r.seconds === undefined) return [[`${participants} participants`, "", "", r.failed ?? "failed", ""]];
    return [[`run: ${participants.toLocaleString("en-GB")} participants × 25 months`, r.file_mb.toFixed(0), r.records.toLocaleString("en-GB"), r.seconds.toFixed(1), r.peak_mb.toFixed(0)]];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
