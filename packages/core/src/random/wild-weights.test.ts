import { describe, expect, it } from "vitest";
import { ALPHA, chiSquarePValue, ScriptedWords, zScore } from "../../../../test/random/helpers.js";
import { randomStream } from "./streams.js";
import { rademacherWeights, WEBB_POINTS, webbWeights } from "./wild-weights.js";

describe("wild bootstrap weights", () => {
  it("Rademacher: the top bit of each output, +1 for 1 and −1 for 0", () => {
    expect(Array.from(rademacherWeights(new ScriptedWords([0x80000000, 0x7fffffff, 0xffffffff, 0]), 4))).toEqual([1, -1, 1, -1]);
  });

  it("Rademacher: +1 half the time (100,000 draws)", () => {
    const n = 100_000;
    const w = rademacherWeights(randomStream(15, "wild-bootstrap"), n);
    expect(w.every((x) => x === 1 || x === -1)).toBe(true);
    const plus = w.filter((x) => x === 1).length;
    expect(zScore(plus / n, 0.5, Math.sqrt(0.25 / n))).toBeLessThan(4.4);
  });

  it("Webb: six points ±√(1/2), ±1, ±√(3/2) with mean 0 and variance 1", () => {
    expect(WEBB_POINTS).toEqual([-Math.sqrt(3 / 2), -1, -Math.sqrt(1 / 2), Math.sqrt(1 / 2), 1, Math.sqrt(3 / 2)]);
    expect(WEBB_POINTS.reduce((s, x) => s + x, 0)).toBe(0);
    expect(WEBB_POINTS.reduce((s, x) => s + x * x, 0) / 6).toBeCloseTo(1, 15);
  });

  it("Webb: each point with probability 1/6, sample mean 0 and variance 1 (60,000 draws)", () => {
    const n = 60_000;
    const w = webbWeights(randomStream(16, "wild-bootstrap"), n);
    const counts = WEBB_POINTS.map((p) => w.filter((x) => x === p).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(chiSquarePValue(counts)).toBeGreaterThan(ALPHA);
    const mean = w.reduce((s, x) => s + x, 0) / n;
    const second = w.reduce((s, x) => s + x * x, 0) / n;
    // Var w = 1 and Var w² = E w⁴ − 1 = 7/6 − 1 = 1/6; 4.4 SEs ≈ level 1e-5
    expect(zScore(mean, 0, Math.sqrt(1 / n))).toBeLessThan(4.4);
    expect(zScore(second, 1, Math.sqrt(1 / 6 / n))).toBeLessThan(4.4);
    // the check can fail: Mammen-like skewed points, or √(3/2) drawn twice as often as −√(3/2)
    const lopsided = counts.slice();
    lopsided[5] += lopsided[0] * 0.1;
    lopsided[0] *= 0.9;
    expect(chiSquarePValue(lopsided)).toBeLessThan(ALPHA);
  });
});
