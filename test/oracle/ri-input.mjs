// Inputs for the randomisation-inference oracle (test/oracle/ri.R): small trials, and for the Monte
// Carlo case the assignments trialstat draws for its seed, so that R refits the same assignments.
//
//   pnpm run build && node test/oracle/ri-input.mjs     (writes test/oracle/data/ri-input.json)
//   Rscript test/oracle/ri.R                            (writes test/oracle/ri.json)
//
// The data are made here from the project's seeded streams and rounded to 4 decimals, so that the
// JSON carries them exactly. The assignments are inputs (what was re-randomised), not expected
// values: R enumerates the exact cases itself (combn within blocks) and refits every assignment
// with lm.fit. ri.test.ts checks that trialstat still draws these assignments for the seed.
import { writeFileSync } from "node:fs";
import { AssignmentDrawer, RandomStreams, prepareRandomisationInference, randomStream, standardNormal } from "../../packages/core/dist/index.js";
import { inputOf } from "./ri-cases.mjs";

const round4 = (v) => Math.round(v * 1e4) / 1e4;

/** A trial of `units` units (rows per unit from `sizes`), arm and groups given per unit. */
function makeCase(name, { seed, unitArm, rowsPerUnit, blockOfUnit, stratumOfUnit, covariates, weighted, clustered, level, draws, drawSeed }) {
  const rng = randomStream(seed, "oracle-ri-data");
  const rows = [];
  unitArm.forEach((t, u) => {
    for (let k = 0; k < rowsPerUnit[u]; k++) rows.push(u);
  });
  const x = rows.map(() => Array.from({ length: covariates }, () => round4(standardNormal(rng))));
  const unitShock = unitArm.map(() => standardNormal(rng));
  const y = rows.map((u, i) => round4(1 + 0.5 * unitArm[u] + x[i].reduce((s, v, j) => s + (j % 2 ? -0.5 : 0.8) * v, 0) + unitShock[u] * 0.5 + standardNormal(rng)));
  const w = weighted ? rows.map(() => round4(0.5 + 2 * Math.abs(standardNormal(rng)))) : null;
  const c = {
    name,
    y,
    arm: rows.map((u) => unitArm[u]),
    x,
    w,
    unit: clustered ? rows : null,
    block: blockOfUnit ? rows.map((u) => blockOfUnit[u]) : null,
    stratum: stratumOfUnit ? rows.map((u) => stratumOfUnit[u]) : null,
    level,
    draws,
    seed: drawSeed ?? null,
    assignments: null,
  };
  if (draws !== null) {
    // the observed assignment, then draws − 1 re-randomisations from the seed's streams (unit level)
    const input = inputOf(c);
    const { scheme, sides, records } = prepareRandomisationInference(input);
    const drawer = new AssignmentDrawer(scheme, sides, records);
    c.assignments = [Array.from(scheme.unitArm), ...drawer.chunkArms(new RandomStreams(drawSeed), 0, draws - 1).map((a) => Array.from(a))];
  }
  return c;
}

const repeat = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const cases = [
  // 12 units in permuted blocks of 4, two treated per block: C(4,2)^3 = 216 assignments
  makeCase("permuted_blocks_12", {
    seed: 1,
    unitArm: [1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0],
    rowsPerUnit: repeat(12, () => 1),
    blockOfUnit: repeat(12, (u) => Math.floor(u / 4)),
    covariates: 1,
    level: 0.95,
    draws: null,
  }),
  // two strata of 6 and 8 units (3 and 4 treated), weighted, two covariates: 20 × 70 = 1,400
  makeCase("strata_weighted_14", {
    seed: 2,
    unitArm: [1, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1],
    rowsPerUnit: repeat(14, () => 1),
    stratumOfUnit: repeat(14, (u) => (u < 6 ? 0 : 1)),
    covariates: 2,
    weighted: true,
    level: 0.9,
    draws: null,
  }),
  // 10 clusters of 1–4 rows in two blocks of 5 clusters (2 treated each, blocks in 2 strata): 10 × 10 = 100
  makeCase("cluster_blocks_10", {
    seed: 3,
    unitArm: [1, 0, 1, 0, 0, 0, 1, 0, 0, 1],
    rowsPerUnit: [2, 3, 1, 4, 2, 3, 2, 1, 4, 2],
    blockOfUnit: repeat(10, (u) => (u < 5 ? 0 : 1)),
    stratumOfUnit: repeat(10, (u) => (u < 5 ? 0 : 1)),
    covariates: 1,
    clustered: true,
    level: 0.8,
    draws: null,
  }),
  // Monte Carlo: 60 units, 3 strata of 20 in permuted blocks of 4, weighted, 3 covariates; 500 assignments
  makeCase("monte_carlo_60", {
    seed: 4,
    unitArm: repeat(60, (u) => ([0, 3].includes(u % 4) ? 1 : 0) ^ (Math.floor(u / 4) % 2)),
    rowsPerUnit: repeat(60, () => 1),
    blockOfUnit: repeat(60, (u) => Math.floor(u / 4)),
    stratumOfUnit: repeat(60, (u) => Math.floor(u / 20)),
    covariates: 3,
    weighted: true,
    level: 0.95,
    draws: 500,
    drawSeed: 20240101,
  }),
];

writeFileSync(new URL("./data/ri-input.json", import.meta.url), `${JSON.stringify(cases)}\n`);
console.log(`wrote test/oracle/data/ri-input.json (${cases.length} cases)`);
