// Helpers for the tests of packages/core/src/random: goodness-of-fit p-values and a scripted stream.
//
// Every distributional test draws from a fixed seed and asks for p > ALPHA. For a correct generator
// each such check fails with probability ALPHA at most (the seeds were not chosen to pass); each
// test file also shows that the same check rejects a plausibly broken generator, so none is a test
// that could never fail.
import { chiSquareUpperTail, type RandomStream } from "@trialstat/core";
import { readJson } from "../helpers.js";

/** The significance level of every distributional check. */
export const ALPHA = 1e-3;

/** Pearson's χ² goodness-of-fit test of counts against probabilities (default: equal): the p-value. */
export function chiSquarePValue(counts: ArrayLike<number>, probabilities?: ArrayLike<number>): number {
  const k = counts.length;
  let n = 0;
  for (let i = 0; i < k; i++) n += counts[i];
  let x2 = 0;
  for (let i = 0; i < k; i++) {
    const expected = n * (probabilities ? probabilities[i] : 1 / k);
    x2 += (counts[i] - expected) ** 2 / expected;
  }
  return chiSquareUpperTail(x2, k - 1);
}

/**
 * The one-sample Kolmogorov–Smirnov test that values come from the continuous distribution `cdf`:
 * D = sup |F_n − F|, p = Q_KS((√n + 0.12 + 0.11/√n)·D) with Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}
 * (the asymptotic Kolmogorov distribution with Stephens' correction: M. A. Stephens, JRSS B 32(1),
 * 1970; Numerical Recipes, 3rd ed., §14.3.3).
 */
export function ksPValue(values: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return kolmogorovUpperTail((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d);
}

export function kolmogorovUpperTail(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** |observed − expected| in standard errors. */
export function zScore(observed: number, expected: number, standardError: number): number {
  return Math.abs(observed - expected) / standardError;
}

/** A stream that replays given 32-bit words (to test a draw's use of the bits), then fails. */
export class ScriptedWords implements RandomStream {
  private at = 0;
  constructor(private readonly words: readonly number[]) {}
  nextUint32(): number {
    if (this.at >= this.words.length) throw new Error("ScriptedWords: out of words");
    return this.words[this.at++] >>> 0;
  }
  get used(): number {
    return this.at;
  }
}

/** The reference outputs of test/random/reference.c (see reference.sh). */
export interface Reference {
  xoshiro128starstar: { state: number[]; outputs: number[] }[];
  splitmix64: { seed: number; outputs: string[] }[];
  fnv1a64: { text: string; hash: string }[];
  streams: {
    seed: number;
    purpose: string;
    index: number;
    state: number[];
    outputs: number[];
    bits53: number[];
    bits52: number[];
    bounded: { n: number; values: number[] }[];
    shuffle10: number[];
  }[];
}

export const reference = (): Reference => readJson<Reference>("test/random/reference.json");
