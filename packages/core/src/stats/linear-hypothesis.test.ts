import { describe, expect, it } from "vitest";
import { parseLinearHypothesis } from "./linear-hypothesis.js";

const names = ["(Intercept)", "treat", "gB", "gC", "treat:gB", "I(x1^2)", "log(x1 + 20)"];

describe("parseLinearHypothesis", () => {
  it("reads joint restrictions on named coefficients, = 0 by default", () => {
    const h = parseLinearHypothesis("treat = 0, treat:gB = 0", names);
    expect(h.matrix).toEqual([
      [0, 1, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1, 0, 0],
    ]);
    expect(h.rhs).toEqual([0, 0]);
    expect(h.restrictions).toEqual(["treat = 0", "treat:gB = 0"]);
    expect(parseLinearHypothesis("treat", names).matrix).toEqual([[0, 1, 0, 0, 0, 0, 0]]);
  });

  it("moves terms across the = and reads multipliers, signs and constants", () => {
    expect(parseLinearHypothesis("gB = gC", names).matrix).toEqual([[0, 0, 1, -1, 0, 0, 0]]);
    const h = parseLinearHypothesis("2*treat - gB + 1 = 0.5 gC - 3", names);
    expect(h.matrix).toEqual([[0, 2, -1, -0.5, 0, 0, 0]]);
    expect(h.rhs).toEqual([-4]);
    expect(parseLinearHypothesis("-treat - -gB = 1e-2", names)).toMatchObject({ matrix: [[0, -1, 1, 0, 0, 0, 0]], rhs: [0.01] });
  });

  it("keeps parentheses, spaces and operators inside names", () => {
    expect(parseLinearHypothesis("I(x1^2) = 0, log(x1+20) = 0", names).matrix).toEqual([
      [0, 0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 0, 1],
    ]);
  });

  it("says what is wrong with a bad hypothesis", () => {
    expect(() => parseLinearHypothesis("treet = 0", names)).toThrow(/names treet, which is not an estimated coefficient/);
    expect(() => parseLinearHypothesis("treat = 0,", names)).toThrow(/empty restriction/);
    expect(() => parseLinearHypothesis("treat = gB = 0", names)).toThrow(/more than one "="/);
    expect(() => parseLinearHypothesis("1 = 0", names)).toThrow(/names no coefficient/);
    expect(() => parseLinearHypothesis("treat*gB = 0", names)).toThrow(/not a number times a coefficient/);
  });
});
