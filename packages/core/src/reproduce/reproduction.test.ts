import { describe, expect, it } from "vitest";
import { effectRow, resultsOf } from "../../../../test/reproduce/result-rows.js";
import { parsePublishedTable } from "./published-table.js";
import { parsePrintedNumber } from "./printed-number.js";
import { reproductionSettings } from "./reproduction-settings.js";
import { type ReproducedCell, reproduceTable } from "./reproduction.js";
import { reproductionText } from "./reproduction-text.js";
import { roundingVerdict } from "./rounding-verdict.js";

// one binary outcome in WMCA (the example's estimates, rounded): effect 3.4797 ppt, SE 1.2535 ppt,
// p 0.00553, control SD 0.3865; every expected verdict below follows from these numbers by hand
const wmca = effectRow({
  population: "wmca",
  outcome: "employed13w",
  unit: "ppt",
  estimate: 0.034797,
  std_error: 0.012535,
  p_value: 0.00553,
  control_sd: 0.3865,
  control_mean: 0.18281,
  treated_mean: 0.21992,
  n_control: 1838,
  n_treated: 1837,
});
const earnings = effectRow({ population: "wmca", outcome: "earnings12", unit: "GBP", estimate: 263.73, std_error: 131.13, p_value: 0.04438, p_adjusted: 0.0888, control_sd: 4087.5, control_mean: 1696.66, treated_mean: 1983.33 });
const female = effectRow({ population: "wmca", outcome: "employed13w", subgroup: "gender", level: "Female", unit: "ppt", estimate: 0.051, std_error: 0.02, p_value: 0.011 });
const results = resultsOf([wmca, earnings, female], { populations: { wmca: "WMCA (out of work)" }, outcomes: { employed13w: "Employed 13+ weeks in 12 months", earnings12: "Earnings" } });

const HEADER = "population,outcome,subgroup,level,statistic,printed";
function judge(lines: string[], text = `${HEADER}\n${lines.join("\n")}\n`, doc = results) {
  const table = parsePublishedTable(text, "published.csv");
  return reproduceTable(table, doc, reproductionSettings(table));
}
const one = (line: string, doc = results): ReproducedCell => judge([line], undefined, doc).cells[0];

