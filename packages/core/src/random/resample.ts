import { inputError } from "../errors.js";
import { rowsByGroup, type GroupCodes } from "./groups.js";
import { uniformInteger } from "./integer.js";
import type { RandomStream } from "./xoshiro128.js";

/**
 * Sampling with replacement for the bootstrap.
 *
 * Pairs bootstrap (`resampleRows`): n rows drawn with replacement, each uniformly. With strata,
 * row position i draws from the rows of its own stratum, so every stratum (an arm, a randomisation
 * block) keeps its size — the stratified bootstrap of Davison & Hinkley §3.8, which keeps a trial's
 * arm sizes fixed as its design did. Draws are made for positions 0, 1, …, n − 1 in order.
 *
 * Cluster bootstrap (`resampleClusters`): as many clusters as there are, drawn with replacement
 * (within strata of clusters if given: every stratum keeps its number of clusters); each drawn
 * cluster brings all its rows, and a cluster drawn twice counts as two clusters. Cluster slots are
 * filled in code order: slot k draws from the clusters of cluster k's stratum.
 *
 * Source: B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap, 1993, ch. 6 and 9; A. C.
 * Davison, D. V. Hinkley, Bootstrap Methods and their Application, 1997, §3.8 (strata, clusters);
 * A. C. Cameron, J. B. Gelbach, D. L. Miller, "Bootstrap-based improvements for inference with
 * clustered errors", REStat 90(3), 2008 (pairs cluster bootstrap).
 *
 * @example
 * resampleRows(rng, 5);                   // e.g. Int32Array [3, 0, 3, 4, 1]
 * resampleClusters(rng, { codes: Int32Array.of(0, 0, 1, 2, 2), count: 3 });
 * // e.g. { rows: [3, 4, 0, 1, 3, 4], clusters: { codes: [0, 0, 1, 1, 2, 2], count: 3 } }
 */
export function resampleRows(rng: RandomStream, n: number, strata?: GroupCodes): Int32Array {
  const rows = new Int32Array(n);
  if (!strata) {
    for (let i = 0; i < n; i++) rows[i] = uniformInteger(rng, n);
    return rows;
  }
  const { order, offsets } = rowsByGroup(strata, n, "stratum");
  for (let i = 0; i < n; i++) {
    const s = strata.codes[i];
    rows[i] = order[offsets[s] + uniformInteger(rng, offsets[s + 1] - offsets[s])];
  }
  return rows;
}

/** A cluster bootstrap sample: the rows drawn (a cluster's rows together, in row order) and their new clusters. */
export interface ClusterResample {
  readonly rows: Int32Array;
  /** Cluster of each drawn row: the slot (0 .. count − 1) that drew it. */
  readonly clusters: GroupCodes;
}

/**
 * A cluster bootstrap sample (see `resampleRows`). `strata`, if given, label rows and must be the same
 * for every row of a cluster (clusters nest in strata, as randomised clusters nest in arms).
 */
export function resampleClusters(rng: RandomStream, clusters: GroupCodes, strata?: GroupCodes): ClusterResample {
  const n = clusters.codes.length;
  const byCluster = rowsByGroup(clusters, n, "cluster");
  const { count, order, offsets } = byCluster;
  for (let c = 0; c < count; c++) {
    if (offsets[c + 1] === offsets[c]) throw inputError(`cluster code ${c} has no rows`, { hint: "number the clusters that occur 0, 1, 2, … with no gaps" });
  }
  const drawn = new Int32Array(count);
  if (!strata) {
    for (let k = 0; k < count; k++) drawn[k] = uniformInteger(rng, count);
  } else {
    rowsByGroup(strata, n, "stratum");
    // clusters of each stratum, in code order
    const stratumOf = new Int32Array(count);
    for (let c = 0; c < count; c++) {
      stratumOf[c] = strata.codes[order[offsets[c]]];
      for (let p = offsets[c] + 1; p < offsets[c + 1]; p++) {
        if (strata.codes[order[p]] !== stratumOf[c]) {
          throw inputError(`cluster ${c} spans two strata (rows ${order[offsets[c]] + 1} and ${order[p] + 1})`, { hint: "clusters must nest in strata: give every row of a cluster the same stratum" });
        }
      }
    }
    const members = rowsByGroup({ codes: stratumOf, count: strata.count }, count, "stratum");
    for (let k = 0; k < count; k++) {
      const s = stratumOf[k];
      drawn[k] = members.order[members.offsets[s] + uniformInteger(rng, members.offsets[s + 1] - members.offsets[s])];
    }
  }
  let size = 0;
  for (let k = 0; k < count; k++) size += offsets[drawn[k] + 1] - offsets[drawn[k]];
  const rows = new Int32Array(size);
  const codes = new Int32Array(size);
  let at = 0;
  for (let k = 0; k < count; k++) {
    for (let p = offsets[drawn[k]]; p < offsets[drawn[k] + 1]; p++) {
      rows[at] = order[p];
      codes[at++] = k;
    }
  }
  return { rows, clusters: { codes, count } };
}
