import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { tableFromColumns } from "../data/table.js";
import { TrialstatError } from "../errors.js";
import { describeInstrument, getInstrument, listInstruments } from "./registry.js";
import { resolveMissingRule, scoreColumns, scoreCsv, scoreItems, scoreSummary, scoreTable } from "./score.js";
import { ENGLAND_2018 } from "./value-sets.js";

const phqHeader = (extra = "") => `id,${Array.from({ length: 9 }, (_, j) => `phq9_${j + 1}`).join(",")}${extra}\n`;

describe("the registry", () => {
  it("holds the ten instruments of the issue, in a fixed order", () => {
    expect(listInstruments().map((d) => d.id)).toEqual(["phq9", "phq8", "gad7", "swemwbs", "jsse", "who5", "eq5d5l", "gse", "ons4", "ips25"]);
  });

  it("finds an instrument ignoring case, hyphens and underscores", () => {
    expect(getInstrument("PHQ-9").id).toBe("phq9");
    expect(getInstrument("EQ-5D-5L").id).toBe("eq5d5l");
    expect(getInstrument("ips_25").id).toBe("ips25");
  });

  it("lists the ids that exist when one does not", () => {
    const e = errorOf<TrialstatError>(() => getInstrument("wemwbs"));
    expect(e.kind).toBe("input");
    expect(e.message).toBe('unknown instrument "wemwbs"');
    expect(e.hint).toContain("instruments: phq9, phq8, gad7, swemwbs, jsse, who5, eq5d5l, gse, ons4, ips25");
    expect(errorOf<TrialstatError>(() => getInstrument("gad")).hint).toContain("did you mean gad7?");
  });

  it("describes every instrument with its items, ranges, rule and source", () => {
    for (const def of listInstruments()) {
      const text = describeInstrument(def).join("\n");
      expect(text).toContain(`${def.id}  ${def.name}`);
      expect(text).toContain("items: ");
      expect(text).toContain("missing items: ");
      expect(text).toContain(`source: ${def.source}`);
    }
    expect(describeInstrument(getInstrument("swemwbs")).join("\n")).toContain("notice: Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) ©");
    expect(describeInstrument(getInstrument("who5")).join("\n")).toContain("bands 0-28 likely depression, 29-50 poor wellbeing, 51-100 not poor wellbeing");
  });
});

describe("item columns", () => {
  it("default to <id>_<code>, picking up optional items that are present", () => {
    const t = parseCsv(`${phqHeader(",phq9_10")}a,1,1,1,1,1,1,1,1,1,2\n`);
    const r = scoreTable(t, "phq9");
    expect(r.itemColumns).toEqual([...Array.from({ length: 9 }, (_, j) => `phq9_${j + 1}`), "phq9_10"]);
    expect(r.extra.difficulty[0]).toBe(2);
  });

  it("can be named in item order", () => {
    const t = parseCsv("id,q3,q1,q2,q4,q5,q6,q7\na,3,0,0,0,0,0,0\n");
    expect(scoreTable(t, "gad7", { items: ["q1", "q2", "q3", "q4", "q5", "q6", "q7"] }).score![0]).toBe(3);
  });

  it.each([
    [{ items: ["a", "b"] }, "PHQ-9 takes 9 (or 10 with phq9_10) item columns, but 2 were given", "phq9_1,phq9_2"],
    [{ items: ["phq9_1", "phq9_1", "phq9_3", "phq9_4", "phq9_5", "phq9_6", "phq9_7", "phq9_8", "phq9_9"] }, "item column phq9_1 is listed twice", "own column"],
    [{ items: ["phq9_1", "x", "phq9_3", "phq9_4", "phq9_5", "phq9_6", "phq9_7", "phq9_8", "phq9_9"] }, 'no column named "x" in t.csv', "available columns: id, phq9_1"],
  ])("reject %j", (options, message, hint) => {
    const t = parseCsv(`${phqHeader()}a,1,1,1,1,1,1,1,1,1\n`, { source: "t.csv" });
    const e = errorOf<TrialstatError>(() => scoreTable(t, "phq9", options));
    expect(e.message).toBe(message);
    expect(e.hint).toContain(hint);
  });

  it("must be named when the defaults are not there", () => {
    const t = parseCsv("id,g1,g2\na,1,2\n", { source: "t.csv" });
    const e = errorOf<TrialstatError>(() => scoreTable(t, "gad7"));
    expect(e.where).toBe("t.csv:1");
    expect(e.message).toBe("no item columns were named, and the default gad7 columns are not there: gad7_1, gad7_2, gad7_3, gad7_4, gad7_5, gad7_6, gad7_7");
    expect(e.remedies).toEqual([{ setting: "items", value: "c1,c2,...", reason: "name the 7 item columns in item order, from those found: id, g1, g2" }]);
  });
});

