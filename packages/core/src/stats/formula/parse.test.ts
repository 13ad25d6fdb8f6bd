import { describe, expect, it } from "vitest";
import { TrialstatError, excerptLines } from "../../errors.js";
import { errorOf } from "../../../../../test/helpers.js";
import { FORMULA_LIMITS, parseFormula } from "./parse.js";
import { MAX_TERMS, expandFormula } from "./terms.js";

/** The message of the error a formula gives, or "ok" (never a RangeError: those fail the test). */
function outcome(formula: string): string {
  try {
    expandFormula(formula);
    return "ok";
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    return e.message;
  }
}

describe("formula limits: located errors, never a stack overflow", () => {
  const chain = (n: number) => `y ~ ${Array.from({ length: n }, (_, i) => `x${i}`).join(" + ")}`;

  it("reads formulas up to the limits", () => {
    expect(outcome(`y ~ ${"(".repeat(FORMULA_LIMITS.nesting)}x${")".repeat(FORMULA_LIMITS.nesting)}`)).toBe("ok");
    expect(expandFormula(chain(FORMULA_LIMITS.depth)).terms).toHaveLength(FORMULA_LIMITS.depth);
    expect(outcome(`y ~ I(${"-".repeat(FORMULA_LIMITS.nesting - 1)}x)`)).toBe("ok");
  });

  it.each([
    ["parentheses 100,000 deep (past the length limit)", `y ~ ${"(".repeat(100_000)}x${")".repeat(100_000)}`, "it is 200,005 characters long; at most 100,000 are read"],
    ["parentheses 101 deep", `y ~ ${"(".repeat(101)}x${")".repeat(101)}`, "more than 100 levels of nesting at position 105"],
    ["calls nested in I()", `y ~ I(${"log(".repeat(200)}x${")".repeat(200)})`, "more than 100 levels of nesting"],
    ["signs 5,000 deep", `y ~ I(${"-".repeat(5000)}x)`, "more than 100 levels of nesting at position 106"],
    ["powers 5,000 deep (right-associative)", `y ~ I(${"x^".repeat(5000)}x)`, "more than 100 levels of nesting"],
    ["a chain of 2,001 terms", chain(FORMULA_LIMITS.depth + 2), "the formula is more than 2,000 operators deep"],
    ["a sum of 30,000 ones in I()", `y ~ I(${Array(30_000).fill("1").join("+")})`, "the formula is more than 2,000 operators deep at position 4006"],
    ["15 variables crossed", `y ~ ${"abcdefghijklmno".split("").join("*")}`, `the formula expands to more than ${MAX_TERMS.toLocaleString("en-GB")} terms`],
    ["a cube of 40 variables", `y ~ (${Array.from({ length: 40 }, (_, i) => `x${i}`).join(" + ")})^3`, "the formula expands to more than 10,000 terms"],
  ])("refuses %s", (_what, formula, message) => {
    expect(outcome(formula)).toContain(message);
  });

  it("locates the position where the nesting goes too deep", () => {
    try {
      parseFormula(`y ~ x + ${"(".repeat(150)}z${")".repeat(150)}`);
      expect.unreachable();
    } catch (e) {
      expect((e as TrialstatError).location?.column).toBe(9 + FORMULA_LIMITS.nesting);
    }
  });
});

describe("instrumental-variables formulas: one top-level |, where asked for", () => {
  it("splits the regressors from the instruments", () => {
    const f = parseFormula("y ~ takeup + x | treat + x", { instruments: true });
    expect(expandFormula(f).termLabels).toEqual(["takeup", "x"]);
    expect(expandFormula({ ...f, rhs: f.instruments! }).termLabels).toEqual(["treat", "x"]);
    expect(parseFormula("y ~ takeup + x", { instruments: true }).instruments).toBeUndefined();
  });

  it.each([
    ["y ~ takeup | treat", false, 12, '"|" (which separates regressors from instruments) is not accepted in this formula'],
    ["y ~ a | b | c", true, 11, 'more than one "|"'],
    ["y ~ (a | b)", true, 8, '"|" inside parentheses or a function'],
    ["y ~ I(a | b)", true, 9, '"|" inside parentheses or a function'],
    ["y | z ~ a", true, 3, '"|" before "~"'],
    ["y ~ a |", true, 8, 'nothing after "|"'],
    ["y ~ a | b + (", true, 14, "expected a variable"],
  ])("%s (instruments allowed: %s) fails at position %i", (formula, allowed, position, what) => {
    const err = errorOf<TrialstatError>(() => parseFormula(formula, { instruments: allowed }));
    expect(err).toBeInstanceOf(TrialstatError);
    expect(err.kind).toBe("input");
    expect(err.message).toContain(what);
    expect(err.message).toContain(`at position ${position}`);
    expect(err.location?.column).toBe(position);
    expect(err.excerpt).toEqual({ text: formula, position: position - 1 });
    expect(excerptLines(err.excerpt!)).toEqual([`  ${formula}`, `  ${" ".repeat(position - 1)}^`]);
  });

  it("refuses | in formulas that are not instrumental (expandFormula of text)", () => {
    expect(errorOf<TrialstatError>(() => expandFormula("y ~ a | b")).message).toContain('"|"');
  });
});
