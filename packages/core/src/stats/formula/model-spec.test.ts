import { describe, expect, it } from "vitest";
import { column, factorOf, modelTerms } from "./model-spec.js";
import { expandFormula } from "./terms.js";

describe("a model specified as data has the terms of the formula that says the same", () => {
  const t = column("treat");
  const site = factorOf("site");
  const g = column("g");
  it.each([
    ["y ~ treat + age", [[t], [column("age")]]],
    ["y ~ treat * factor(site) + age", [[t], [site], [t, site], [column("age")]]],
    ["y ~ treat:g + age + treat + g", [[t, g], [column("age")], [t], [g]]],
    ["y ~ g:treat + treat", [[g, t], [t]]],
  ] as const)("%s", (formula, terms) => {
    const fromData = modelTerms({ response: column("y"), terms });
    const fromText = expandFormula(formula);
    expect(fromData.termLabels).toEqual(fromText.termLabels);
    expect(fromData.variableLabels).toEqual(fromText.variableLabels);
    expect(fromData.terms).toEqual(fromText.terms);
    expect(fromData.intercept).toBe(true);
  });

  it("drops repeated terms and can leave out the intercept", () => {
    const spec = modelTerms({ response: column("y"), terms: [[t], [t], [column("x")]], intercept: false });
    expect(spec.termLabels).toEqual(["treat", "x"]);
    expect(spec.intercept).toBe(false);
    expect(spec.text).toBe("y ~ treat + x + 0");
  });
});
