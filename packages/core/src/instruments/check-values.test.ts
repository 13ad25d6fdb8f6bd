// Every check value, band boundary and missing-item limit in INSTRUMENTS.md, one test each.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../../../test/helpers.js";
import { scoreItems } from "./score.js";
import { SWEMWBS_METRIC } from "./swemwbs.js";
import { ENGLAND_2018, eq5dIndex, parseValueSet } from "./value-sets.js";

/** k item values in lo..hi adding up to sum (filled from the first item). */
function itemsForSum(k: number, lo: number, hi: number, sum: number): number[] {
  const items = new Array<number>(k).fill(lo);
  let rest = sum - k * lo;
  for (let j = 0; j < k && rest > 0; j++) {
    const add = Math.min(hi - lo, rest);
    items[j] += add;
    rest -= add;
  }
  if (rest !== 0 || sum < k * lo) throw new Error(`no ${k} items in ${lo}..${hi} sum to ${sum}`);
  return items;
}

/** Score, band and flags of one respondent. */
function one(id: string, items: (number | string | null)[], options = {}) {
  const r = scoreItems(id, [items], options);
  return {
    score: r.score ? r.score[0] : undefined,
    band: r.band ? r.band[0] : undefined,
    answered: r.answered[0],
    prorated: r.prorated[0],
    extra: Object.fromEntries(Object.entries(r.extra).map(([k, v]) => [k, v[0]])),
    extraBands: Object.fromEntries(Object.entries(r.extraBands).map(([k, v]) => [k, v[0]])),
  };
}

