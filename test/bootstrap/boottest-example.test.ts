import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModelFrame, buildModelMatrix, expandFormula, readDataBytes, wildClusterBootstrap } from "@trialstat/core";
import { repoPath } from "../helpers.js";

// The wild cluster bootstrap against boottest's published examples (D. Roodman, "boottest" for Stata,
// its help file's examples and test/"unit tests.log" in github.com/droodman/boottest; the method is
// Roodman, MacKinnon, Nielsen & Webb, "Fast and wild", Stata Journal 19(1), 2019):
//
//   use collapsed                 (8 years x self-employed or not, 16 rows)
//   regress hasinsurance selfemployed post post_self, cluster(year)
//   boottest post_self=.04     ->  256 replications (every Rademacher sign vector), t(7) = 2.0194,
//                                  Prob>|t| = 0.0742, 95% confidence set [.03874, .07098]
//   boottest post_self=.04, weight(webb)  ->  999 replications, Prob>|t| = 0.0921
//   boottest {post}            ->  t(7) = -5.5821, Prob>|t| = 0.0000, [-.02978, -.01306]
//   use nlsw88
//   regress wage tenure ttl_exp collgrad, cluster(industry)
//   boottest tenure            ->  999 replications (of 4,096), t(11) = 1.0772, Prob>|t| = 0.2843,
//                                  95% confidence set [-.03531, .1968]
//
// The collapsed data (16 rows: the share with health insurance by year and self-employment, from
// boottest's test/collapsed.dta, whose values are Stata floats) are typed in below, each value as the
// exact decimal of its float, so these checks run everywhere. nlsw88 (2,246 people, Stata's example
// data) is not committed: that check reads it from shared/reference/boottest/ beside the repository
// (or $TRIALSTAT_SHARED/reference/boottest/), as nlsw88.csv written from boottest's nlsw88.dta (a
// Stata 12 file, which trialstat does not read) by
//   Rscript -e 'd <- haven::zap_labels(haven::read_dta("nlsw88.dta")); write.csv(d, "nlsw88.csv", row.names = FALSE, na = "")'
// and says so when it is skipped.
//
// How they compare. boottest's t statistics are CR1 t's: to its 4 decimals. Under full
// enumeration two draws (all weights +1, all -1) reproduce +-t exactly; trialstat never counts them
// (p = 18/256 = 0.0703 here), boottest compares them by their last bits and printed 19/256: the
// published p must lie in [strict, strict + ties]/256. Its confidence-set search stops once the
// p-value is within 1/B of the target, ties again counted by their last bits, so its ends lie a
// step or two of the p-value function (steps of 2/256: draws move in pairs under Rademacher
// symmetry) from trialstat's exact ends: within 6e-4 here, and trialstat's p-value at boottest's
// ends is within 3/256 of 0.05. With random draws (999 of them) boottest's numbers carry Monte Carlo
// error: the p-values and the p-value at its interval ends agree within 3 Monte Carlo standard errors.
const COLLAPSED = `year,selfemployed,hasinsurance,post,post_self
1983,0,0.87550783157348633,0,0
1983,1,0.71044260263442993,0,0
1984,0,0.87950325012207031,0,0
1984,1,0.73782974481582642,0,0
1985,0,0.87178510427474976,0,0
1985,1,0.70701324939727783,0,0
1986,0,0.87094825506210327,0,0
1986,1,0.71200233697891235,0,0
1987,0,0.87239944934844971,0,0
1987,1,0.7190173864364624,0,0
1988,0,0.8586542010307312,1,0
1988,1,0.76657754182815552,1,1
1989,0,0.8543781042098999,1,0
1989,1,0.74206125736236572,1,1
1990,0,0.84707814455032349,1,0
1990,1,0.74574178457260132,1,1
`;
const candidates = [process.env.TRIALSTAT_SHARED, repoPath("../shared"), "/work/shared"].filter((d): d is string => d !== undefined);
const folder = candidates.map((d) => join(d, "reference", "boottest")).find((d) => existsSync(join(d, "nlsw88.csv")));

function model(file: string, formula: string, cluster: string) {
  const bytes = file === "collapsed.csv" ? Buffer.from(COLLAPSED) : readFileSync(join(folder!, file));
  const table = readDataBytes(bytes, { source: file });
  const frame = buildModelFrame(table, expandFormula(formula), { cluster });
  const design = buildModelMatrix(frame);
  return {
    column: (term: string) => design.columnNames.indexOf(term),
    base: { design: design.matrix, y: frame.response, clusters: { codes: frame.cluster!.codes, count: frame.cluster!.levels.length } },
  };
}

