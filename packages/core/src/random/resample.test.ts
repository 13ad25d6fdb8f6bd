import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { ALPHA, chiSquarePValue } from "../../../../test/random/helpers.js";
import type { TrialstatError } from "../errors.js";
import { resampleClusters, resampleRows } from "./resample.js";
import { randomStream } from "./streams.js";

describe("resampling rows with replacement (pairs bootstrap)", () => {
  it("draws every row equally often (χ² over 10 rows, 20,000 resamples)", () => {
    const rng = randomStream(10, "bootstrap");
    const counts = new Float64Array(10);
    for (let r = 0; r < 20_000; r++) for (const row of resampleRows(rng, 10)) counts[row]++;
    expect(chiSquarePValue(counts)).toBeGreaterThan(ALPHA);
    // the check can fail: draws that never pick the last row
    const skewed = counts.slice();
    skewed[0] += skewed[9] * 0.05;
    skewed[9] *= 0.95;
    expect(chiSquarePValue(skewed)).toBeLessThan(ALPHA);
  });

  it("with strata, draws each position from its own stratum, so strata keep their sizes (property)", () => {
    const design = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(design, fc.nat(1000), (labels, seed) => {
        const codes = Int32Array.from(labels);
        const rows = resampleRows(randomStream(seed, "bootstrap"), labels.length, { codes, count: 4 });
        rows.forEach((row, i) => expect(codes[row]).toBe(codes[i]));
      }),
      { numRuns: 200 },
    );
    // and uniformly within the stratum
    const codes = Int32Array.of(0, 1, 0, 1, 0, 1, 1);
    const rng = randomStream(11, "bootstrap");
    const counts = new Float64Array(7);
    for (let r = 0; r < 10_000; r++) for (const row of resampleRows(rng, 7, { codes, count: 2 })) counts[row]++;
    expect(chiSquarePValue([counts[0], counts[2], counts[4]])).toBeGreaterThan(ALPHA);
    expect(chiSquarePValue([counts[1], counts[3], counts[5], counts[6]])).toBeGreaterThan(ALPHA);
  });
});

describe("resampling clusters with replacement (cluster bootstrap)", () => {
  // clusters 0..4 with 1, 2, 3, 1, 2 rows, interleaved
  const codes = Int32Array.of(2, 0, 1, 2, 4, 1, 3, 2, 4);
  const size = [1, 2, 3, 1, 2];

  it("brings whole clusters, numbered by draw, as many as there are", () => {
    const { rows, clusters } = resampleClusters(randomStream(12, "bootstrap"), { codes, count: 5 });
    expect(clusters.count).toBe(5);
    const drawnFrom: number[] = [];
    for (let k = 0; k < 5; k++) {
      const mine = Array.from(rows).filter((_, i) => clusters.codes[i] === k);
      const origin = codes[mine[0]];
      drawnFrom.push(origin);
      expect(mine).toEqual(Array.from(codes.keys()).filter((i) => codes[i] === origin)); // all its rows, in row order
    }
    expect(rows.length).toBe(drawnFrom.reduce((s, c) => s + size[c], 0));
    expect([...clusters.codes]).toEqual([...clusters.codes].sort((a, b) => a - b)); // slots in order
  });

  it("draws every cluster equally often, whatever its size (χ², 10,000 resamples)", () => {
    const rng = randomStream(13, "bootstrap");
    const counts = new Float64Array(5);
    for (let r = 0; r < 10_000; r++) {
      const { rows, clusters } = resampleClusters(rng, { codes, count: 5 });
      for (let i = 0; i < rows.length; i++) if (i === 0 || clusters.codes[i] !== clusters.codes[i - 1]) counts[codes[rows[i]]]++;
    }
    expect(chiSquarePValue(counts)).toBeGreaterThan(ALPHA);
    // the check can fail: counting rows instead of clusters favours the big ones
    const byRows = counts.map((c, g) => c * size[g]);
    expect(chiSquarePValue(byRows)).toBeLessThan(ALPHA);
  });

  it("within strata keeps each stratum's number of clusters", () => {
    const strata = Int32Array.from(codes, (c) => (c < 2 ? 1 : 0)); // clusters 0, 1 in stratum 1; 2, 3, 4 in stratum 0
    const rng = randomStream(14, "bootstrap");
    for (let r = 0; r < 200; r++) {
      const { rows, clusters } = resampleClusters(rng, { codes, count: 5 }, { codes: strata, count: 2 });
      for (let k = 0; k < 5; k++) {
        const first = Array.from(rows).find((_, i) => clusters.codes[i] === k)!;
        expect(strata[first]).toBe(k < 2 ? 1 : 0); // slot k draws from cluster k's stratum
      }
    }
  });

  it("refuses a cluster that spans strata, and a cluster code with no rows", () => {
    const rng = randomStream(1, "bootstrap");
    const spans = errorOf<TrialstatError>(() => resampleClusters(rng, { codes: Int32Array.of(0, 0, 1), count: 2 }, { codes: Int32Array.of(0, 1, 1), count: 2 }));
    expect(spans.message).toBe("cluster 0 spans two strata (rows 1 and 2)");
    expect(spans.hint).toMatch(/nest in strata/);
    expect(errorOf<TrialstatError>(() => resampleClusters(rng, { codes: Int32Array.of(0, 2), count: 3 })).message).toBe("cluster code 1 has no rows");
  });
});
