import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import type { TrialstatError } from "../errors.js";
import { parsePublishedTable } from "./published-table.js";
import { reproductionSettings } from "./reproduction-settings.js";
import { DEFAULT_STARS, parseStarConvention, starRange, starsFor } from "./star-convention.js";

const HEADER = "population,outcome,subgroup,level,statistic,printed";
const table = (...lines: string[]) => parsePublishedTable(`${[HEADER, ...lines].join("\n")}\n`, "published.csv");
const failure = (text: string) => {
  const e = errorOf<TrialstatError>(() => parsePublishedTable(text, "published.csv"));
  return { where: e.where, message: e.message, hint: e.hint, kind: e.kind };
};

describe("parsePublishedTable", () => {
  it("reads one printed cell a row, by id or label, overall and in subgroups", () => {
    const t = table("WMCA (out of work),Employed 13+ weeks in 12 months,,,estimate,3.5ppt", 'wmca,earnings12,,,n_control,"1,838"', "wmca,eq5d12,gender,Female,p_value,<0.001");
    expect(t.cells).toHaveLength(3);
    expect(t.cells[0]).toMatchObject({ line: 2, population: "WMCA (out of work)", outcome: "Employed 13+ weeks in 12 months", subgroup: null, level: null, statistic: "estimate", printed: "3.5ppt" });
    expect(t.cells[1]).toMatchObject({ line: 3, statistic: "n_control", printed: "1,838", value: { kind: "number", number: { value: 1838 } } });
    expect(t.cells[2]).toMatchObject({ subgroup: "gender", level: "Female", value: { kind: "number", number: { value: 0.001, bound: "<" } } });
  });

  it("splits an estimate printed with its marks into the estimate and its stars", () => {
    const t = table("wmca,employed13w,,,estimate,3.5ppt ***", "wmca,earnings12,,,estimate,£264**", "scr,eq5d12,,,estimate,0.10 sd *");
    expect(t.cells.map((c) => [c.line, c.statistic, c.printed])).toEqual([
      [2, "estimate", "3.5ppt"],
      [2, "stars", "***"],
      [3, "estimate", "£264"],
      [3, "stars", "**"],
      [4, "estimate", "0.10 sd"],
      [4, "stars", "*"],
    ]);
  });

  it("reads stars rows (empty: no mark), intervals, comments, quoted fields, CRLF, a BOM and a note column", () => {
    const text = `\uFEFF# Typed from Table 2.1, p. 12 ("Summary")\r\npopulation,outcome,subgroup,level,statistic,printed,note\r\n\r\nwmca,employed13w,,,stars,,not significant\r\nwmca,employed13w,,,interval,"(−5 to 1,328)",\r\n  # a comment between rows\r\nwmca,employed13w,,,p_adjusted,0.04,"typed from ""Table 3"""\r\n`;
    const t = parsePublishedTable(text, "published.csv");
    expect(t.cells.map((c) => [c.line, c.statistic, c.value.kind])).toEqual([
      [4, "stars", "stars"],
      [5, "interval", "interval"],
      [7, "p_adjusted", "number"],
    ]);
    expect(t.cells[0].value).toEqual({ kind: "stars", stars: "" });
  });

  it("reads the stated star convention and confidence level", () => {
    const t = parsePublishedTable(`# stars: * 0.05, ** 0.01, *** 0.001\n# confidence: 90%\n${HEADER}\nwmca,employed13w,,,stars,**\n`, "published.csv");
    expect(t.stars).toEqual({ line: 1, convention: { marks: [{ symbol: "*", threshold: 0.05 }, { symbol: "**", threshold: 0.01 }, { symbol: "***", threshold: 0.001 }] } });
    expect(t.confidence).toEqual({ level: 0.9, line: 2 });
    expect(parsePublishedTable(`# confidence: 0.99\n${HEADER}\na,b,,,p_value,0.1\n`, "p.csv").confidence?.level).toBe(0.99);
  });

  it.each([
    ["", "published.csv", "the file has no header"],
    ["# only a comment\n", "published.csv", "the file has no header"],
    [`${HEADER}\n`, "published.csv", "the file has a header but no cells"],
    ["population,outcome,statistic,printed\n", "published.csv:1", "the header has no subgroup, level columns"],
    ["population,outcome,subgroup,level,statistc,printed\n", "published.csv:1", '"statistc" is not a column of a published table'],
    [`${HEADER},population\n`, "published.csv:1", "the column population is given twice"],
    [`${HEADER}\nwmca,employed13w,,,estimate,2,116\n`, "published.csv:2", "the row has 7 fields but the header has 6"],
    [`${HEADER}\nwmca,employed13w,,,estimat,3.5\n`, "published.csv:2:statistic", '"estimat" is not a statistic of a published table'],
    [`${HEADER}\n,employed13w,,,estimate,3.5\n`, "published.csv:2:population", "the population is empty"],
    [`${HEADER}\nwmca,employed13w,gender,,estimate,3.5\n`, "published.csv:2:level", 'the subgroup "gender" without a level'],
    [`${HEADER}\nwmca,employed13w,,Female,estimate,3.5\n`, "published.csv:2:subgroup", 'a level ("Female") without its subgroup'],
    [`${HEADER}\nwmca,employed13w,,,estimate,\n`, "published.csv:2:printed", "the printed estimate is empty"],
    [`${HEADER}\nwmca,employed13w,,,estimate,3,9ppt\n`, "published.csv:2", "the row has 7 fields"],
    [`${HEADER}\nwmca,employed13w,,,estimate,"3,9ppt"\n`, "published.csv:2:printed", 'cannot read "3,9ppt" as a number: the comma in "3,9"'],
    [`${HEADER}\nwmca,employed13w,,,estimate,three\n`, "published.csv:2:printed", 'cannot read "three" as a number'],
    [`${HEADER}\nwmca,employed13w,,,interval,1.2\n`, "published.csv:2:printed", 'cannot read "1.2" as an interval'],
    [`${HEADER}\nwmca,employed13w,,,n_control,"1,838.5"\n`, "published.csv:2:printed", 'a count is a whole number, not "1,838.5"'],
    [`${HEADER}\nwmca,employed13w,,,n_control,132ppt\n`, "published.csv:2:printed", 'a count has no unit, but "132ppt" has one'],
    [`${HEADER}\nwmca,employed13w,,,n_treated,-5\n`, "published.csv:2:printed", 'a count cannot be negative, as "-5" is'],
    [`${HEADER}\nwmca,employed13w,,,p_value,0.03ppt\n`, "published.csv:2:printed", "a p-value has no unit"],
    [`${HEADER}\nwmca,employed13w,,,p_value,1.5\n`, "published.csv:2:printed", 'a p-value is a probability, from 0 to 1, so it cannot be "1.5"'],
    [`${HEADER}\nwmca,employed13w,,,p_adjusted,-0.2\n`, "published.csv:2:printed", 'a p-value is a probability, from 0 to 1, so it cannot be "-0.2"'],
    [`${HEADER}\nwmca,employed13w,,,p_value,>1\n`, "published.csv:2:printed", 'a p-value is a probability, from 0 to 1, so it cannot be ">1"'],
    [`${HEADER}\nwmca,employed13w,,,estimate,<0.5\n`, "published.csv:2:printed", "only a p-value is printed with a bound"],
    [`${HEADER}\nwmca,employed13w,,,effect_size,£3\n`, "published.csv:2:printed", "an effect size is in SDs"],
    [`${HEADER}\nwmca,employed13w,,,control_mean,0.3sd\n`, "published.csv:2:printed", "a mean is not printed in SDs"],
    [`${HEADER}\nwmca,"employed13w,,,estimate,3.5\n`, "published.csv:2", "a quoted field opened on line 2 is never closed"],
    [`${HEADER}\nwmca,"employed"13w,,,estimate,3.5\n`, "published.csv:2", "a closing quote is followed by"],
    [`${HEADER}\nwmca,employed"13w,,,estimate,3.5\n`, "published.csv:2", "a quote inside the unquoted field"],
    [`# stars: * 0.10, ** 0.10\n${HEADER}\na,b,,,stars,*\n`, "published.csv:1", "# stars: two marks share a threshold"],
    [`# stars: A 0.10\n${HEADER}\na,b,,,stars,*\n`, "published.csv:1", '# stars: "A" is not a significance mark'],
    [`# stars: * 1.5\n${HEADER}\na,b,,,stars,*\n`, "published.csv:1", "not a p-value between 0 and 1"],
    [`# stars: * 0.1\n# stars: * 0.1\n${HEADER}\na,b,,,stars,*\n`, "published.csv:2", "the stars are stated twice (also on line 1)"],
    [`# confidence: 150%\n${HEADER}\na,b,,,stars,*\n`, "published.csv:1", '# confidence: cannot read "150%" as a confidence level'],
  ])("refuses %j at %s: %s", (text, where, message) => {
    const f = failure(text);
    expect(f.kind).toBe("input");
    expect(f.where).toBe(where);
    expect(f.message).toContain(message);
    expect(f.hint).toBeTruthy();
    expect(`${f.where}: ${f.message}`).not.toContain("\n");
  });

  it("reads a count printed with a decimal point and no fraction as the count, and p-values of 0 and 1", () => {
    const t = table("wmca,earnings12,,,n_control,132.0", "wmca,earnings12,,,p_value,1.00", "wmca,earnings12,,,p_adjusted,0");
    expect(t.cells.map((c) => (c.value.kind === "number" ? c.value.number.value : null))).toEqual([132, 1, 0]);
  });

  it("suggests the statistic meant, and quotes for a comma", () => {
    expect(failure(`${HEADER}\nwmca,employed13w,,,estimat,3.5\n`).hint).toContain("did you mean estimate?");
    expect(failure(`${HEADER}\nwmca,employed13w,,,estimate,2,116\n`).hint).toContain('"2,116"');
  });
});

