import { RandomStreams } from "../random/streams.js";

/**
 * The seed of one population × outcome's random draws, derived from the plan's seed, so that one
 * seed in the plan (inference.randomisation.seed, inference.bootstrap.seed) gives every estimate
 * draws of its own: estimates never share random numbers, and adding an outcome or a population to a
 * plan leaves the others' draws unchanged (the seed depends on the names, not on positions).
 *
 *   seed = the first 53 bits of stream("<purpose> seed: <population> / <outcome>", 0) of the plan's seed
 *        = 2^21 · (first output >>> 11) + second output
 *
 * (random/streams.ts: a stream depends on the seed, the purpose's FNV-1a hash and the index alone).
 * results.json records each derived seed with its estimate (`ri_seed`, `boot_seed`): given the
 * analysis frame, `trialstat fit --ri DRAWS --seed <ri_seed>` draws the same assignments.
 *
 * @example
 * analysisSeed(20240101, "randomisation-inference", "all", "employed13w"); // a whole number below 2^53
 */
export function analysisSeed(planSeed: number, purpose: string, population: string, outcome: string): number {
  const rng = new RandomStreams(planSeed).stream(`${purpose} seed: ${population} / ${outcome}`);
  const high = rng.nextUint32() >>> 11;
  return high * 2 ** 32 + rng.nextUint32();
}
