import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { TrialstatError } from "../errors.js";
import { normalizeLabel, parseCodeList, parseLabelFile } from "./responses.js";
import { scoreItems, scoreTable } from "./score.js";

const header = "id,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9\n";

describe("response labels", () => {
  it("match ignoring case, spacing and typographic apostrophes", () => {
    expect(normalizeLabel("  Nearly   EVERY\tday ")).toBe("nearly every day");
    expect(normalizeLabel("Don’t know")).toBe(normalizeLabel("don't know"));
    const r = scoreItems("phq9", [["not at all", "SEVERAL DAYS", " More than half the days", "Nearly every day", 0, 1, 2, 3, "0"]]);
    expect(r.score![0]).toBe(12);
  });

  it("can be given by the user, override the standard ones, and recode numbers", () => {
    const custom = { Never: 0, Sometimes: 1, Often: 2, Always: 3 };
    expect(scoreItems("gad7", [["Never", "Sometimes", "Often", "Always", 0, 0, 0]], { labels: custom }).score![0]).toBe(6);
    // a survey that codes PHQ-9 answers 1-4
    const recode = { "1": 0, "2": 1, "3": 2, "4": 3 };
    expect(scoreItems("phq9", [[4, 4, 4, 4, 1, 1, 1, 1, 2]], { labels: recode }).score![0]).toBe(13);
    const t = parseCsv(`${header}a,4,4,4,4,1,1,1,1,2\n`);
    expect(scoreTable(t, "phq9", { labels: recode }).score![0]).toBe(13);
  });

  it("refuse a label that codes a value the item does not allow", () => {
    const e = errorOf<TrialstatError>(() => scoreItems("phq9", [[0, 0, 0, 0, 0, 0, 0, 0, 0]], { labels: { Always: 4 } }));
    expect(e.message).toBe('label "Always" codes 4, which is not a PHQ-9 value for item 1 (allowed: 0, 1, 2, 3)');
  });
});

describe("missing codes", () => {
  it("count as unanswered items, numbers and labels alike", () => {
    const r = scoreItems("phq9", [[3, 3, 3, 3, 3, 3, 3, -9, "Refused"], [3, 3, 3, 3, 3, 3, -8, -9, 99]], { missingCodes: [-9, -8, 99, "refused"] });
    expect(Array.from(r.score!)).toEqual([27, NaN]);
    expect(Array.from(r.answered)).toEqual([7, 6]);
    expect(Array.from(r.prorated)).toEqual([1, 0]);
  });

  it("may be text that reads as a number", () => {
    expect(scoreItems("gad7", [[1, 1, 1, 1, 1, 1, "97"]], { missingCodes: ["97"] }).score![0]).toBe(7);
  });

  it("cannot also be an allowed value or a label", () => {
    expect(errorOf<TrialstatError>(() => scoreItems("ons4", [[1, 2, 3, 4]], { missingCodes: [9] })).message).toBe(
      "missing code 9 is also an allowed value of ONS4 item satisfied (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)",
    );
    expect(errorOf<TrialstatError>(() => scoreItems("gad7", [[1, 1, 1, 1, 1, 1, 1]], { missingCodes: ["Not at all"] })).message).toContain(
      "is declared both as a missing code and as a label",
    );
    expect(errorOf<TrialstatError>(() => scoreItems("gad7", [[1, 1, 1, 1, 1, 1, 1]], { missingCodes: [5], labels: { "5": 0 } })).message).toBe(
      "code 5 is declared both as a missing code and as a label",
    );
  });
});