const monteCarloSe = (p: number, draws: number) => Math.sqrt((p * (1 - p)) / draws);

describe("wild cluster bootstrap agrees with boottest's published examples", () => {
  it("collapsed data, post_self = .04: every sign vector (t, p within the ties, interval ends)", () => {
    const m = model("collapsed.csv", "hasinsurance ~ selfemployed + post + post_self", "year");
    const input = { ...m.base, coefficient: m.column("post_self"), nullValue: 0.04, draws: 999, seed: 1 };
    const w = wildClusterBootstrap(input);
    expect(w.draws).toBe(256);
    expect(w.enumerated).toBe(true);
    expect(w.statistic.toFixed(4)).toBe("2.0194");
    const strict = Math.round(w.pValue * 256);
    const ties = Array.from(w.bootstrapStatistics).filter((t) => Math.abs(t) === Math.abs(w.statistic)).length;
    expect([strict, ties]).toEqual([18, 2]);
    const published = Math.round(0.0742 * 256);
    expect(published).toBeGreaterThanOrEqual(strict);
    expect(published).toBeLessThanOrEqual(strict + ties);
    const pAt = (r: number) => wildClusterBootstrap({ ...input, nullValue: r }).pValue;
    [0.03874, 0.07098].forEach((end, side) => {
      expect(Math.abs(pAt(end) - 0.05), `p at ${end}`).toBeLessThanOrEqual(3 / 256);
      expect(Math.abs(w.confidenceInterval[side] - end), `interval end ${end}`).toBeLessThan(6e-4);
    });
  });

  it("collapsed data, post = 0: t = -5.5821, p = 0, interval ends", () => {
    const m = model("collapsed.csv", "hasinsurance ~ selfemployed + post + post_self", "year");
    const input = { ...m.base, coefficient: m.column("post"), draws: 999, seed: 1 };
    const w = wildClusterBootstrap(input);
    expect(w.statistic.toFixed(4)).toBe("-5.5821");
    expect(w.pValue).toBe(0);
    [-0.02978, -0.01306].forEach((end, side) => {
      expect(Math.abs(wildClusterBootstrap({ ...input, nullValue: end }).pValue - 0.05), `p at ${end}`).toBeLessThanOrEqual(3 / 256);
      expect(Math.abs(w.confidenceInterval[side] - end), `interval end ${end}`).toBeLessThan(6e-4);
    });
  });

  it("collapsed data, Webb weights: p = 0.0921 from 999 draws, within Monte Carlo error", () => {
    const m = model("collapsed.csv", "hasinsurance ~ selfemployed + post + post_self", "year");
    const w = wildClusterBootstrap({ ...m.base, coefficient: m.column("post_self"), nullValue: 0.04, draws: 99_999, seed: 1, weightType: "webb" });
    expect(w.enumerated).toBe(false);
    expect(Math.abs(w.pValue - 0.0921)).toBeLessThan(3 * Math.hypot(monteCarloSe(0.0921, 999), monteCarloSe(0.0921, 99_999)));
  });

  it.skipIf(folder === undefined)("nlsw88, tenure: t = 1.0772; p = 0.2843 and the interval ends from 999 draws, within Monte Carlo error", () => {
    const m = model("nlsw88.csv", "wage ~ tenure + ttl_exp + collgrad", "industry");
    const input = { ...m.base, coefficient: m.column("tenure"), draws: 4096, seed: 1 };
    const w = wildClusterBootstrap(input);
    expect(w.clusters).toBe(12);
    expect(w.enumerated).toBe(true);
    expect(w.statistic.toFixed(4)).toBe("1.0772");
    expect(Math.abs(w.pValue - 0.2843)).toBeLessThan(3 * monteCarloSe(0.2843, 999));
    for (const end of [-0.03531, 0.1968]) {
      expect(Math.abs(wildClusterBootstrap({ ...input, nullValue: end }).pValue - 0.05), `p at ${end}`).toBeLessThan(3 * monteCarloSe(0.05, 999));
    }
  });
});

it.runIf(folder === undefined)("boottest's nlsw88 example is skipped: its data are not in shared/reference/boottest", () => {
  console.warn(`boottest-example.test.ts: no nlsw88.csv in ${candidates.map((d) => join(d, "reference", "boottest")).join(" or ")}; the comparison with boottest's nlsw88 example did not run`);
});
