import { describe, expect, it } from "vitest";
import { type DenseMatrix, type ResampleTask, refitResample, summariseReplicates, wildClusterBootstrap } from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";

// Reference values made by test/oracle/bootstrap.R: the wild cluster bootstrap by brute force (every
// Rademacher sign vector applied and the model refitted with lm() and sandwich::vcovCL), and the
// pairs and cluster bootstrap by boot::boot, whose resamples trialstat refits here.
type Data = Record<string, number[]>;
interface WildCase {
  rhs: string;
  term: string;
  column: number;
  null_value: number;
  weights: boolean;
  impose_null: boolean;
  level: number;
  clusters: number;
  estimate: number;
  std_error: number;
  statistic: number;
  t_star: number[];
  p_value: number;
  conf_low: number;
  conf_high: number;
}
interface ResampleCase {
  type: "pairs" | "cluster";
  rhs: string;
  term: string;
  se_type: "HC2" | "stata";
  strata?: string;
  draws: number;
  rows?: number[][];
  drawn_clusters?: number[][];
  estimate: number;
  std_error: number;
  boot_std_error: number;
  percentile: [number, number];
  studentised: [number, number];
  p_value: number;
  replicates: number[];
  replicate_std_errors: number[];
}
interface Oracle {
  data: Record<string, Data>;
  wild: WildCase[];
  wild_data: string[];
  resample: ResampleCase[];
  resample_data: string[];
}
const oracle = readJson<Oracle>("test/oracle/bootstrap.json");

/** The design of "~ rhs" (an intercept and the named numeric columns), column-major. */
function designOf(d: Data, rhs: string): DenseMatrix {
  const names = rhs.split("+").map((s) => s.trim());
  const n = d.y.length;
  const data = new Float64Array(n * (names.length + 1));
  data.fill(1, 0, n);
  names.forEach((name, j) => data.set(d[name], (j + 1) * n));
  return { rows: n, cols: names.length + 1, data };
}

function clustersOf(d: Data) {
  const count = Math.max(...d.cluster);
  return { codes: Int32Array.from(d.cluster, (c) => c - 1), count };
}

describe("wild cluster bootstrap against R brute force (every sign vector, lm + vcovCL)", () => {
  oracle.wild.forEach((c, i) => {
    const d = oracle.data[oracle.wild_data[i]];
    const label = `${oracle.wild_data[i]}: ${c.term} = ${c.null_value}, ${c.impose_null ? "WCR" : "WCU"}${c.weights ? ", weighted" : ""}`;
    it(label, () => {
      const result = wildClusterBootstrap({
        design: designOf(d, c.rhs),
        y: Float64Array.from(d.y),
        weights: c.weights ? Float64Array.from(d.w) : undefined,
        clusters: clustersOf(d),
        coefficient: c.column,
        nullValue: c.null_value,
        imposeNull: c.impose_null,
        draws: 2 ** c.clusters,
        seed: 1,
        level: c.level,
      });
      expect(result.enumerated).toBe(true);
      expect(result.draws).toBe(2 ** c.clusters);
      expectClose(result.estimate, c.estimate, 1e-10, "estimate");
      expectClose(result.standardError, c.std_error, 1e-9, "CR1 standard error");
      expectClose(result.statistic, c.statistic, 1e-9, "t");
      c.t_star.forEach((t, b) => expectClose(result.bootstrapStatistics[b], t, 1e-8, `t* of draw ${b}`, 1e-6));
      expect(result.pValue, "p-value").toBe(c.p_value);
      expectClose(result.confidenceInterval[0], c.conf_low, 1e-9, "interval low", 1e-3);
      expectClose(result.confidenceInterval[1], c.conf_high, 1e-9, "interval high", 1e-3);
    });
  });
});

describe("pairs and cluster bootstrap against boot::boot (the same resamples refitted)", () => {
  oracle.resample.forEach((c, i) => {
    const d = oracle.data[oracle.resample_data[i]];
    it(`${c.type}${c.strata ? ` within ${c.strata}` : ""}: ${c.term}, ${c.draws} draws`, () => {
      const design = designOf(d, c.rhs);
      const column = ["(Intercept)", ...c.rhs.split("+").map((s) => s.trim())].indexOf(c.term);
      const clusters = clustersOf(d);
      const task: ResampleTask = { type: c.type, design, y: Float64Array.from(d.y), seType: c.se_type, coefficients: [column], seed: 0, rank: design.cols, clusters: c.type === "cluster" ? clusters : undefined };
      const theta = new Float64Array(c.draws);
      const se = new Float64Array(c.draws);
      const out = new Float64Array(2);
      for (let b = 0; b < c.draws; b++) {
        if (c.type === "pairs") {
          refitResample(task, Int32Array.from(c.rows![b]), undefined, out);
        } else {
          // each drawn cluster brings its rows in row order; slot k is the k-th cluster drawn
          const rows: number[] = [];
          const codes: number[] = [];
          c.drawn_clusters![b].forEach((g, k) => {
            clusters.codes.forEach((code, row) => {
              if (code === g) {
                rows.push(row);
                codes.push(k);
              }
            });
          });
          refitResample(task, Int32Array.from(rows), { codes: Int32Array.from(codes), count: clusters.count }, out);
        }
        theta[b] = out[0];
        se[b] = out[1];
        expectClose(theta[b], c.replicates[b], 1e-10, `replicate ${b}`, 1e-6);
        expectClose(se[b], c.replicate_std_errors[b], 1e-9, `replicate ${b} standard error`);
      }
      const summary = summariseReplicates(c.estimate, c.std_error, theta, se, 0.95);
      expectClose(summary.standardError, c.boot_std_error, 1e-9, "bootstrap standard error");
      expectClose(summary.percentile[0], c.percentile[0], 1e-9, "percentile low", 1e-6);
      expectClose(summary.percentile[1], c.percentile[1], 1e-9, "percentile high", 1e-6);
      expectClose(summary.studentised[0], c.studentised[0], 1e-9, "studentised low", 1e-6);
      expectClose(summary.studentised[1], c.studentised[1], 1e-9, "studentised high", 1e-6);
      expect(summary.pValue, "p-value").toBe(c.p_value);
    });
  });
});
