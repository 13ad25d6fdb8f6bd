import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf, repoPath } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { selectRows, tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { type NonResponseWeightOptions, nonResponseWeights } from "./non-response-weights.js";

const example = parseCsv(readFileSync(repoPath("examples/weights/survey12.csv"), "utf8"), { source: "survey12.csv" });
const base: NonResponseWeightOptions = {
  response: "responded12",
  eligible: "eligible12",
  covariates: ["age", "female", "health"],
  within: ["group", "arm"],
  method: "logit",
  missingCovariates: "indicator",
};

describe("nonResponseWeights", () => {
  it("weights respondents only; non-respondents and the ineligible get NaN", () => {
    const { weights, diagnostics } = nonResponseWeights(example, base);
    const responded = example.column("responded12");
    const eligible = example.column("eligible12");
    if (responded.kind !== "text" || eligible.kind !== "text") throw new Error("text columns expected");
    for (let i = 0; i < example.nRows; i++) {
      const isRespondent = eligible.values[i] === "yes" && responded.values[i] === "yes";
      expect(Number.isNaN(weights[i]), `row ${i}`).toBe(!isRespondent);
    }
    expect(diagnostics.eligible).toBe(eligible.values.filter((v) => v === "yes").length);
    expect(diagnostics.respondents).toBe(Array.from(weights).filter((w) => !Number.isNaN(w)).length);
    expect(diagnostics.cells.map((c) => c.values.join(" "))).toEqual(["SCR IW C", "SCR IW T", "SCR OOW C", "SCR OOW T", "WMCA C", "WMCA T"]);
    for (const c of diagnostics.cells) expect(c.summary.mean).toBeCloseTo(1, 13);
  });

  it("is deterministic and does not depend on the order of the rows (property)", () => {
    const a = nonResponseWeights(example, { ...base, trim: { cap: 2 } });
    expect(nonResponseWeights(example, { ...base, trim: { cap: 2 } }).weights).toEqual(a.weights);
    fc.assert(
      fc.property(fc.shuffledSubarray(Array.from({ length: example.nRows }, (_, i) => i), { minLength: example.nRows }), (order) => {
        const b = nonResponseWeights(selectRows(example, order), { ...base, trim: { cap: 2 } });
        order.forEach((i, k) => {
          if (Number.isNaN(a.weights[i])) expect(b.weights[k]).toBeNaN();
          else expect(Math.abs(b.weights[k] - a.weights[i])).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 5 },
    );
  });

  it("trims after rescaling, within each cell: mean 1 and no weight above the cap", () => {
    const { diagnostics } = nonResponseWeights(example, { ...base, trim: { cap: 1.6 } });
    for (const c of diagnostics.cells) {
      expect(c.summary.max).toBeLessThanOrEqual(1.6);
      expect(c.summary.mean).toBeCloseTo(1, 13);
    }
    expect(diagnostics.cells.some((c) => (c.trim?.nAboveCap ?? 0) > 0)).toBe(true);
  });

  it("treats trim: {} as no trimming", () => {
    const { diagnostics } = nonResponseWeights(example, { ...base, trim: {} });
    expect(diagnostics.trim).toBeNull();
    expect(diagnostics.cells.every((c) => c.trim === null)).toBe(true);
  });

  it("uses the lower of the fixed cap and the cell's percentile", () => {
    const { diagnostics } = nonResponseWeights(example, { ...base, trim: { cap: 1.8, percentile: 95 } });
    for (const c of diagnostics.cells) expect(c.trim!.cap).toBeLessThanOrEqual(1.8);
    expect(diagnostics.cells.some((c) => c.trim!.cap < 1.8)).toBe(true);
  });

  it("without within variables, weights everyone in one cell; without covariates, logit = cells", () => {
    const opts = { ...base, within: [], covariates: [] };
    const logit = nonResponseWeights(example, opts);
    const cells = nonResponseWeights(example, { ...opts, method: "cells" });
    expect(logit.diagnostics.cells.map((c) => c.label)).toEqual(["all rows"]);
    logit.weights.forEach((w, i) => (Number.isNaN(w) ? expect(cells.weights[i]).toBeNaN() : expect(w).toBeCloseTo(1, 12)));
  });

  it("reports missing covariates and how they entered", () => {
    const { diagnostics } = nonResponseWeights(example, base);
    expect(diagnostics.missingCovariates.map((m) => m.covariate)).toEqual(["age", "health"]);
    expect(diagnostics.missingCovariates[0].handling).toMatch(/^filled with the eligible mean \(41\.\d+\), with the 0\/1 indicator age_missing in the model$/);
    expect(diagnostics.missingCovariates[1].handling).toBe("a category of its own, (missing)");
    expect(diagnostics.cells[0].model?.terms).toEqual(["(Intercept)", "age", "age_missing", "female", "healthfair", "healthgood", "healthpoor"]);
  });
});

describe("nonResponseWeights: bad input", () => {
  const t = tableFromColumns(
    { arm: ["T", "T", "T", "C", "C", "C"], r: [1, 0, 1, 0, 0, 0], x: [1, 2, 3, 4, 5, 6], w: [1, 1, 1, 1, 1, 1] },
    "b.csv",
  );
  const opts: NonResponseWeightOptions = { response: "r", covariates: ["x"], within: ["arm"], method: "logit", missingCovariates: "error" };
  const cases: [string, Partial<NonResponseWeightOptions>, "input" | "analysis", string][] = [
    ["a cell with no respondents", {}, "analysis", "cell arm=C: none of its 3 eligible people responded"],
    ["an unknown within variable", { within: ["group"] }, "input", "not in b.csv: within variable group"],
    ["an unknown response column", { response: "resp" }, "input", "not in b.csv: response column resp"],
    ["the response as a covariate", { covariates: ["r"] }, "input", "the response column r cannot also be a covariate"],
    ["a covariate named twice", { covariates: ["x", "x"] }, "input", "the covariate x is named twice"],
    ["a cap of 1 or less", { trim: { cap: 0.9 } }, "input", "the trimming cap must be a number above 1"],
    ["a percentile out of range", { trim: { percentile: 120 } }, "input", "the trimming percentile must lie in (0, 100]"],
    ["an unknown method", { method: "ipw" as never }, "input", 'unknown weighting method "ipw"'],
    ["no eligible row", { eligible: new Uint8Array(6) }, "input", "no row of b.csv is eligible for the survey"],
  ];
  it.each(cases)("%s", (_, change, kind, message) => {
    const e = errorOf<TrialstatError>(() => nonResponseWeights(t, { ...opts, ...change }));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.kind).toBe(kind);
    expect(e.message).toContain(message);
    expect(e.hint).toBeTruthy();
  });

  it("a percentile cap at or below the mean weight names the cell", () => {
    const ok = tableFromColumns({ r: [0, 1, 0, 1, 1, 0, 1, 1], x: [1, 2, 3, 4, 5, 6, 7, 8] });
    const e = errorOf<TrialstatError>(() => nonResponseWeights(ok, { ...opts, within: [], trim: { percentile: 10 } }));
    expect(e.kind).toBe("analysis");
    expect(e.message).toMatch(/^cell all rows: the 10th percentile of the weights is 0\.\d{6}, not above their mean of 1/);
  });

  it("a percentile at or below the mean weight suggests the lowest whole percentile above it, which is higher", () => {
    // weighting classes: g=a has 5 eligible, 1 responded (raw weight 5); g=b 3 of 3 (raw 1). The respondents'
    // weights 5,1,1,1 rescaled to mean 1 are 2.5,0.5,0.5,0.5; type-7 percentile p of the sorted four is at
    // h = 3p/100: 0.5 up to h = 2, then 0.5 + 2(h - 2), which is 1 at p = 75 and 1.06 at p = 76.
    const t = tableFromColumns({ r: [1, 0, 0, 0, 0, 1, 1, 1], g: ["a", "a", "a", "a", "a", "b", "b", "b"] });
    const e = errorOf<TrialstatError>(() => nonResponseWeights(t, { ...opts, covariates: ["g"], within: [], method: "cells", trim: { percentile: 50 } }));
    expect(e.message).toMatch(/^cell all rows: the 50th percentile of the weights is 0\.500000, not above their mean of 1/);
    expect(e.remedies?.[0]).toMatchObject({ setting: "trim.percentile", value: 76 });
    expect(e.remedies?.[0].reason).toContain("the 76th percentile is 1.06000");
  });

  it("trims nothing, without an error, in a cell whose weights are all equal", () => {
    // no covariates: every respondent's weight is the cell's eligible / respondents, 1 after rescaling
    const t = tableFromColumns({ r: [1, 0, 1, 1, 0, 1] });
    for (const trim of [{ percentile: 100 }, { percentile: 99, cap: 5 }, { cap: 2 }]) {
      const { weights, diagnostics } = nonResponseWeights(t, { ...opts, covariates: [], within: [], trim });
      expect(Array.from(weights).filter((w) => !Number.isNaN(w))).toHaveLength(4);
      for (const w of weights) if (!Number.isNaN(w)) expect(w).toBeCloseTo(1, 12);
      expect(diagnostics.cells[0].trim).toBeNull();
    }
  });
});
