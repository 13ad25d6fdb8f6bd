import { describe, expect, it } from "vitest";
import { RandomStreams } from "../random/streams.js";
import { analysisSeed } from "./analysis-seeds.js";

describe("analysis seeds", () => {
  it("are the first 53 bits of the stream named for the purpose, population and outcome (by hand from the stream)", () => {
    const rng = new RandomStreams(20240613).stream("bootstrap seed: all / employed");
    const a = rng.nextUint32();
    const b = rng.nextUint32();
    expect(analysisSeed(20240613, "bootstrap", "all", "employed")).toBe(Math.floor(a / 2 ** 11) * 2 ** 32 + b);
  });

  it("differ by purpose, population, outcome and plan seed, and are whole numbers below 2^53", () => {
    const seeds = [
      analysisSeed(1, "bootstrap", "all", "y"),
      analysisSeed(1, "randomisation-inference", "all", "y"),
      analysisSeed(1, "bootstrap", "scr", "y"),
      analysisSeed(1, "bootstrap", "all", "z"),
      analysisSeed(2, "bootstrap", "all", "y"),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
    expect(analysisSeed(1, "bootstrap", "all", "y")).toBe(seeds[0]);
  });
});
