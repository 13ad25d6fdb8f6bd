import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { TrialstatError } from "../errors.js";
import { covariateCategories, prepareCovariates } from "./missing-covariates.js";

const t = parseCsv("age,health,age_missing,score\n30,good,0,1\nNA,,0,2\n50,poor,0,3\n,fair,1,4\n", { source: "m.csv" });
const eligible = Int32Array.of(0, 1, 2);

describe("prepareCovariates: indicator policy", () => {
  it("fills a numeric covariate with the eligible mean and names an indicator that does not clash", () => {
    const [age, health] = prepareCovariates(t, ["age", "health"], eligible, "indicator");
    expect(age).toMatchObject({ kind: "numeric", nMissing: 1, fill: 40, indicator: "age_missing_" });
    if (age.kind !== "numeric") throw new Error("numeric");
    expect(Array.from(age.values.subarray(0, 3))).toEqual([30, 40, 50]);
    expect(Array.from(age.missing)).toEqual([0, 1, 0, 0]); // row 4 is not eligible: untouched
    expect(health).toMatchObject({ kind: "factor", nMissing: 1 });
    if (health.kind !== "factor") throw new Error("factor");
    expect(health.values.slice(0, 3)).toEqual(["good", "(missing)", "poor"]);
  });

  it("adds no indicator when nothing is missing among the eligible", () => {
    const [score] = prepareCovariates(t, ["score"], eligible, "indicator");
    expect(score).toMatchObject({ kind: "numeric", nMissing: 0, indicator: undefined });
  });
});

describe("prepareCovariates: errors", () => {
  it("error policy: counts the missing cells by covariate and names the first line", () => {
    const e = errorOf<TrialstatError>(() => prepareCovariates(t, ["age", "health", "score"], eligible, "error"));
    expect(e.kind).toBe("input");
    expect(e.where).toBe("m.csv:3:age");
    expect(e.message).toBe("baseline covariates are missing for eligible people: age (1 row, first on line 3), health (1 row, first on line 3)");
    expect(e.remedies).toMatchObject([{ setting: "missing_covariates", value: "indicator" }]);
  });

  it("lists every covariate that is not in the file", () => {
    const e = errorOf<TrialstatError>(() => prepareCovariates(t, ["age", "height", "weight"], eligible, "error"));
    expect(e.message).toBe("covariates not in m.csv: height, weight");
    expect(e.hint).toBe("available columns: age, health, age_missing, score");
  });

  it("rejects a numeric covariate with a stray text value", () => {
    const bad = parseCsv("x\n1\n2\n3x\n4\n", { source: "b.csv" });
    const e = errorOf<TrialstatError>(() => prepareCovariates(bad, ["x"], Int32Array.of(0, 1, 2, 3), "indicator"));
    expect(e.where).toBe("b.csv:4:x");
    expect(e.message).toBe('non-numeric value "3x" in numeric covariate x');
  });

  it("says why a covariate's value written as a number is not one: beyond the range of a double", () => {
    const bad = parseCsv("x\n1\n2\n3e999\n4\n", { source: "b.csv" });
    const e = errorOf<TrialstatError>(() => prepareCovariates(bad, ["x"], Int32Array.of(0, 1, 2, 3), "indicator"));
    expect(e.message).toBe('non-numeric value "3e999" (beyond the range of a double, ±1.8e308) in numeric covariate x');
  });
});

describe("covariateCategories", () => {
  it("uses a numeric covariate's values as categories, up to 20 of them", () => {
    expect(covariateCategories(t, "age", eligible, "raking").levels).toEqual(["30", "50", "(missing)"]);
    const many = parseCsv(`x\n${Array.from({ length: 21 }, (_, i) => i).join("\n")}\n`, { source: "n.csv" });
    const e = errorOf<TrialstatError>(() => covariateCategories(many, "x", Int32Array.from({ length: 21 }, (_, i) => i), "raking"));
    expect(e.message).toBe("raking needs categorical covariates, but x is numeric with 21 distinct values among the eligible");
    expect(e.remedies).toMatchObject([{ setting: "method", value: "logit" }]);
  });
});
