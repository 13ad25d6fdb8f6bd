import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../../test/helpers.js";
import type { TrialstatError } from "../../errors.js";
import { standardNormal } from "../../random/normal.js";
import { RandomStreams, randomStream } from "../../random/streams.js";
import { type DenseMatrix, fromRows } from "../linalg/dense.js";
import { leastSquares } from "../linalg/least-squares.js";
import { armResidualRecords } from "./arm-residuals.js";
import { assignmentScheme } from "./assignment-scheme.js";
import { enumeratedArms, enumeratedEstimates } from "./exact-enumeration.js";
import { groupSides } from "./group-sides.js";
import { AssignmentDrawer, DRAWS_PER_STREAM } from "./monte-carlo-draws.js";
import { randomisationPValues } from "./p-values.js";
import { prepareRandomisationInference, randomisationInference } from "./randomisation-inference.js";
import { invertRandomisationTest, randomisationPValueAt } from "./test-inversion.js";

/** The arm's coefficient from a full weighted refit of outcome on [arm, covariates] (the naive way). */
function refit(outcome: ArrayLike<number>, arm: ArrayLike<number>, covariates: DenseMatrix, weights?: ArrayLike<number>): number {
  const n = outcome.length;
  const rows = Array.from({ length: n }, (_, i) => {
    const s = weights ? Math.sqrt(weights[i]) : 1;
    return [arm[i] * s, ...Array.from({ length: covariates.cols }, (_, j) => covariates.data[i + j * n] * s)];
  });
  return leastSquares(fromRows(rows), Float64Array.from({ length: n }, (_, i) => outcome[i] * (weights ? Math.sqrt(weights[i]) : 1))).coefficients[0];
}

/** A small trial: blocks of `blockSize` rows with half treated, `p` covariates after the intercept. */
function smallTrial(seed: number, n: number, blockSize: number, p: number, weighted: boolean) {
  const rng = randomStream(seed, "test-ri-data");
  const blocks = { codes: Int32Array.from({ length: n }, (_, i) => Math.floor(i / blockSize)), count: Math.ceil(n / blockSize) };
  const arm = new Array<number>(n).fill(0);
  for (let g = 0; g < blocks.count; g++) {
    const rows = [...Array(n).keys()].filter((i) => blocks.codes[i] === g);
    rows.slice(0, Math.floor(rows.length / 2)).forEach((i, k) => (arm[rows[(k * 3) % rows.length]] = 1));
  }
  const x = Array.from({ length: n }, () => Array.from({ length: p }, () => standardNormal(rng)));
  const covariates = fromRows(x.map((r) => [1, ...r]));
  const y = Float64Array.from({ length: n }, (_, i) => 0.4 * arm[i] + x[i].reduce((s, v) => s + v, 0) + standardNormal(rng));
  const weights = weighted ? Float64Array.from({ length: n }, () => 0.5 + Math.abs(standardNormal(rng))) : undefined;
  return { y, arm, covariates, blocks, weights };
}

