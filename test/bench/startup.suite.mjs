// Benchmark suite: start-up cost, as ratios to a bare `node -e 0` measured in the same run.
// Targets (issue 11): `trialstat --version` ≤ 2×, `trialstat fit` on a 100-row file ≤ 4×,
// importing @trialstat/core cheap. Each command runs 15 times in a fresh process; medians shown.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { numericFormula, writeNumericCsv } from "./csv-files.mjs";

export const title = "start-up (median of 15 fresh processes; ratio to bare node in this run)";
export const columns = ["command", "ms", "× node -e 0", "target"];

const cli = fileURLToPath(new URL("../../packages/cli/dist/index.js", import.meta.url));
const core = fileURLToPath(new URL("../../packages/core/dist/trialstat-core.js", import.meta.url));

function medianMs(args) {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[7];
}

export function run() {
  const dir = mkdtempSync(join(tmpdir(), "trialstat-bench-startup-"));
  try {
    const data = join(dir, "small.csv");
    writeNumericCsv(data, 100, 14, { clusters: 10 });
    const bare = medianMs(["-e", "0"]);
    const rows = [["node -e 0", bare.toFixed(0), "1.00×", ""]];
    const cases = [
      ["import('@trialstat/core')", ["--input-type=module", "-e", `await import(${JSON.stringify(core)})`], ""],
      ["trialstat --version", [cli, "--version"], "≤ 2×"],
      ["trialstat fit, 100 rows × 14, HC2", [cli, "fit", "--data", data, "--formula", numericFormula(14)], "≤ 4×"],
    ];
    for (const [label, args, target] of cases) {
      const ms = medianMs(args);
      rows.push([label, ms.toFixed(0), `${(ms / bare).toFixed(2)}×`, target]);
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