describe("the missing-item rule", () => {
  const phq9 = getInstrument("phq9");
  it("is the default unless changed; allowing missing items turns prorating on", () => {
    expect(resolveMissingRule(phq9, undefined)).toEqual({ maxMissing: 2, prorate: true, round: "half-up" });
    expect(resolveMissingRule(getInstrument("jsse"), { maxMissing: 2 })).toEqual({ maxMissing: 2, prorate: true, round: "half-up" });
    expect(resolveMissingRule(phq9, { prorate: false })).toEqual({ maxMissing: 0, prorate: false, round: "half-up" });
    expect(resolveMissingRule(phq9, { maxMissing: 1, round: "none" })).toEqual({ maxMissing: 1, prorate: true, round: "none" });
    expect(resolveMissingRule(getInstrument("ons4"), {})).toBeUndefined();
  });

  it("applies when scoring", () => {
    const rows = [[1, 1, 1, 1, 1, 1, 1, 1, null]];
    expect(scoreItems("phq9", rows, { missingRule: { prorate: false } }).score![0]).toBeNaN();
    expect(scoreItems("phq9", [[1, 1, 1, 1, 1, 1, 1, 0, null]], { missingRule: { round: "none" } }).score![0]).toBe(9 * 7 / 8);
  });

  it.each([
    ["phq9", { maxMissing: 9 }, "missingRule.maxMissing", "the most missing items must be a whole number from 0 to 8 for PHQ-9 (9 items), got 9"],
    ["phq9", { maxMissing: 1.5 }, "missingRule.maxMissing", "the most missing items must be a whole number from 0 to 8 for PHQ-9 (9 items), got 1.5"],
    ["phq9", { maxMissing: 2, prorate: false }, "missingRule.prorate", "prorating is off, but up to 2 missing items are allowed: a PHQ-9 score from fewer items is only on the scale when prorated"],
    ["phq9", { round: "down" }, "missingRule.round", 'rounding must be "half-up" or "none", got "down"'],
    ["jsse", { prorate: true }, "missingRule.prorate", "prorating is on, but JSSE allows no missing item, so nothing would be prorated"],
    ["eq5d5l", { maxMissing: 1 }, "missingRule.maxMissing", "an EQ-5D-5L index needs all five dimensions: it cannot be prorated"],
    ["swemwbs", { maxMissing: 1, round: "none" }, "missingRule.round", "the SWEMWBS conversion table needs a whole raw score: a prorated raw score must be rounded"],
    ["ons4", { maxMissing: 1 }, "missingRule.maxMissing", "ONS4 items are scored one by one: it has no missing-item rule to change"],
  ])("%s %j is refused", (id, change, path, message) => {
    const e = errorOf<TrialstatError>(() => resolveMissingRule(getInstrument(id), change as never));
    expect(e.location?.path).toBe(path);
    expect(e.message).toBe(message);
  });

  it("names the fields as the caller does", () => {
    const e = errorOf<TrialstatError>(() => resolveMissingRule(phq9, { maxMissing: 20 }, { maxMissing: "derive.phq.max_missing", prorate: "p", round: "r" }));
    expect(e.where).toBe("derive.phq.max_missing");
    // in its hint too: the command line's flag, not the library's field
    const cli = { maxMissing: "--max-missing", prorate: "--prorate", round: "--round" };
    expect(errorOf<TrialstatError>(() => resolveMissingRule(getInstrument("swemwbs"), { maxMissing: 1, round: "none" }, cli)).hint).toBe("give --round half-up, or allow no missing items");
  });
});

describe("value sets", () => {
  it("apply only to EQ-5D-5L", () => {
    expect(errorOf(() => scoreItems("phq9", [[0, 0, 0, 0, 0, 0, 0, 0, 0]], { valueSet: ENGLAND_2018 })).message).toBe("a value set applies only to EQ-5D-5L, not PHQ-9");
    expect(scoreItems("eq5d5l", [[1, 1, 1, 1, 1]]).valueSet).toBe(ENGLAND_2018);
  });
});

