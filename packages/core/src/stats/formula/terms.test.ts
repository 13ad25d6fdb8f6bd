import { describe, expect, it } from "vitest";
import { TrialstatError } from "../../errors.js";
import { errorOf } from "../../../../../test/helpers.js";
import { combineTerms, expandFormula } from "./terms.js";

// Expected term lists are what R 4.2's attr(terms(f), "term.labels") and "intercept" print.
describe("expandFormula follows R's terms()", () => {
  it.each([
    ["y ~ a + b", ["a", "b"], true],
    ["y ~ a*b", ["a", "b", "a:b"], true],
    ["y ~ a:b + c", ["c", "a:b"], true],
    ["y ~ b:a", ["b:a"], true],
    ["y ~ a*b*c", ["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"], true],
    ["y ~ (a + b + c)^2", ["a", "b", "c", "a:b", "a:c", "b:c"], true],
    ["y ~ a/b", ["a", "a:b"], true],
    ["y ~ (a + b)/c", ["a", "b", "a:b:c"], true],
    ["y ~ a*b - a", ["b", "a:b"], true],
    ["y ~ a + b - 1", ["a", "b"], false],
    ["y ~ 0 + a", ["a"], false],
    ["y ~ -1 + a", ["a"], false],
    ["y ~ a - 1 + 1", ["a"], true],
    ["y ~ a + a", ["a"], true],
    ["y ~ factor(s) + I(x^2)", ["factor(s)", "I(x^2)"], true],
    ["y ~ I(x * 2) + I(-x) + I(x/2) + I(log(x + 1))", ["I(x * 2)", "I(-x)", "I(x/2)", "I(log(x + 1))"], true],
    ["y ~ `my var` + b", ["my var", "b"], true],
  ])("%s", (formula, labels, intercept) => {
    const t = expandFormula(formula);
    expect(t.termLabels).toEqual(labels);
    expect(t.intercept).toBe(intercept);
  });

  it("keeps the response out of the terms", () => {
    const t = expandFormula("log_y ~ x");
    expect(t.response).toEqual({ kind: "column", name: "log_y" });
    expect(t.variableLabels).toEqual(["x"]);
  });
});

describe("formula errors say where", () => {
  it.each([
    ["y ~ x +", "at position 8", "expected a variable"],
    ["y ~ (x + z", "at position 11", 'expected ")"'],
    ["y x", "at position 4", 'no "~"'],
    ["y ~ x ~ z", "at position 7", 'more than one "~"'],
    ["y ~ poly(x)", "at position 5", 'unknown function "poly"'],
    ["y ~ x + 2", "at position 9", "the number 2 has no meaning"],
    ["y ~ x + `z", "at position 9", "back-quoted name is not closed"],
    ["y ~ x $ z", "at position 7", 'unexpected character "$"'],
    ["y ~ y + x", "at position 5", "the outcome y also appears"],
    ["y ~ ", "at position 5", 'nothing after "~"'],
    ["y ~ x^2", "at position 6", "x^2 means the interactions of one variable with itself"],
    ["y ~ (a + b)^0", "at position 13", "^ in a formula takes"],
  ])("%s", (formula, where, what) => {
    const err = errorOf<TrialstatError>(() => expandFormula(formula));
    expect(err).toBeInstanceOf(TrialstatError);
    expect(err.kind).toBe("input");
    expect(err.message).toContain(what);
    expect(err.message).toContain(where);
    expect(err.excerpt?.text).toBe(formula);
    expect(err.excerpt?.position).toBe(Number(/position (\d+)/.exec(where)![1]) - 1);
  });
});

// R 4.x: attr(terms(update(y ~ treat, . ~ . + x1:g + x1)), "term.labels") etc.
describe("combineTerms follows terms() of the formula with both right-hand sides", () => {
  it.each([
    ["y ~ treat", "~ x1:g + x1", ["treat", "x1", "x1:g"], true],
    ["y ~ treat", "~ x:treat + z", ["treat", "z", "treat:x"], true],
    ["y ~ treat - 1", "~ x", ["treat", "x"], false],
    ["y ~ takeup + x", "y ~ treat + x", ["takeup", "x", "treat"], true],
  ])("%s with %s", (first, second, labels, intercept) => {
    const t = combineTerms(expandFormula(first), expandFormula(second));
    expect(t.termLabels).toEqual(labels);
    expect(t.intercept).toBe(intercept);
    expect(t.response).toEqual(expandFormula(first).response);
  });
});