describe("randomisation inference: each assignment's estimate is the full refit's (Frisch–Waugh)", () => {
  it("a and b of drawn assignments equal lm-style refits, weighted or not, with or without covariates (property)", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 10, max: 30 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (seed, n, p, weighted) => {
        const t = smallTrial(seed, n, 5, p, weighted);
        const { scheme, sides, records, observed } = prepareRandomisationInference({ ...t, draws: 50, seed });
        expect(observed).toBeCloseTo(refit(t.y, t.arm, t.covariates, t.weights), 10);
        const drawer = new AssignmentDrawer(scheme, sides, records);
        const streams = new RandomStreams(seed);
        const a = new Float64Array(5);
        const b = new Float64Array(5);
        drawer.drawChunk(streams, 0, 5, a, b, 0);
        drawer.chunkArms(streams, 0, 5).forEach((armD, d) => {
          expect(a[d]).toBeCloseTo(refit(t.y, armD, t.covariates, t.weights), 9);
          expect(b[d]).toBeCloseTo(refit(t.arm, armD, t.covariates, t.weights), 9);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("residualises on the covariates' span: aliased covariates change nothing", () => {
    const t = smallTrial(4, 20, 4, 2, true);
    const n = 20;
    const doubled = fromRows(Array.from({ length: n }, (_, i) => [1, t.covariates.data[i + n], t.covariates.data[i + 2 * n], 2 * t.covariates.data[i + n]]));
    const a = randomisationInference({ ...t, draws: 300, seed: 9 });
    const b = randomisationInference({ ...t, covariates: doubled, draws: 300, seed: 9 });
    expect(b.estimate).toBeCloseTo(a.estimate, 12);
    expect(b.pValue).toBe(a.pValue);
  });
});

describe("randomisation inference: re-randomisation follows the design", () => {
  it("every drawn assignment keeps every block's treated count; clusters move whole (property)", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 5 }), (seed, clusterSize, blocks) => {
        // clusters of clusterSize rows, 4 clusters per block, 1 or 2 treated clusters per block
        const nClusters = 4 * blocks;
        const n = nClusters * clusterSize;
        const clusterOf = Int32Array.from({ length: n }, (_, i) => Math.floor(i / clusterSize));
        const blockOfCluster = (c: number) => Math.floor(c / 4);
        const armOfCluster = (c: number) => (c % 4 === 0 || (c % 4 === 1 && blockOfCluster(c) % 2 === 0) ? 1 : 0);
        const arm = Array.from(clusterOf, armOfCluster);
        const input = {
          arm,
          units: { codes: clusterOf, count: nClusters },
          blocks: { codes: Int32Array.from(clusterOf, blockOfCluster), count: blocks },
        };
        const scheme = assignmentScheme(input);
        const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i + seed));
        const records = armResidualRecords({ y, arm, covariates: fromRows(Array.from({ length: n }, () => [1])), unitOfRow: scheme.unitOfRow, nUnits: scheme.nUnits });
        const sides = groupSides(scheme, records);
        const drawer = new AssignmentDrawer(scheme, sides, records);
        for (const armD of drawer.chunkArms(new RandomStreams(seed), 0, 20)) {
          const treated = new Array<number>(blocks).fill(0);
          armD.forEach((t, c) => (treated[blockOfCluster(c)] += t));
          treated.forEach((t, g) => expect(t).toBe(g % 2 === 0 ? 2 : 1));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("exact enumeration of 12 units in permuted blocks of 4 lists each of the 6³ = 216 assignments once, all balanced", () => {
    const t = smallTrial(1, 12, 4, 1, false);
    const scheme = assignmentScheme(t);
    expect(scheme.assignments).toBe(216);
    const records = armResidualRecords({ ...t, unitOfRow: scheme.unitOfRow, nUnits: scheme.nUnits });
    const arms = enumeratedArms(scheme, groupSides(scheme, records));
    expect(arms).toHaveLength(216);
    expect(new Set(arms.map((a) => a.join(""))).size).toBe(216);
    expect(arms.some((a) => a.join("") === t.arm.join(""))).toBe(true);
    for (const a of arms) for (let g = 0; g < 3; g++) expect(a[4 * g] + a[4 * g + 1] + a[4 * g + 2] + a[4 * g + 3]).toBe(2);
  });

  it("exact p-values equal a naive enumeration with a refit per assignment", () => {
    const t = smallTrial(2, 12, 4, 2, true);
    const ri = randomisationInference({ ...t, draws: 216, seed: 1 });
    expect(ri.exact).toBe(true);
    expect(ri.draws).toBe(216);
    const scheme = assignmentScheme(t);
    const records = armResidualRecords({ ...t, unitOfRow: scheme.unitOfRow, nUnits: scheme.nUnits });
    const naive = Float64Array.from(enumeratedArms(scheme, groupSides(scheme, records)), (a) => refit(t.y, a, t.covariates, t.weights));
    const observed = refit(t.y, t.arm, t.covariates, t.weights);
    const p = randomisationPValues(naive, observed);
    expect(ri.pValue).toBe(p.twoSided);
    expect(ri.pValueUpper).toBe(p.upper);
    expect(ri.pValueLower).toBe(p.lower);
    // with an intercept, the mirror of every assignment gives minus its estimate: two-sided p is even in count
    expect((ri.pValue * 216) % 2).toBe(0);
    // one fewer draw than assignments: Monte Carlo
    expect(randomisationInference({ ...t, draws: 215, seed: 1 }).exact).toBe(false);
  });

  it("stratified without blocks: permutes within strata; blocks must nest in strata", () => {
    const arm = [1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
    const strata = { codes: Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1), count: 2, labels: ["north", "south"] };
    expect(assignmentScheme({ arm, strata }).assignments).toBe(10 * 10);
    expect(assignmentScheme({ arm }).assignments).toBe(252);
    const blocks = { codes: Int32Array.of(0, 0, 1, 1, 1, 1, 2, 2, 3, 3), count: 4 };
    const e = errorOf<TrialstatError>(() => assignmentScheme({ arm, strata, blocks }));
    expect(e.message).toBe('block 1 spans strata "north" and "south"');
    expect(e.kind).toBe("input");
  });

  it("draws depend on the seed and chunk only, not on how the work is split", () => {
    const t = smallTrial(3, 40, 8, 1, false);
    const { scheme, sides, records } = prepareRandomisationInference({ ...t, draws: 10, seed: 5 });
    const size = DRAWS_PER_STREAM;
    // one thread: chunks 0, 1, 2 in turn with one drawer
    const a = new Float64Array(3 * size);
    const b = new Float64Array(3 * size);
    const one = new AssignmentDrawer(scheme, sides, records);
    for (let c = 0; c < 3; c++) one.drawChunk(new RandomStreams(5), c, size, a, b, c * size);
    // a worker: chunk 1 alone, with a drawer of its own
    const a1 = new Float64Array(size);
    const b1 = new Float64Array(size);
    new AssignmentDrawer(scheme, sides, records).drawChunk(new RandomStreams(5), 1, size, a1, b1, 0);
    expect(a1).toEqual(a.subarray(size, 2 * size));
    expect(b1).toEqual(b.subarray(size, 2 * size));
    const whole = randomisationInference({ ...t, draws: 2 * size + 11, seed: 5 });
    expect(randomisationInference({ ...t, draws: 2 * size + 11, seed: 5 })).toEqual(whole);
    expect(randomisationInference({ ...t, draws: 2 * size + 11, seed: 6 }).pValue).not.toBe(whole.pValue);
  });
});

describe("randomisation inference: the interval inverts the test exactly", () => {
  it("p(τ) > α at both ends and ≤ α just outside, matching a direct evaluation at each τ (property)", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.boolean(), (seed, weighted) => {
        const t = smallTrial(seed, 24, 6, 2, weighted);
        const level = 0.9;
        const { scheme, sides, records, observed } = prepareRandomisationInference({ ...t, draws: 400, seed });
        const drawer = new AssignmentDrawer(scheme, sides, records);
        const a = new Float64Array(400);
        const b = new Float64Array(400);
        a[0] = observed;
        b[0] = 1;
        drawer.drawChunk(new RandomStreams(seed), 0, 399, a, b, 1);
        const { low, high, isInterval } = invertRandomisationTest(a, b, observed, level);
        expect(low).toBeLessThan(observed);
        expect(high).toBeGreaterThan(observed);
        const scale = high - low;
        const p = (tau: number) => randomisationPValueAt(a, b, observed, tau);
        expect(p(low + 1e-7 * scale)).toBeGreaterThan(1 - level);
        expect(p(high - 1e-7 * scale)).toBeGreaterThan(1 - level);
        expect(p(low - 1e-7 * scale)).toBeLessThanOrEqual(1 - level);
        expect(p(high + 1e-7 * scale)).toBeLessThanOrEqual(1 - level);
        if (isInterval) for (let k = 1; k < 20; k++) expect(p(low + (k / 20) * scale)).toBeGreaterThan(1 - level);
        // the sharp null's p-value is the two-sided p
        expect(p(0)).toBe(randomisationPValues(a, observed).twoSided);
      }),
      { numRuns: 40 },
    );
  });

  it("is unbounded when too few assignments can reject far-away effects", () => {
    // 2 blocks of 4: 36 assignments, the smallest possible p is 2/36 > 0.05 with mirrored ties
    const t = smallTrial(7, 8, 4, 0, false);
    const ri = randomisationInference({ ...t, draws: 1000, seed: 1 });
    expect(ri.exact).toBe(true);
    expect(ri.draws).toBe(36);
    expect(ri.confLow).toBe(-Infinity);
    expect(ri.confHigh).toBe(Infinity);
  });
});