describe("output", () => {
  it("names the columns in a fixed order for each instrument", () => {
    const names = (id: string, row: (number | null)[]) => scoreColumns(scoreItems(id, [row])).map((c) => c.name);
    expect(names("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toEqual(["phq9_score", "phq9_band", "phq9_difficulty", "phq9_answered", "phq9_prorated"]);
    expect(names("phq8", [0, 0, 0, 0, 0, 0, 0, 0])).toEqual(["phq8_score", "phq8_band", "phq8_current_depression", "phq8_answered", "phq8_prorated"]);
    expect(names("swemwbs", [1, 1, 1, 1, 1, 1, 1])).toEqual(["swemwbs_score", "swemwbs_raw", "swemwbs_answered", "swemwbs_prorated"]);
    expect(names("jsse", [1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual(["jsse_score", "jsse_mean", "jsse_answered", "jsse_prorated"]);
    expect(names("who5", [1, 1, 1, 1, 1])).toEqual(["who5_score", "who5_band", "who5_percent", "who5_answered", "who5_prorated"]);
    expect(names("eq5d5l", [1, 1, 1, 1, 1, 50])).toEqual(["eq5d5l_score", "eq5d5l_vas", "eq5d5l_answered", "eq5d5l_prorated"]);
    expect(names("ons4", [1, 1, 1, 1])).toEqual([
      "ons4_satisfied", "ons4_satisfied_band", "ons4_worthwhile", "ons4_worthwhile_band",
      "ons4_happy", "ons4_happy_band", "ons4_anxious", "ons4_anxious_band", "ons4_answered",
    ]);
  });

  it("writes CSV with the id as written, NA for a missing score, and spreadsheet-safe text", () => {
    const t = parseCsv(`${phqHeader()}007,3,3,3,3,3,3,3,3,3\n008,,,,,,,,,\n009,1,1,1,1,1,1,1,,\n`, { source: "t.csv" });
    const r = scoreTable(t, "phq9");
    expect(scoreCsv(r, { id: t.column("id") })).toBe(
      "id,phq9_score,phq9_band,phq9_answered,phq9_prorated\n007,27,severe,9,0\n008,NA,NA,0,0\n009,9,mild,7,1\n",
    );
    const negative = parseCsv("id,gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7\n-5,1,1,1,1,1,1,1\n1.50,0,0,0,0,0,0,0\n");
    expect(scoreCsv(scoreTable(negative, "gad7"), { id: negative.column("id") })).toBe(
      "id,gad7_score,gad7_band,gad7_answered,gad7_prorated\n-5,7,mild,7,0\n1.50,0,minimal,7,0\n",
    );
    const ids = tableFromColumns({ id: ["=cmd", "a,b"], gad7_1: [1, 1], gad7_2: [1, 1], gad7_3: [1, 1], gad7_4: [1, 1], gad7_5: [1, 1], gad7_6: [1, 1], gad7_7: [1, 1] });
    expect(scoreCsv(scoreTable(ids, "gad7"), { id: ids.column("id") })).toBe(
      "id,gad7_score,gad7_band,gad7_answered,gad7_prorated\n'=cmd,7,mild,7,0\n\"a,b\",7,mild,7,0\n",
    );
    expect(scoreCsv(scoreItems("gad7", [[1, 1, 1, 1, 1, 1, 1]]))).toBe("gad7_score,gad7_band,gad7_answered,gad7_prorated\n7,mild,7,0\n");
  });

  it("summarises what was scored", () => {
    expect(scoreSummary(scoreItems("gad7", [[1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, null], [null, null, null, null, null, null, null]]))).toBe(
      "gad7: 3 rows, 2 scored (1 prorated), 1 without a score",
    );
    expect(scoreSummary(scoreItems("ons4", [[1, 1, 1, 1], [1, null, 1, 1]]))).toBe("ons4: 2 rows; all 4 items answered in 1, some missing in 1");
    expect(scoreSummary(scoreItems("gad7", [[1, 1, 1, 1, 1, 1, 1]]))).toBe("gad7: 1 row, 1 scored (0 prorated), 0 without a score");
    expect(scoreSummary(scoreItems("ons4", [[1, 1, 1, 1]]))).toBe("ons4: 1 row; all 4 items answered in 1, some missing in 0");
  });

  it("scoreItems wants every respondent to have the same items", () => {
    const e = errorOf<TrialstatError>(() => scoreItems("gad7", [[1, 1, 1, 1, 1, 1, 1], [1, 1]]));
    expect(e.message).toBe("respondent 2 has 2 item values, respondent 1 has 7");
  });
});
