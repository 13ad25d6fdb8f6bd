import { inputError } from "../errors.js";
import { type ClusterIndex, clusterIndex } from "../stats/variance/geometry.js";

/**
 * Rows labelled by group — randomisation blocks, strata, clusters — as the model inputs label
 * clusters: an integer code in [0, count) for each row.
 */
export interface GroupCodes {
  readonly codes: Int32Array;
  readonly count: number;
}

/**
 * The rows of each group (codes checked): group g's rows, in row order, are
 * order[offsets[g] .. offsets[g + 1]) (`clusterIndex`, shared with the cluster-robust variances).
 */
export function rowsByGroup(groups: GroupCodes, n: number, what: string): ClusterIndex {
  if (groups.codes.length !== n) {
    throw inputError(`${groups.codes.length} ${what} codes for ${n} rows`, { hint: `give one ${what} code per row` });
  }
  for (let i = 0; i < n; i++) {
    const c = groups.codes[i];
    if (c < 0 || c >= groups.count) {
      throw inputError(`row ${i + 1} has ${what} code ${c}, outside 0 to ${groups.count - 1}`, { hint: `number the ${what} groups 0, 1, 2, … and give their number as the count` });
    }
  }
  return clusterIndex(groups.codes, groups.count);
}
