import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TrialstatError, fitFormula, parseCsv } from "@trialstat/core";
import { errorOf, expectClose, readJson, repoPath } from "../helpers.js";

// Made by test/oracle/rescale.R with lm and estimatr::lm_robust (HC2).
interface Case {
  name: "huge" | "tiny";
  factor: number;
  raw: { lm_estimate: number[]; lm_std_error: (number | null)[]; lm_robust_estimate: (number | null)[] };
  scaled: { terms: string[]; lm_estimate: number[]; lm_std_error: number[]; hc2_std_error: number[] };
}
const oracle = readJson<{ cases: Case[] }>("test/oracle/rescale.json");
const data = (name: string) => parseCsv(readFileSync(repoPath(`test/oracle/data/${name}.csv`), "utf8"), { source: `${name}.csv` });

/**
 * A covariate near the largest (1e306) or smallest (1e-161) double: R misreports it (lm: a standard
 * error of 0 or Inf; lm_robust: no estimates, or the covariate silently dropped), trialstat refuses
 * it and says by what power of ten to rescale, and on the rescaled data trialstat gives R's numbers.
 */
describe.each(oracle.cases)("a covariate on the $name scale", (c) => {
  it("is what R cannot fit: a zero or infinite standard error, or missing estimates", () => {
    expect(c.raw.lm_std_error[2] === 0 || c.raw.lm_std_error[2] === 1e999).toBe(true);
    expect(c.raw.lm_robust_estimate[2]).toBeNull();
  });

  it("is refused by trialstat, with the rescaling that fixes it", () => {
    const e = errorOf<TrialstatError>(() => fitFormula(data(`rescale-${c.name}-raw`), { formula: "y ~ treat + x" }));
    expect(e.kind).toBe("input");
    expect(e.hint).toContain(c.name === "huge" ? `divide it by 1e${Math.round(-Math.log10(c.factor))}` : `multiply it by 1e${Math.round(Math.log10(c.factor))}`);
  });

  it("rescaled as the hint says, agrees with lm and lm_robust (HC2)", () => {
    const r = fitFormula(data(`rescale-${c.name}-scaled`), { formula: "y ~ treat + x", se: "HC2" });
    const classical = fitFormula(data(`rescale-${c.name}-scaled`), { formula: "y ~ treat + x", se: "classical" });
    expect(r.coefficients.map((x) => x.term)).toEqual(c.scaled.terms);
    r.coefficients.forEach((x, j) => {
      expectClose(x.estimate, c.scaled.lm_estimate[j], 1e-10, `estimate ${x.term}`);
      expectClose(x.std_error, c.scaled.hc2_std_error[j], 1e-8, `HC2 SE ${x.term}`);
      expectClose(classical.coefficients[j].std_error, c.scaled.lm_std_error[j], 1e-8, `classical SE ${x.term}`);
    });
    // the intercept and the treatment effect do not depend on the covariate's scale
    expectClose(r.coefficients[1].estimate, c.raw.lm_estimate[1], 1e-10, "treat, raw lm");
  });
});
