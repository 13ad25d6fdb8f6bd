import { describe, expect, it } from "vitest";
import { TrialstatError } from "../errors.js";
import { lockFromJson, resultsFromJson } from "./conformance-documents.js";

function problem(read: () => unknown): string {
  try {
    read();
    return "ok";
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    return `${e.where}: ${e.message}`;
  }
}

const hash = "a".repeat(64);

describe("the JSON files check reads", () => {
  it.each([
    ["{}", "results.json: rows is missing; expected a list of result rows"],
    ["null", "results.json: the document is null; expected an object with rows (a results.json)"],
    ["[]", "results.json: the document is a list; expected an object with rows (a results.json)"],
    ['{"rows":[null]}', "results.json: rows[0] is null; expected an object with population, outcome, subgroup and level"],
    ['{"rows":{}}', "results.json: rows is an object; expected a list of result rows"],
    ['{"rows":[{"population":"all","outcome":7,"subgroup":null}]}', "results.json: rows[0].outcome is the number 7; expected text"],
    ['{"rows":[{"population":"all","outcome":"y","subgroup":false}]}', "results.json: rows[0].subgroup is false; expected text, or null for the overall effect"],
    ['{"rows":[{"population":"all","outcome":"y","subgroup":null,"estimate":[1]}]}', "results.json: rows[0].estimate is a list; expected a number, text, true/false or null"],
    ['{"rows":[', "results.json:1:10: not valid JSON (results): found the end of the file where a value was expected"],
    ['{"rows":[{"population":"all","outcome":"y","subgroup":null,"estimate":"0.1"}]}', 'results.json: rows[0].estimate is the text "0.1"; expected a number (or null where it is not defined)'],
    ['{"rows":[{"population":"all","outcome":"y","subgroup":null,"conf_low_95":true}]}', "results.json: rows[0].conf_low_95 is true; expected a number"],
    ['{"rows":[{"population":"all","outcome":"y","subgroup":null,"level":1}]}', "results.json: rows[0].level is the number 1; expected text, or null"],
    ['{"rows":[],"labels":null}', "results.json: labels is null; expected an object with populations and outcomes"],
    ['{"rows":[],"labels":{"populations":{},"outcomes":[]}}', "results.json: labels.outcomes is a list; expected an object"],
  ])("results %s", (text, message) => {
    expect(problem(() => resultsFromJson(text, "results.json", "results"))).toContain(message);
  });

  it("accepts a results document and passes other fields through", () => {
    const doc = resultsFromJson('{"rows":[{"population":"all","outcome":"y","subgroup":"g","level":"a","estimate":1.5,"df":null}],"extra":1}', "r.json", "expected results");
    expect(doc.rows[0].estimate).toBe(1.5);
  });

  it("requires the numbers a reader computes with on the overall rows only", () => {
    const uses = { reader: "trialstat cba", overallNumbers: ["estimate"] };
    const rows = (overall: string, subgroup: string) => `{"rows":[{"population":"all","outcome":"y","subgroup":null,"level":null,"estimate":${overall}},{"population":"all","outcome":"y","subgroup":"g","level":"a","estimate":${subgroup}}]}`;
    expect(problem(() => resultsFromJson(rows("null", "1"), "r.json", "results", uses))).toBe("r.json: rows[0].estimate is null; expected a number (trialstat cba computes with it)");
    expect(problem(() => resultsFromJson(rows("1", "null"), "r.json", "results", uses))).toBe("ok");
    expect(problem(() => resultsFromJson(rows("null", "1"), "r.json", "results"))).toBe("ok");
  });

  it.each([
    ["{}", "sap.yaml.lock: sap is missing; expected text (the SAP's file name)"],
    ["null", "sap.yaml.lock: the document is null"],
    [`{"sap":"sap.yaml","sha256":"abc","locked_at":"x","trialstat_version":"1"}`, 'sap.yaml.lock: sha256 is the text "abc"; expected a sha256 (64 hexadecimal digits)'],
    [`{"sap":"sap.yaml","sha256":"${hash}","trialstat_version":"1"}`, "sap.yaml.lock: locked_at is missing; expected text"],
    [`{"sap":"sap.yaml","sha256":"${hash}","locked_at":"x","trialstat_version":"1","history":[{}]}`, "sap.yaml.lock: history[0].sha256 is missing"],
    [`{"sap":"sap.yaml","sha256":"${hash}","locked_at":"x","trialstat_version":"1","history":{}}`, "sap.yaml.lock: history is an object; expected a list of earlier registrations"],
  ])("lock %s", (text, message) => {
    expect(problem(() => lockFromJson(text, "sap.yaml.lock"))).toContain(message);
  });

  it("reads a lock with its history", () => {
    const lock = lockFromJson(`{"sap":"sap.yaml","sha256":"${hash}","locked_at":"x","trialstat_version":"1","history":[{"sha256":"${"b".repeat(64)}","locked_at":"w","trialstat_version":"1"}]}`, "l");
    expect(lock.history?.[0].locked_at).toBe("w");
  });
});
