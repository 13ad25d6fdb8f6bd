// One bootstrap benchmark scenario in its own process:
//   node test/bench/bootstrap-scenario.mjs wild <n> <k> <clusters> <draws> <workers>
//   node test/bench/bootstrap-scenario.mjs pairs <n> <k> 0 <draws> <workers>
//   node test/bench/bootstrap-scenario.mjs cluster <n> <k> <clusters> <draws> <workers>
//   node test/bench/bootstrap-scenario.mjs coverage-wild|coverage-pairs <sets> <draws>
// prints {"seconds": ..., "peak_mb": ...} (and "coverage" for the coverage runs). The data are
// synthetic.mjs's, built before the clock starts; threads are the CLI's worker threads.
import { mapBlocksHere, resampleBootstrapAsync, resampleBootstrap, wildClusterBootstrap, wildClusterBootstrapAsync, randomStream, standardNormal, uniformInteger } from "../../packages/core/dist/index.js";
import { workerBlockMapper } from "../../packages/cli/dist/bootstrap-workers.js";
import { peakMb } from "./scenario.mjs";
import { syntheticColumns } from "./synthetic.mjs";

const [kind, ...rest] = process.argv.slice(2);
const out = (o) => process.stdout.write(`${JSON.stringify({ ...o, peak_mb: peakMb() })}\n`);

if (kind.startsWith("coverage")) {
  const [sets, draws] = rest.map(Number);
  let covered = 0;
  const start = process.hrtime.bigint();
  for (let s = 0; s < sets; s++) {
    const trial = simulate(s, kind === "coverage-wild" ? 16 : 40, kind === "coverage-wild" ? 8 : 2, kind === "coverage-wild" ? 0.7 : 0);
    const ci =
      kind === "coverage-wild"
        ? wildClusterBootstrap({ ...trial, coefficient: 1, draws, seed: s }).confidenceInterval
        : resampleBootstrap({ type: "pairs", design: trial.design, y: trial.y, strata: trial.arm, seType: "HC2", coefficients: [1], draws, seed: s }).coefficients[0].studentised;
    if (ci[0] <= 0.3 && 0.3 <= ci[1]) covered++;
  }
  out({ seconds: Number(process.hrtime.bigint() - start) / 1e9, coverage: covered / sets });
} else {
  const [n, k, G, draws, workers] = rest.map(Number);
  const cols = syntheticColumns(n, k, G || undefined);
  const data = new Float64Array(n * k);
  data.fill(1, 0, n);
  for (let j = 1; j < k; j++) data.set(cols[`x${j}`], j * n);
  const design = { rows: n, cols: k, data };
  const clusters = G ? { codes: Int32Array.from(cols.cl), count: G } : undefined;
  const mapper = workers > 1 ? workerBlockMapper(workers) : mapBlocksHere;
  const start = process.hrtime.bigint();
  let p;
  if (kind === "wild") {
    p = (await wildClusterBootstrapAsync({ design, y: cols.y, clusters, coefficient: 1, draws, seed: 1, weightType: "webb" }, mapper)).pValue;
  } else {
    const boot = await resampleBootstrapAsync({ type: kind, design, y: cols.y, clusters, seType: kind === "pairs" ? "HC2" : "stata", coefficients: [1], draws, seed: 1 }, mapper);
    p = boot.coefficients[0].pValue;
  }
  out({ seconds: Number(process.hrtime.bigint() - start) / 1e9, p });
}

/** A cluster-randomised trial with effect 0.3 (as test/bootstrap/simulate.ts). */
function simulate(index, G, meanSize, clusterSd) {
  const rng = randomStream(2024, "monte-carlo", index);
  const rows = [];
  for (let g = 0; g < G; g++) {
    const size = 2 + uniformInteger(rng, 2 * meanSize - 3);
    const u = clusterSd * standardNormal(rng);
    for (let p = 0; p < size; p++) {
      const x = standardNormal(rng);
      rows.push({ g, treat: g % 2, x, y: 1 + 0.3 * (g % 2) + 0.5 * x + u + (1 + (g % 2)) * standardNormal(rng) });
    }
  }
  const n = rows.length;
  const data = new Float64Array(3 * n);
  rows.forEach((r, i) => {
    data[i] = 1;
    data[n + i] = r.treat;
    data[2 * n + i] = r.x;
  });
  return {
    design: { rows: n, cols: 3, data },
    y: Float64Array.from(rows, (r) => r.y),
    clusters: { codes: Int32Array.from(rows, (r) => r.g), count: G },
    arm: { codes: Int32Array.from(rows, (r) => r.treat), count: 2 },
  };
}