describe("a value that is neither allowed, a label nor a missing code", () => {
  it("stops with file, line, column, the value and the allowed values", () => {
    const t = parseCsv(`${header}a,0,0,0,0,0,0,0,0,0\n\nb,1,2,3,4,0,0,0,0,0\n`, { source: "wave1.csv" });
    const e = errorOf<TrialstatError>(() => scoreTable(t, "phq9", { missingCodes: [-9] }));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.kind).toBe("input");
    expect(e.where).toBe("wave1.csv:4:phq9_4");
    expect(e.message).toBe("value 4 is not allowed for PHQ-9 item 4 (allowed: 0, 1, 2, 3)");
    expect(e.hint).toContain('"Several days" = 1');
    expect(e.hint).toContain("missing codes: -9");
    expect(e.remedies.map((r) => r.setting)).toEqual(["missing_codes", "labels"]);
  });

  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, "Sometimes"], '"Sometimes" is not a PHQ-9 response label (allowed: 0, 1, 2, 3)'],
    [[0, 0, 0, 0, 0, 0, 0, 0, 1.5], "value 1.5 is not allowed for PHQ-9 item 9 (allowed: 0, 1, 2, 3)"],
    [[0, 0, 0, 0, 0, 0, 0, 0, -9], "value -9 is not allowed for PHQ-9 item 9 (allowed: 0, 1, 2, 3)"],
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 7], "value 7 is not allowed for PHQ-9 item 10 (allowed: 0, 1, 2, 3)"],
  ])("%j → %s", (row, message) => {
    const e = errorOf<TrialstatError>(() => scoreItems("phq9", [row]));
    expect(e.message).toBe(message);
    expect(e.location?.line).toBe(1);
  });

  it("is never read as missing, in a text column too", () => {
    const t = parseCsv(`${header}a,0,0,0,0,0,0,0,0,Several days\nb,0,0,0,0,0,0,0,0,DK\n`, { source: "s.csv" });
    const e = errorOf<TrialstatError>(() => scoreTable(t, "phq9"));
    expect(e.where).toBe("s.csv:3:phq9_9");
    expect(e.message).toBe('"DK" is not a PHQ-9 response label (allowed: 0, 1, 2, 3)');
  });

  it("names the continuous range of the EQ VAS", () => {
    expect(errorOf<TrialstatError>(() => scoreItems("eq5d5l", [[1, 1, 1, 1, 1, 101]])).message).toBe(
      "value 101 is not allowed for EQ-5D-5L item vas (allowed: any number from 0 to 100)",
    );
  });
});

describe("label files and code lists", () => {
  it("read label,value with numbers or 'missing'", () => {
    const text = 'label,value\nNot at all,0\n"Several days",1\nDon\'t know,missing\nRefused,MISSING\n';
    const read = parseLabelFile(text, "labels.csv");
    expect({ ...read }).toMatchObject({ labels: { "Not at all": 0, "Several days": 1 }, missingCodes: ["Don't know", "Refused"] });
    // each label's line in the file (the header is line 1), so that a later error about it is located there
    expect({ ...read.locations }).toEqual({
      "Not at all": { file: "labels.csv", line: 2, column: "label" },
      "Several days": { file: "labels.csv", line: 3, column: "label" },
      "Don't know": { file: "labels.csv", line: 4, column: "label" },
      Refused: { file: "labels.csv", line: 5, column: "label" },
    });
  });

  it.each([
    ["name,code\nx,1\n", "labels.csv:1", 'no column "label"'],
    ["label,value\nx,one\n", "labels.csv:2:value", 'value "one" is not a number or "missing"'],
    ["label,value\nx,1\n X ,2\n", "labels.csv:3:label", 'label " X " is given twice with different values (1 and 2)'],
    ["label,value\n,1\n", "labels.csv:2:label", "empty label"],
  ])("reject %j", (text, where, message) => {
    const e = errorOf<TrialstatError>(() => parseLabelFile(text, "labels.csv"));
    expect(e.where).toBe(where);
    expect(e.message).toBe(message);
  });

  it("split code lists into numbers and text", () => {
    expect(parseCodeList("-9, -8,99 ,Refused,,Don't know")).toEqual([-9, -8, 99, "Refused", "Don't know"]);
  });
});
