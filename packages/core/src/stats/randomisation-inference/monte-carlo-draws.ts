import { BlockSubsetSampler } from "../../random/block-subsets.js";
import type { RandomStreams } from "../../random/streams.js";
import { type ArmResidualRecords, estimateFromSums } from "./arm-residuals.js";
import type { AssignmentScheme } from "./assignment-scheme.js";
import { type GroupSides, armOfPlaces, treatedSums } from "./group-sides.js";

/**
 * Random re-randomisations of the arm, as the design made it: each draw chooses, in every group
 * (block or stratum), a uniformly random set of the group's size on its smaller side
 * (`BlockSubsetSampler`), so every draw keeps every group's treated count and every assignment the
 * design allows is equally likely. Draws are independent and with replacement (a draw may repeat
 * the observed assignment or another draw), as ri2's.
 *
 * Streams: draw j (0-based) comes from stream (RI_STREAM_PURPOSE, ⌊j / DRAWS_PER_STREAM⌋) of the
 * seed, at position j mod DRAWS_PER_STREAM, so the draws depend only on the seed, not on how the
 * work is split: a worker given chunk c draws exactly what one thread would (chunk boundaries are
 * multiples of DRAWS_PER_STREAM). Changing either constant changes every result for a seed.
 *
 * @example
 * const drawer = new AssignmentDrawer(scheme, sides, records);
 * drawer.drawChunk(streams, 0, 1000, a, b, 0); // estimates of draws 0 … 999
 */
export const RI_STREAM_PURPOSE = "randomisation-inference";
export const DRAWS_PER_STREAM = 1000;

export class AssignmentDrawer {
  private readonly sampler: BlockSubsetSampler;
  private readonly sums: Float64Array;
  private readonly estimate = { a: 0, b: 0 };

  constructor(
    private readonly scheme: AssignmentScheme,
    private readonly sides: GroupSides,
    private readonly records: ArmResidualRecords,
  ) {
    this.sampler = new BlockSubsetSampler(scheme.groups, scheme.nUnits, sides.sizes);
    this.sums = new Float64Array(records.entries);
  }

  /**
   * Draws `count` (≤ DRAWS_PER_STREAM) assignments from the start of chunk `chunk`'s stream and
   * writes their estimates a (of y) and b (of the observed arm) into a[at …], b[at …].
   */
  drawChunk(streams: RandomStreams, chunk: number, count: number, a: Float64Array, b: Float64Array, at: number): void {
    const rng = streams.stream(RI_STREAM_PURPOSE, chunk);
    for (let d = 0; d < count; d++) {
      treatedSums(this.sides, this.records, this.sampler.draw(rng), this.sums);
      estimateFromSums(this.sums, this.records.rank, this.estimate);
      a[at + d] = this.estimate.a;
      b[at + d] = this.estimate.b;
    }
  }

  /** The arms (0/1 per unit) of the first `count` draws of chunk `chunk`: what drawChunk estimates. */
  chunkArms(streams: RandomStreams, chunk: number, count: number): Uint8Array[] {
    const rng = streams.stream(RI_STREAM_PURPOSE, chunk);
    return Array.from({ length: count }, () => armOfPlaces(this.sides, this.sampler.draw(rng), this.scheme.nUnits));
  }
}