describe("reproductionSettings: the star convention and confidence level", () => {
  it("defaults to * 0.10, ** 0.05, *** 0.01 and the report's level", () => {
    expect(reproductionSettings(table("a,b,,,stars,**"))).toEqual({ stars: DEFAULT_STARS, confidence: null });
  });

  it("takes the SAP's, the file's, or both when they agree", () => {
    const medical = { "*": 0.05, "**": 0.01, "***": 0.001 };
    expect(reproductionSettings(table("a,b,,,stars,**"), { stars: medical, confidence: 0.9 }).stars.marks[0]).toEqual({ symbol: "*", threshold: 0.05 });
    const stated = parsePublishedTable(`# stars: * 95%, ** 99%, *** 99.9%\n${HEADER}\na,b,,,stars,***\n`, "p.csv");
    expect(reproductionSettings(stated, { stars: medical }).stars).toEqual(parseStarConvention("* 0.05, ** 0.01, *** 0.001"));
  });

  it("refuses a file and a SAP that disagree, and a mark not in the convention", () => {
    const stated = parsePublishedTable(`# stars: * 0.05\n# confidence: 90%\n${HEADER}\na,b,,,stars,*\n`, "p.csv");
    const e = errorOf<TrialstatError>(() => reproductionSettings(stated, { stars: { "*": 0.1 } }, "sap.yaml"));
    expect(e.where).toBe("p.csv:1");
    expect(e.message).toBe("the file states the stars * p < 0.05, but sap.yaml's published.stars says * p < 0.1");
    expect(errorOf<TrialstatError>(() => reproductionSettings(stated, { confidence: 0.95 }, "sap.yaml")).where).toBe("p.csv:2");
    const dagger = errorOf<TrialstatError>(() => reproductionSettings(table("a,b,,,stars,**", "a,c,,,estimate,3†")));
    expect(dagger.where).toBe("published.csv:3:printed");
    expect(dagger.message).toBe('"†" is not a mark of the star convention (* p < 0.1, ** p < 0.05, *** p < 0.01)');
    const sap = errorOf<TrialstatError>(() => reproductionSettings(table("a,b,,,stars,*"), { stars: { "*": 2 } }, "sap.yaml"));
    expect(sap.where).toBe("sap.yaml: published.stars");
  });
});

describe("star conventions", () => {
  it("gives each p-value its mark by the thresholds, and each mark its range", () => {
    expect([0.2, 0.1, 0.0999, 0.05, 0.0499, 0.01, 0.0099, 1e-9].map((p) => starsFor(DEFAULT_STARS, p))).toEqual(["", "", "*", "*", "**", "**", "***", "***"]);
    expect(starRange(DEFAULT_STARS, "")).toEqual({ below: Infinity, atLeast: 0.1 });
    expect(starRange(DEFAULT_STARS, "**")).toEqual({ below: 0.05, atLeast: 0.01 });
    expect(starRange(DEFAULT_STARS, "***")).toEqual({ below: 0.01, atLeast: 0 });
    expect(starRange(DEFAULT_STARS, "†")).toBeUndefined();
  });

  it("reads marks stated as p thresholds or confidence levels, in any order", () => {
    const c = parseStarConvention("*** 99%; * 90%; ** p<0.05");
    expect(c).toEqual(DEFAULT_STARS);
    expect(parseStarConvention("† 0.10, * 0.05").marks.map((m) => m.symbol)).toEqual(["†", "*"]);
  });
});
