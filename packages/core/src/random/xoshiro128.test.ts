import { describe, expect, it } from "vitest";
import { reference } from "../../../../test/random/helpers.js";
import { Xoshiro128StarStar } from "./xoshiro128.js";

describe("xoshiro128** 1.1", () => {
  it("gives the outputs of the authors' algorithm in C, bit for bit, from any state", () => {
    const cases = reference().xoshiro128starstar;
    expect(cases.length).toBe(4);
    for (const { state, outputs } of cases) {
      const g = new Xoshiro128StarStar(state[0], state[1], state[2], state[3]);
      expect(Array.from(outputs, () => g.nextUint32()), `state ${state}`).toEqual(outputs);
    }
  });

  it("gives the first output by hand: rotl(2·5, 7)·9 = 11520 from state (1, 2, 3, 4)", () => {
    expect(new Xoshiro128StarStar(1, 2, 3, 4).nextUint32()).toBe(11520);
  });

  it("reports its state as unsigned words, and continues from a state it reported", () => {
    const g = new Xoshiro128StarStar(0xffffffff, 7, 0x80000000, 1);
    expect(g.state()).toEqual([0xffffffff, 7, 0x80000000, 1]);
    for (let i = 0; i < 5; i++) g.nextUint32();
    const copy = new Xoshiro128StarStar(...g.state());
    expect(Array.from({ length: 10 }, () => copy.nextUint32())).toEqual(Array.from({ length: 10 }, () => g.nextUint32()));
  });

  it("refuses the all-zero state, the one state it can never leave", () => {
    expect(() => new Xoshiro128StarStar(0, 0, 0, 0)).toThrow(/not be all zero/);
  });
});