describe("reproduceTable: each cell judged against the results", () => {
  it("reproduces an estimate that rounds to the printed text, in any unit it is printed in", () => {
    for (const printed of ["3.5ppt", "3.5", "+3.5 pp", "3%", "3.48ppt", "0.09sd", "0.090 sd"]) {
      expect(one(`wmca,employed13w,,,estimate,${printed}`).verdict, printed).toBe("reproduced");
    }
    const c = one("WMCA (out of work),Employed 13+ weeks in 12 months,,,estimate,3.5ppt");
    expect(c).toMatchObject({ verdict: "reproduced", recomputed_text: "3.480ppt", population_id: "wmca", outcome_id: "employed13w" });
    expect(c.recomputed).toBeCloseTo(3.4797, 12);
    expect(c.difference).toBeCloseTo(-0.0203, 12);
    expect(c.difference_se).toBeCloseTo(-0.0203 / 1.2535, 12);
  });

  it("calls one off in the last digit within rounding, and farther not reproduced, with the difference in SEs", () => {
    expect(one("wmca,employed13w,,,estimate,3.4ppt")).toMatchObject({ verdict: "rounding" });
    expect(one("wmca,employed13w,,,estimate,3.6ppt")).toMatchObject({ verdict: "rounding" });
    const c = one("wmca,employed13w,,,estimate,3.9ppt");
    expect(c.verdict).toBe("not_reproduced");
    expect(c.difference).toBeCloseTo(-0.4203, 12);
    expect(c.difference_se).toBeCloseTo(-0.4203 / 1.2535, 12);
    expect(one("wmca,earnings12,,,estimate,−£246").verdict).toBe("not_reproduced");
    expect(one("wmca,earnings12,,,estimate,£264")).toMatchObject({ verdict: "reproduced", recomputed_text: "£263.73" });
  });

  it("judges standard errors, intervals at the confidence level, p-values, means and counts", () => {
    const cells = judge([
      "wmca,employed13w,,,std_error,1.3",
      "wmca,employed13w,,,conf_low,1.0",
      "wmca,employed13w,,,conf_high,5.9ppt",
      'wmca,employed13w,,,interval,"(1.0 to 5.9)"',
      "wmca,employed13w,,,interval,(1.0 to 6.0)",
      "wmca,employed13w,,,interval,(0.5 to 6.5)",
      "wmca,employed13w,,,p_value,0.006",
      "wmca,employed13w,,,p_value,<0.01",
      "wmca,employed13w,,,p_value,<0.001",
      "wmca,employed13w,,,control_mean,18%",
      "wmca,employed13w,,,treated_mean,0.22",
      'wmca,employed13w,,,n_control,"1,838"',
      "wmca,employed13w,,,n_treated,1836",
      "wmca,employed13w,,,effect_size,0.09",
      "wmca,earnings12,,,control_mean,\"1,696.66\"",
      "wmca,earnings12,,,treated_mean,£1983",
      "wmca,earnings12,,,p_adjusted,0.089",
    ]).cells;
    expect(cells.map((c) => [c.statistic, c.printed, c.verdict])).toEqual([
      ["std_error", "1.3", "reproduced"],
      ["conf_low", "1.0", "reproduced"], // 3.4797 − 1.96 × 1.2535 = 1.0228
      ["conf_high", "5.9ppt", "reproduced"], // 5.9366
      ["interval", "(1.0 to 5.9)", "reproduced"],
      ["interval", "(1.0 to 6.0)", "rounding"], // the worse end
      ["interval", "(0.5 to 6.5)", "not_reproduced"],
      ["p_value", "0.006", "reproduced"],
      ["p_value", "<0.01", "reproduced"],
      ["p_value", "<0.001", "not_reproduced"],
      ["control_mean", "18%", "reproduced"],
      ["treated_mean", "0.22", "reproduced"],
      ["n_control", "1,838", "reproduced"],
      ["n_treated", "1836", "not_reproduced"], // counts are exact: one off is not rounding
      ["effect_size", "0.09", "reproduced"], // 0.034797 / 0.3865 = 0.0900
      ["control_mean", "1,696.66", "reproduced"],
      ["treated_mean", "£1983", "reproduced"],
      ["p_adjusted", "0.089", "reproduced"],
    ]);
    expect(cells[3].recomputed).toEqual([expect.closeTo(1.0228, 3), expect.closeTo(5.9366, 3)]);
    expect(cells[3].recomputed_text).toBe("(1.023 to 5.937)");
    expect(cells[3].note).toBe("95% interval");
    expect(cells[12].difference).toBe(1);
    expect(cells[12].difference_se).toBeNull();
  });

  it("judges stars by the p-value against the thresholds, showing the p-value", () => {
    const cells = judge(["wmca,employed13w,,,estimate,3.5ppt ***", "wmca,earnings12,,,stars,*", 'wmca,employed13w,gender,Female,stars,""']).cells;
    expect(cells.map((c) => [c.statistic, c.printed, c.verdict, c.recomputed_text])).toEqual([
      ["estimate", "3.5ppt", "reproduced", "3.480ppt"],
      ["stars", "***", "reproduced", "*** (p = 0.00553)"],
      ["stars", "*", "not_reproduced", "** (p = 0.0444)"],
      ["stars", "", "not_reproduced", "** (p = 0.0110)"],
    ]);
    expect(cells[2].note).toBe("p = 0.0444 earns ** (* p < 0.1, ** p < 0.05, *** p < 0.01)");
    // another convention, stated in the file: p = 0.0444 earns * (p < 0.05)
    const medical = judge([], `# stars: * 0.05, ** 0.01, *** 0.001\n${HEADER}\nwmca,earnings12,,,stars,*\nwmca,employed13w,,,stars,**\n`).cells;
    expect(medical.map((c) => c.verdict)).toEqual(["reproduced", "reproduced"]);
  });

  it("finds subgroup levels loosely, and says what is not found and why", () => {
    expect(one("wmca,employed13w,gender,female,estimate,5.1ppt").verdict).toBe("reproduced");
    const cells = judge([
      "WMCA (out of wrok),employed13w,,,estimate,3.5ppt",
      "wmca,employed13x,,,estimate,3.5ppt",
      "wmca,employed13w,sex,Female,estimate,3.5ppt",
      "wmca,employed13w,gender,Other,estimate,3.5ppt",
      "wmca,employed13w,,,estimate,£3",
      "wmca,employed13w,,,p_adjusted,0.01",
    ]).cells;
    expect(cells.every((c) => c.verdict === "not_found" && c.recomputed === null && c.difference === null)).toBe(true);
    expect(cells.map((c) => c.note)).toEqual([
      'no population "WMCA (out of wrok)" in the results (did you mean "WMCA (out of work)"?)',
      'no outcome "employed13x" in population wmca (did you mean "employed13w"?)',
      'no subgroup "sex" for employed13w in population wmca (there are gender)',
      'no level "Other" of gender (there are Female)',
      "printed in GBP, but the outcome is a binary outcome, reported in ppt: the run has no value in GBP",
      "the run adjusted no p-value for this outcome (it is in no multiplicity family of the plan)",
    ]);
    expect(cells[1].population_id).toBe("wmca");
    expect(cells[0].population_id).toBeNull();
  });

  it("compares intervals at the level stated, and finds none at a level the run lacks", () => {
    const at99 = judge([], `# confidence: 99%\n${HEADER}\nwmca,employed13w,,,conf_low,0.3\n`).cells[0];
    expect(at99.verdict).toBe("reproduced"); // 3.4797 − 2.576 × 1.2535 = 0.2507
    const only95 = resultsOf([effectRow({ estimate: 1, std_error: 0.1, p_value: 0.01 })], undefined, [0.95]);
    only95.rows[0].intervals = only95.rows[0].intervals.filter((i) => i.level === 0.95);
    only95.rows[0].effect_intervals = only95.rows[0].effect_intervals.filter((i) => i.level === 0.95);
    const missing = judge([], `# confidence: 90%\n${HEADER}\nall,y,,,interval,(0.8 to 1.2)\n`, only95).cells[0];
    expect(missing).toMatchObject({ verdict: "not_found", note: "the run has no 90% interval (its levels: 95%)" });
  });

  it("sums up the verdicts: all reproduced only when every cell is", () => {
    const r = judge(["wmca,employed13w,,,estimate,3.5ppt ***"]);
    expect(r.summary).toEqual({ cells: 2, reproduced: 2, rounding: 0, not_reproduced: 0, not_found: 0, all_reproduced: true, stars: "* p < 0.1, ** p < 0.05, *** p < 0.01", confidence: 0.95 });
    const mixed = judge(["wmca,employed13w,,,estimate,3.4ppt", "wmca,earnings12,,,estimate,£246", "nowhere,employed13w,,,estimate,3.5ppt", "wmca,employed13w,,,n_control,1838"]);
    expect(mixed.summary).toMatchObject({ cells: 4, reproduced: 1, rounding: 1, not_reproduced: 1, not_found: 1, all_reproduced: false });
  });

  it("prints a table with the difference in SEs, or why a cell was not found", () => {
    const text = reproductionText(judge(["wmca,employed13w,,,estimate,3.4ppt", "wmca,earnings12,,,estimate,£246 **", "nowhere,employed13w,,,estimate,3.5ppt"]));
    expect(text.split("\n")).toEqual([
      "line  population  outcome      statistic  printed  recomputed       verdict          difference",
      "   2  wmca        employed13w  estimate   3.4ppt   3.480ppt         within rounding  +0.080 (+0.06 SE)",
      "   3  wmca        earnings12   estimate   £246     £263.73          not reproduced   +17.73 (+0.14 SE)",
      "   3  wmca        earnings12   stars      **       ** (p = 0.0444)  reproduced",
      '   4  nowhere     employed13w  estimate   3.5ppt                    not found        no population "nowhere" in the results (there are wmca, WMCA (out of work))',
      "4 cells: 1 reproduced, 1 within rounding, 1 not reproduced, 1 not found (stars * p < 0.1, ** p < 0.05, *** p < 0.01; 95% intervals)",
      "",
    ]);
  });
});

