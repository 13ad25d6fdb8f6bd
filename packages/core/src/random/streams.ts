import { inputError } from "../errors.js";
import { fnv1a64 } from "./fnv1a.js";
import { mix64, splitMix64Next } from "./splitmix64.js";
import { Xoshiro128StarStar } from "./xoshiro128.js";

/**
 * Independent, addressable random streams from one seed: `stream(purpose, index)` is a xoshiro128**
 * generator that depends only on (seed, purpose, index) — not on which other streams exist or the
 * order in which they were made. So a bootstrap that gives replicate r the stream
 * ("bootstrap", r) draws the same numbers whether it runs in one thread or in eight, and adding
 * a Monte Carlo step to an analysis leaves its randomisation-inference draws unchanged.
 *
 * Derivation (all arithmetic mod 2⁶⁴; mix64 is SplitMix64's bijective finaliser, fnv1a64 hashes the
 * purpose's UTF-8 bytes):
 *
 *     key   = mix64( mix64(seed ⊕ mix64(fnv1a64(purpose))) ⊕ mix64(index) )
 *     a, b  = the first two outputs of SplitMix64 started at key
 *     state = (low 32 bits of a, high of a, low of b, high of b)
 *
 * This is the seeding Blackman and Vigna recommend (fill the state from SplitMix64 outputs), with the
 * purpose and index hashed into SplitMix64's seed. Why the streams do not collide or overlap:
 * - for one seed and purpose, the map index → key is a composition of bijections, so distinct
 *   indices give distinct keys, and distinct keys give distinct first outputs a (mix64 is a
 *   bijection), hence distinct states; likewise distinct seeds for one (purpose, index), and distinct
 *   purposes whose FNV hashes differ (the purposes in use are tested to differ);
 * - the state is never all zero (a = b = 0 would need key + γ = key + 2γ = 0 with γ odd);
 * - two streams overlap only if one's start lies within the other's draws along xoshiro128**'s
 *   single cycle of 2¹²⁸ − 1 states. With starts that behave as random (SplitMix64 passes BigCrush),
 *   k streams of at most L draws each overlap with probability below k²·L / 2¹²⁸: a million streams
 *   of 10¹² draws each give under 10⁻³⁴. (Unrelated pairs (purpose, index) could share a key by
 *   chance, with probability 2⁻⁶⁴ per pair.)
 *
 * Seeds are whole numbers in [0, 2⁵³), so they are stored exactly in results.json; a purpose is a
 * non-empty string (kebab-case by convention: "bootstrap", "randomisation-inference",
 * "wild-bootstrap", "monte-carlo"); an index is a whole number in [0, 2⁵³).
 *
 * @example
 * const streams = new RandomStreams(20240101);
 * const rng = streams.stream("bootstrap", 17); // replicate 17's draws, on any worker
 * uniform(rng);
 */
export class RandomStreams {
  /** The seed: results.json records it (`provenance()`), so that the draws can be made again. */
  readonly seed: number;
  /** mix64(seed ⊕ mix64(fnv1a64(purpose))) by purpose: the part of the key that does not vary with the index. */
  private readonly purposeKeys = new Map<string, bigint>();

  constructor(seed: number) {
    this.seed = checkWhole(seed, "seed");
  }

  /** The generator for (seed, purpose, index), at its start. Each call returns a new generator. */
  stream(purpose: string, index = 0): Xoshiro128StarStar {
    const key = { state: mix64(this.purposeKey(purpose) ^ mix64(BigInt(checkWhole(index, "stream index")))) };
    const a = splitMix64Next(key);
    const b = splitMix64Next(key);
    return new Xoshiro128StarStar(Number(a & 0xffffffffn), Number(a >> 32n), Number(b & 0xffffffffn), Number(b >> 32n));
  }

  /** What a results file records about its random numbers: the generator and stream derivation, and the seed. */
  provenance(): RandomProvenance {
    return { generator: RANDOM_GENERATOR, seed: this.seed };
  }

  private purposeKey(purpose: string): bigint {
    let key = this.purposeKeys.get(purpose);
    if (key === undefined) {
      if (typeof purpose !== "string" || purpose.length === 0) {
        throw inputError("a random stream needs a purpose: a non-empty name such as \"bootstrap\"", { hint: "name each use of random numbers, so that its draws are its own" });
      }
      key = mix64(BigInt(this.seed) ^ mix64(fnv1a64(purpose)));
      this.purposeKeys.set(purpose, key);
    }
    return key;
  }
}

/** The generator and stream derivation by name; a change to either must change this text. */
export const RANDOM_GENERATOR = "xoshiro128** 1.1, streams seeded by SplitMix64 from (seed, FNV-1a 64 of purpose, index)";

export interface RandomProvenance {
  readonly generator: string;
  readonly seed: number;
}

/** The generator for (seed, purpose, index): `new RandomStreams(seed).stream(purpose, index)`. */
export function randomStream(seed: number, purpose: string, index = 0): Xoshiro128StarStar {
  return new RandomStreams(seed).stream(purpose, index);
}

function checkWhole(value: number, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw inputError(`a random ${what} must be a whole number from 0 to 9007199254740991 (2^53 - 1), not ${String(value)}`, {
      hint: what === "seed" ? "give a seed such as 20240101; record it with the results so that the run can be repeated" : "number the streams 0, 1, 2, …",
    });
  }
  return value;
}
