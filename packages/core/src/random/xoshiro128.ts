/**
 * The generator behind every random draw in trialstat: xoshiro128** 1.1 (Blackman & Vigna).
 *
 * State: four 32-bit words s0..s3, never all zero. Each step returns rotl(s1 · 5, 7) · 9 (mod 2³²)
 * and advances the state by the linear map
 *
 *     t = s1 ≪ 9;  s2 ⊕= s0;  s3 ⊕= s1;  s1 ⊕= s2;  s0 ⊕= s3;  s2 ⊕= t;  s3 = rotl(s3, 11).
 *
 * Period 2¹²⁸ − 1; every 32-bit output is equidistributed in 4 dimensions; it passes BigCrush and
 * PractRand. Why this generator: its arithmetic is 32-bit (Math.imul, shifts, xor), so it runs at
 * full speed in JavaScript, where 64-bit generators (xoshiro256**, PCG64, PCG32's 64-bit LCG) need
 * BigInt or emulated 64-bit multiplies and run several times slower; the ** scrambler makes every
 * output bit usable (unlike xoshiro128+, whose low bits are weak); its state is large enough that
 * randomly seeded streams do not overlap in practice (streams.ts); and it has a short public-domain
 * reference implementation to check against bit for bit (test/random/reference.json).
 *
 * Source: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM Trans. Math.
 * Softw. 47(4), 2021; reference code xoshiro128starstar.c, https://prng.di.unimi.it/. (Version 1.0
 * of that file scrambled s0 instead of s1; this is 1.1.)
 *
 * Make generators with `RandomStreams` (streams.ts), never from a hand-picked state; the state
 * constructor is for the reference tests.
 *
 * @example
 * const g = new Xoshiro128StarStar(1, 2, 3, 4);
 * g.nextUint32(); // 11520
 */
export interface RandomStream {
  /** The next 32 random bits, as an integer in [0, 2³²). */
  nextUint32(): number;
}

export class Xoshiro128StarStar implements RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) throw new Error("xoshiro128**: the state must not be all zero");
  }

  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** The four state words, unsigned (for tests and for recording a position). */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}