describe("roundingVerdict", () => {
  const verdict = (printed: string, x: number, bound = false) => roundingVerdict(parsePrintedNumber(printed, { bound }), x).verdict;

  it("reproduces within half a unit of the last place, ends included (half-up and half-even both)", () => {
    expect([0.115, 0.12, 0.125, 0.1149, 0.1251].map((x) => verdict("0.12", x))).toEqual(["reproduced", "reproduced", "reproduced", "rounding", "rounding"]);
    expect([0.1246, 0.135, 0.1351].map((x) => verdict("0.13", x))).toEqual(["rounding", "reproduced", "rounding"]);
    expect([0.1051, 0.1049].map((x) => verdict("0.12", x))).toEqual(["rounding", "not_reproduced"]);
    expect(verdict("£442", 441.5)).toBe("reproduced");
    expect(verdict("£1.2m", 1_249_000)).toBe("reproduced");
    expect(verdict("£1.2m", 1_260_000)).toBe("rounding");
  });

  it("reproduces a bound by any value beyond it, and calls one that prints as the bound within rounding", () => {
    expect([0.0004, 0.00099, 0.0012, 0.0016].map((p) => verdict("<0.001", p, true))).toEqual(["reproduced", "reproduced", "rounding", "not_reproduced"]);
    expect([0.995, 0.986, 0.98].map((p) => verdict(">0.99", p, true))).toEqual(["reproduced", "rounding", "not_reproduced"]);
  });

  it("never reproduces a value that is not finite", () => {
    expect(verdict("1.0", NaN)).toBe("not_reproduced");
    expect(verdict("1.0", Infinity)).toBe("not_reproduced");
  });
});
