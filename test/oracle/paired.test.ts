import { describe, expect, it } from "vitest";
import { type ProportionAlternative, pairedTTest, wilcoxonSignedRank, wilsonInterval } from "@trialstat/core";
import { expectClose, readJson } from "../helpers.js";

// Reference values made by test/oracle/paired.R (t.test(paired = TRUE), wilcox.test(paired = TRUE,
// conf.int = TRUE), prop.test(correct = FALSE)); see that script.
interface Options {
  alternative?: ProportionAlternative;
  mu?: number;
  "conf.level"?: number;
  exact?: boolean;
  correct?: boolean;
}
interface Oracle {
  data: Record<string, { x: (number | null)[]; y: (number | null)[] }>;
  wilcox: {
    data: string;
    options: Options | [];
    statistic: number;
    p_value: number;
    estimate: number;
    conf_low: number;
    conf_high: number;
    conf_level: number;
    method: string;
    warnings: string[];
  }[];
  t_test: { data: string; options: Options | []; estimate: number; statistic: number; df: number; p_value: number; conf_low: number; conf_high: number; std_error: number }[];
  wilson: { x: number; n: number; level: number; alternative: ProportionAlternative; estimate: number; lower: number; upper: number }[];
}

const oracle = readJson<Oracle>("test/oracle/paired.json");
const optionsOf = (o: Options | []) => {
  const opts = Array.isArray(o) ? {} : o;
  return { alternative: opts.alternative, mu: opts.mu, level: opts["conf.level"], exact: opts.exact, correct: opts.correct };
};

describe("wilcoxonSignedRank agrees with R's wilcox.test(x, y, paired = TRUE, conf.int = TRUE)", () => {
  it("V, p, Hodges–Lehmann estimate and interval, achieved level and warnings (exact and approximate, ties, zeros, small and large n)", () => {
    const methods = new Set<string>();
    for (const c of oracle.wilcox) {
      const { x, y } = oracle.data[c.data];
      const what = `${c.data} ${JSON.stringify(c.options)}`;
      const got = wilcoxonSignedRank(x, y, optionsOf(c.options));
      expect(got.statistic, `${what} V`).toBe(c.statistic);
      expectClose(got.pValue, c.p_value, 1e-12, `${what} p`);
      expectClose(got.estimate, c.estimate, 1e-12, `${what} estimate`);
      expectClose(got.confLow, c.conf_low, 1e-12, `${what} conf_low`);
      expectClose(got.confHigh, c.conf_high, 1e-12, `${what} conf_high`);
      expectClose(got.level, c.conf_level, 1e-14, `${what} conf.level`);
      expect(got.method, what).toBe(c.method);
      expect(got.warnings, `${what} warnings`).toEqual(c.warnings);
      methods.add(c.method);
    }
    // the fixture covers the exact test and the approximation with and without continuity correction
    expect([...methods].sort()).toEqual(["Wilcoxon signed rank exact test", "Wilcoxon signed rank test", "Wilcoxon signed rank test with continuity correction"]);
  });
});

describe("pairedTTest agrees with R's t.test(x, y, paired = TRUE)", () => {
  it("estimate, t, df, p and interval", () => {
    for (const c of oracle.t_test) {
      const { x, y } = oracle.data[c.data];
      const what = `${c.data} ${JSON.stringify(c.options)}`;
      const got = pairedTTest(x, y, optionsOf(c.options));
      expectClose(got.estimate, c.estimate, 1e-13, `${what} estimate`);
      expectClose(got.stdError, c.std_error, 1e-12, `${what} se`);
      expectClose(got.statistic, c.statistic, 1e-12, `${what} t`);
      expect(got.df, what).toBe(c.df);
      expectClose(got.pValue, c.p_value, 1e-10, `${what} p`);
      // relative to the scale of the data (1), as an end near 0 has no relative precision
      expectClose(got.confLow, c.conf_low, 1e-12, `${what} conf_low`, 1);
      expectClose(got.confHigh, c.conf_high, 1e-12, `${what} conf_high`, 1);
    }
  });
});

describe("wilsonInterval agrees with R's prop.test(x, n, correct = FALSE)$conf.int", () => {
  it("two- and one-sided, including 0 and n successes", () => {
    for (const c of oracle.wilson) {
      const what = `${c.x}/${c.n} ${c.level} ${c.alternative}`;
      const got = wilsonInterval(c.x, c.n, { level: c.level, alternative: c.alternative });
      expectClose(got.estimate, c.estimate, 1e-15, `${what} estimate`);
      expectClose(got.lower, c.lower, 1e-13, `${what} lower`);
      expectClose(got.upper, c.upper, 1e-13, `${what} upper`);
    }
  });
});
