// Benchmark suite: `trialstat fit --ri` (randomisation inference, 10,000 assignments, n = 10,000,
// k = 20 design columns), the whole process, beside R refitting each assignment with lm.fit (the
// loop ri2 runs). Both read the same CSV, written before the clocks start.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { timeAgainstR } from "./scenario.mjs";
import { syntheticColumns } from "./synthetic.mjs";

const here = (f) => fileURLToPath(new URL(f, import.meta.url));

export const title = "randomisation inference (trialstat fit --ri, whole process; R: lm.fit per assignment)";
export const columns = ["scenario", "trialstat s", "peak MB", "R lm.fit s", "peak MB", "R / trialstat"];

/** n rows: y, a balanced arm (two of each block of four treated), block, x1 … x(k−2); deterministic. */
function riCsv(n, k) {
  const cols = syntheticColumns(n, k - 1);
  const names = Array.from({ length: k - 2 }, (_, j) => `x${j + 1}`);
  const lines = [`y,treat,block,${names.join(",")}`];
  for (let i = 0; i < n; i++) {
    const treat = [1, 0, 0, 1, 0, 1, 1, 0][i % 8];
    const y = cols.y[i] + 0.05 * treat;
    lines.push(`${y},${treat},${Math.floor(i / 4)},${names.map((c) => cols[c][i]).join(",")}`);
  }
  return `${lines.join("\n")}\n`;
}

export function run() {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-bench-ri-"));
  try {
    const csv = join(dir, "ri.csv");
    writeFileSync(csv, riCsv(10_000, 20));
    return timeAgainstR({
      scenarios: [
        { label: "10,000 draws, n=10^4, k=20", args: [csv, "20", "10000"] },
        { label: "10,000 draws, n=10^4, k=20, blocks of 4", args: [csv, "20", "10000", "blocks"] },
      ],
      script: here("./ri-scenario.mjs"),
      rScript: here("./ri-scenario.R"),
      rPackage: "data.table",
      same: { key: "estimate", label: "same observed estimate as lm.fit" },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