describe("randomisation inference: bad input", () => {
  const t = smallTrial(1, 12, 4, 1, false);
  it.each([
    [{ draws: 1 }, "needs a whole number of draws from 2 to 10,000,000, not 1"],
    [{ draws: 2.5 }, "not 2.5"],
    [{ seed: -1 }, "seed must be a whole number"],
    [{ level: 1 }, "confidence level must lie between 0 and 1"],
    [{ arm: [...t.arm.slice(0, 11), 2] }, "row 12: the arm is 2, not 0 or 1"],
  ])("%j", (change, message) => {
    const e = errorOf<TrialstatError>(() => randomisationInference({ ...t, draws: 100, seed: 1, ...change }));
    expect(e.message).toContain(message);
    expect(e.kind).toBe("input");
  });

  it("refuses an arm that varies within a cluster, or a design with one assignment", () => {
    const e = errorOf<TrialstatError>(() => assignmentScheme({ arm: [1, 0, 1, 0], units: { codes: Int32Array.of(0, 0, 1, 1), count: 2, labels: ["c1", "c2"] } }));
    expect(e.message).toBe('cluster "c1" has more than one arm: row 1 and row 2 differ');
    const one = errorOf<TrialstatError>(() => assignmentScheme({ arm: [1, 1, 0, 0], blocks: { codes: Int32Array.of(0, 0, 1, 1), count: 2 } }));
    expect(one.message).toContain("only the observed assignment");
    expect(one.kind).toBe("analysis");
  });

  it("refuses an arm collinear with the covariates", () => {
    const arm = [1, 0, 1, 0, 1, 0];
    const covariates = fromRows(arm.map((a) => [1, 1 - a]));
    const e = errorOf<TrialstatError>(() => randomisationInference({ y: Float64Array.of(1, 2, 3, 4, 5, 7), arm, covariates, draws: 100, seed: 1 }));
    expect(e.message).toContain("collinear with the covariates");
    expect(e.kind).toBe("analysis");
  });

  it("leaves out assignments whose arm is collinear with the covariates, and says how many", () => {
    // the covariate is itself one of the 20 possible assignments (and its mirror is 1 − it)
    const arm = [1, 1, 1, 0, 0, 0];
    const x = [1, 0, 1, 0, 1, 0];
    const ri = randomisationInference({ y: Float64Array.of(3, 1, 4, 1, 5, 9), arm, covariates: fromRows(x.map((v) => [1, v])), draws: 100, seed: 1 });
    expect(ri.assignments).toBe(20);
    expect(ri.undefinedAssignments).toBe(2);
    expect(ri.draws).toBe(18);
  });
});

describe("randomisation inference: enumerated estimates", () => {
  it("list one (a, b) per assignment, b = 1 at the observed one", () => {
    const t = smallTrial(5, 12, 4, 1, false);
    const scheme = assignmentScheme(t);
    const records = armResidualRecords({ ...t, unitOfRow: scheme.unitOfRow, nUnits: scheme.nUnits });
    const sides = groupSides(scheme, records);
    const { a, b } = enumeratedEstimates(scheme, sides, records);
    const at = enumeratedArms(scheme, sides).findIndex((arm) => arm.join("") === t.arm.join(""));
    expect(b[at]).toBeCloseTo(1, 12);
    expect(a[at]).toBeCloseTo(refit(t.y, t.arm, t.covariates), 10);
  });
});