describe("PHQ-9 (Kroenke et al. 2001)", () => {
  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "moderately severe"],
    [19, "moderately severe"],
    [20, "severe"],
    [27, "severe"],
  ])("sum %i is %s", (sum, band) => {
    expect(one("phq9", itemsForSum(9, 0, 3, sum))).toMatchObject({ score: sum, band, answered: 9, prorated: 0 });
  });

  it("prorates up to 2 missing items: mean of answered × 9, rounded half up (Arrieta et al. 2017)", () => {
    // 2 missing: 11 × 9 / 7 = 14.14 → 14
    expect(one("phq9", [2, 2, 2, 2, 1, 1, 1, null, null])).toMatchObject({ score: 14, band: "moderate", answered: 7, prorated: 1 });
    // 1 missing, exact halves round up: 4 × 9 / 8 = 4.5 → 5 (mild, not minimal); 12 → 13.5 → 14; 20 → 22.5 → 23
    expect(one("phq9", [1, 1, 1, 1, 0, 0, 0, 0, null])).toMatchObject({ score: 5, band: "mild", answered: 8, prorated: 1 });
    expect(one("phq9", [3, 3, 3, 3, 0, 0, 0, 0, null])).toMatchObject({ score: 14, prorated: 1 });
    expect(one("phq9", [3, 3, 3, 3, 3, 3, 2, 0, null])).toMatchObject({ score: 23, prorated: 1 });
    // 2 missing: 3 × 9 / 7 = 3.857 → 4; 27 → at most 27
    expect(one("phq9", [1, 1, 1, 0, 0, 0, 0, null, null])).toMatchObject({ score: 4, prorated: 1 });
    expect(one("phq9", [3, 3, 3, 3, 3, 3, 3, null, null])).toMatchObject({ score: 27, band: "severe", prorated: 1 });
  });

  it("gives no score with 3 missing items", () => {
    expect(one("phq9", [3, 3, 3, 3, 3, 3, null, null, null])).toMatchObject({ score: NaN, band: null, answered: 6, prorated: 0 });
    expect(one("phq9", [null, null, null, null, null, null, null, null, null])).toMatchObject({ score: NaN, answered: 0 });
  });

  it("records item 10 (difficulty) but never scores it", () => {
    const r = one("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
    expect(r).toMatchObject({ score: 9, answered: 9, extra: { difficulty: 3 } });
    expect(one("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1, null]).extra.difficulty).toBeNaN();
    expect(one("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1]).extra).toEqual({});
    expect(one("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 1, "Extremely difficult"]).extra.difficulty).toBe(3);
  });
});

describe("PHQ-8 (Kroenke et al. 2009)", () => {
  it.each([
    [0, "minimal", 0],
    [4, "minimal", 0],
    [5, "mild", 0],
    [9, "mild", 0],
    [10, "moderate", 1],
    [14, "moderate", 1],
    [15, "moderately severe", 1],
    [19, "moderately severe", 1],
    [20, "severe", 1],
    [24, "severe", 1],
  ])("sum %i is %s, current depression %i", (sum, band, current) => {
    expect(one("phq8", itemsForSum(8, 0, 3, sum))).toMatchObject({ score: sum, band, extra: { current_depression: current } });
  });

  it("prorates 1 missing item (our default) and gives no score with 2", () => {
    // 9 × 8 / 7 = 10.29 → 10: current depression
    expect(one("phq8", [2, 2, 1, 1, 1, 1, 1, null])).toMatchObject({ score: 10, answered: 7, prorated: 1, extra: { current_depression: 1 } });
    expect(one("phq8", [2, 2, 1, 1, 1, 1, null, null])).toMatchObject({ score: NaN, band: null, answered: 6, prorated: 0 });
  });

  it("unrounded, a prorated score above 9 is moderate and current depression alike; 9 exactly is neither", () => {
    // 8 × 8 / 7 = 9.142…: above the mild band's upper limit 9, so moderate (the band rule), and current depression with it
    expect(one("phq8", [2, 1, 1, 1, 1, 1, 1, null], { missingRule: { round: "none" } })).toMatchObject({ score: 64 / 7, band: "moderate", extra: { current_depression: 1 } });
    // a whole sum of 9 stays mild, and not current depression
    expect(one("phq8", itemsForSum(8, 0, 3, 9))).toMatchObject({ score: 9, band: "mild", extra: { current_depression: 0 } });
  });
});

describe("GAD-7 (Spitzer et al. 2006)", () => {
  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ])("sum %i is %s", (sum, band) => {
    expect(one("gad7", itemsForSum(7, 0, 3, sum))).toMatchObject({ score: sum, band });
  });

  it("prorates 1 missing item (our default) and gives no score with 2", () => {
    expect(one("gad7", [2, 2, 2, 2, 2, 2, null])).toMatchObject({ score: 14, band: "moderate", prorated: 1 });
    // 9 × 7 / 6 = 10.5 → 11
    expect(one("gad7", [3, 3, 3, 0, 0, 0, null])).toMatchObject({ score: 11, prorated: 1 });
    expect(one("gad7", [2, 2, 2, 2, 2, null, null])).toMatchObject({ score: NaN, answered: 5, prorated: 0 });
  });
});

describe("SWEMWBS (Stewart-Brown et al. 2009)", () => {
  const table: [number, number][] = [
    [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84], [16, 16.36],
    [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35], [26, 23.21],
    [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
  ];
  it("has the 29 rows of the conversion table", () => {
    expect(SWEMWBS_METRIC).toHaveLength(29);
  });
  it.each(table)("raw %i → metric %d", (raw, metric) => {
    expect(one("swemwbs", itemsForSum(7, 1, 5, raw))).toMatchObject({ score: metric, extra: { raw }, band: undefined });
  });
  it("allows no missing item by default", () => {
    expect(one("swemwbs", [3, 3, 3, 3, 3, 3, 3])).toMatchObject({ score: 19.25, answered: 7 });
    expect(one("swemwbs", [3, 3, 3, 3, 3, 3, null])).toMatchObject({ score: NaN, extra: { raw: NaN }, answered: 6, prorated: 0 });
  });
  it("converts a prorated raw score after rounding it, when a SAP allows missing items", () => {
    // 19 × 7 / 6 = 22.17 → 22 → 19.98
    expect(one("swemwbs", [4, 3, 3, 3, 3, 3, null], { missingRule: { maxMissing: 1 } })).toMatchObject({ score: 19.98, extra: { raw: 22 }, prorated: 1 });
  });
});

describe("JSSE (9 items, 1-5)", () => {
  it("sums to 9-45 and averages to 1-5", () => {
    expect(one("jsse", [1, 1, 1, 1, 1, 1, 1, 1, 1])).toMatchObject({ score: 9, extra: { mean: 1 } });
    expect(one("jsse", [5, 5, 5, 5, 5, 5, 5, 5, 5])).toMatchObject({ score: 45, extra: { mean: 5 } });
    expect(one("jsse", [1, 2, 3, 4, 5, 4, 3, 2, 1])).toMatchObject({ score: 25, extra: { mean: 25 / 9 } });
    expect(one("jsse", ["Not at all", 2, 3, 4, "A great deal", 4, 3, 2, 1]).score).toBe(25);
  });
  it("allows no missing item by default; a configured minimum prorates", () => {
    expect(one("jsse", [3, 3, 3, 3, 3, 3, 3, 3, null])).toMatchObject({ score: NaN, extra: { mean: NaN }, answered: 8, prorated: 0 });
    // minimum 7 answered: 2 missing → 23 × 9 / 7 = 29.57 → 30, mean 23 / 7
    const rule = { missingRule: { maxMissing: 2 } };
    expect(one("jsse", [4, 4, 3, 3, 3, 3, 3, null, null], rule)).toMatchObject({ score: 30, extra: { mean: 23 / 7 }, prorated: 1 });
    expect(one("jsse", [4, 4, 3, 3, 3, 3, null, null, null], rule)).toMatchObject({ score: NaN, prorated: 0 });
  });
});

describe("WHO-5 (WHO 1998)", () => {
  it.each([
    [0, 0, "likely depression"],
    [7, 28, "likely depression"],
    [8, 32, "poor wellbeing"],
    [12, 48, "poor wellbeing"],
    [13, 52, "not poor wellbeing"],
    [25, 100, "not poor wellbeing"],
  ])("raw %i → %i %%, %s", (raw, percent, band) => {
    expect(one("who5", itemsForSum(5, 0, 5, raw))).toMatchObject({ score: raw, band, extra: { percent } });
  });
  it("allows no missing item", () => {
    expect(one("who5", [5, 5, 5, 5, null])).toMatchObject({ score: NaN, band: null, extra: { percent: NaN }, answered: 4 });
  });
});

describe("EQ-5D-5L index (England 2018, Devlin et al.)", () => {
  it.each([
    ["11111", 1],
    ["11112", 0.922],
    ["11121", 0.937],
    ["23245", 0.247],
    ["25532", 0.393],
    ["34241", 0.434],
    ["43332", 0.488],
    ["52141", 0.4],
    ["55555", -0.285],
  ])("%s → %d exactly", (state, index) => {
    expect(eq5dIndex(ENGLAND_2018, state)).toBe(index);
    expect(one("eq5d5l", Array.from(state, Number))).toMatchObject({ score: index, answered: 5, prorated: 0 });
  });
  it("needs all five dimensions; the VAS is passed through and does not affect the index", () => {
    expect(one("eq5d5l", [1, 1, 1, 1, null, 80])).toMatchObject({ score: NaN, answered: 4, extra: { vas: 80 } });
    expect(one("eq5d5l", [1, 1, 1, 1, 2, null])).toMatchObject({ score: 0.922, extra: { vas: NaN } });
    expect(one("eq5d5l", [1, 1, 1, 1, 2, 72.5]).extra.vas).toBe(72.5);
  });
});

describe("EQ-5D-5L crosswalk to the UK 3L tariff (van Hout et al. 2012), from a state table", () => {
  const file = "test/instruments/eq5d-vanhout-uk-check-states.csv";
  const vanHout = parseValueSet(readFileSync(repoPath(file), "utf8"), file, { allowPartial: true });
  it.each([
    ["11111", 1],
    ["21111", 0.877],
    ["11121", 0.837],
    ["33333", 0.516],
    ["55555", -0.594],
  ])("%s → %d", (state, index) => {
    expect(eq5dIndex(vanHout, state)).toBe(index);
    expect(one("eq5d5l", Array.from(state, Number), { valueSet: vanHout }).score).toBe(index);
  });
});

describe("GSE (Schwarzer & Jerusalem 1995)", () => {
  it("sums 10 items to 10-40", () => {
    expect(one("gse", itemsForSum(10, 1, 4, 10)).score).toBe(10);
    expect(one("gse", itemsForSum(10, 1, 4, 40)).score).toBe(40);
    expect(one("gse", ["Not at all true", "Hardly true", "Moderately true", "Exactly true", 1, 2, 3, 4, 4, 4]).score).toBe(28);
  });
  it("prorates up to 3 missing items and gives no score with 4", () => {
    expect(one("gse", [3, 3, 3, 3, 3, 3, 3, null, null, null])).toMatchObject({ score: 30, answered: 7, prorated: 1 });
    // 22 × 10 / 7 = 31.43 → 31; 1 missing: 31 × 10 / 9 = 34.44 → 34; 2 missing: 26 × 10 / 8 = 32.5 → 33
    expect(one("gse", [4, 3, 3, 3, 3, 3, 3, null, null, null]).score).toBe(31);
    expect(one("gse", [4, 4, 4, 4, 3, 3, 3, 3, 3, null]).score).toBe(34);
    expect(one("gse", [4, 4, 3, 3, 3, 3, 3, 3, null, null]).score).toBe(33);
    expect(one("gse", [4, 4, 4, 4, 4, 4, null, null, null, null])).toMatchObject({ score: NaN, answered: 6, prorated: 0 });
  });
});

describe("ONS4 personal wellbeing (four items, no total)", () => {
  const positive = ["low", "low", "low", "low", "low", "medium", "medium", "high", "high", "very high", "very high"];
  const anxious = ["very low", "very low", "low", "low", "medium", "medium", "high", "high", "high", "high", "high"];
  it.each(Array.from({ length: 11 }, (_, v) => v))("item value %i takes its band on every item", (v) => {
    const r = one("ons4", [v, v, v, v]);
    expect(r.score).toBeUndefined();
    expect(r.extra).toEqual({ satisfied: v, worthwhile: v, happy: v, anxious: v });
    expect(r.extraBands).toEqual({ satisfied: positive[v], worthwhile: positive[v], happy: positive[v], anxious: anxious[v] });
  });
  it("scores each item on its own: a missing item leaves only its own scale missing", () => {
    const r = one("ons4", [8, null, 4, 6]);
    expect(r).toMatchObject({ answered: 3, extra: { satisfied: 8, happy: 4, anxious: 6 }, extraBands: { satisfied: "high", worthwhile: null, happy: "low", anxious: "high" } });
    expect(r.extra.worthwhile).toBeNaN();
  });
});

describe("IPS-25 fidelity (Bond et al. 2012)", () => {
  it.each([
    [25, "not supported employment", 20],
    [73, "not supported employment", 58.4],
    [74, "fair", 59.2],
    [99, "fair", 79.2],
    [100, "good", 80],
    [114, "good", 91.2],
    [115, "exemplary", 92],
    [125, "exemplary", 100],
  ])("total %i is %s (%d %% of 125)", (sum, band, percent) => {
    expect(one("ips25", itemsForSum(25, 1, 5, sum))).toMatchObject({ score: sum, band, extra: { percent } });
  });
  it("gives the percentage of 125 and allows no missing item", () => {
    expect(one("ips25", itemsForSum(25, 1, 5, 100)).extra.percent).toBe(80);
    expect(one("ips25", itemsForSum(25, 1, 5, 97)).extra.percent).toBe(77.6);
    expect(one("ips25", [...itemsForSum(24, 1, 5, 120), null])).toMatchObject({ score: NaN, answered: 24 });
  });
});
