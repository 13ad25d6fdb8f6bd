import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorOf, repoPath } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { TrialstatError } from "../errors.js";
import { likertFromJson, likertInstrument, type LikertSpec } from "./likert.js";
import { describeInstrument } from "./registry.js";
import { scoreColumns, scoreItems, scoreTable } from "./score.js";

describe("likertInstrument", () => {
  it("sums items with reverse keying", () => {
    const scale = likertInstrument({ id: "rses", items: 4, range: [1, 4], reverse: [2, 4], aggregate: "sum" });
    // 4 + (5 − 1) + 3 + (5 − 2) = 14
    expect(scoreItems(scale, [[4, 1, 3, 2]]).score![0]).toBe(14);
    expect(scale.scales[0].range).toEqual([4, 16]);
    expect(scale.missingRule).toEqual({ maxMissing: 0, prorate: false, round: "half-up" });
  });

  it("averages items, from the answered ones when a minimum is set", () => {
    const scale = likertInstrument({ id: "m", items: ["a", "b", "c", "d"], range: [0, 4], aggregate: "mean", minAnswered: 3 });
    const r = scoreItems(scale, [[1, 2, 3, 4], [1, 2, null, 4], [1, null, null, 4]]);
    expect(Array.from(r.score!)).toEqual([2.5, 7 / 3, NaN]);
    expect(Array.from(r.prorated)).toEqual([0, 1, 0]);
    expect(r.itemColumns).toEqual(["m_a", "m_b", "m_c", "m_d"]);
  });

  it("prorates sums, rounded half up by default or not at all", () => {
    const spec: LikertSpec = { id: "s", items: 4, range: [1, 5], aggregate: "sum", minAnswered: 3 };
    // 10 × 4 / 3 = 13.33
    expect(scoreItems(likertInstrument(spec), [[3, 3, 4, null]]).score![0]).toBe(13);
    expect(scoreItems(likertInstrument({ ...spec, round: "none" }), [[3, 3, 4, null]]).score![0]).toBe(40 / 3);
    // 2 × 4 / 3 ... with a negative range: -3..3
    const centred = likertInstrument({ id: "c", items: 2, range: [-3, 3], aggregate: "sum", minAnswered: 1 });
    expect(Array.from(scoreItems(centred, [[-3, null], [3, null], [-1, 2]]).score!)).toEqual([-6, 6, 1]);
  });

  it("bands the score and takes labels", () => {
    const scale = likertInstrument({
      id: "b",
      items: 3,
      range: [0, 2],
      aggregate: "sum",
      bands: [
        { label: "low", min: 0, max: 2 },
        { label: "high", min: 3, max: 6 },
      ],
      labels: { No: 0, Sometimes: 1, Yes: 2 },
    });
    const r = scoreItems(scale, [["No", "Sometimes", "no"], ["Yes", "Sometimes", "no"]]);
    expect(r.band).toEqual(["low", "high"]);
    expect(scoreColumns(r).map((c) => c.name)).toEqual(["b_score", "b_band", "b_answered", "b_prorated"]);
    expect(describeInstrument(scale).join("\n")).toContain("b_score (0-6): sum of the items; bands 0-2 low, 3-6 high");
  });

  it("takes bands with no whole number between them; a non-whole score between two bands takes the higher one", () => {
    // mean of 2 items 1-5: (2 + 3) / 2 = 2.5 is above "low" (max 2) so "high"; 2.9 bounds leave no whole number out
    const bands = [{ label: "low", min: 1, max: 2 }, { label: "high", min: 3, max: 5 }];
    const mean = likertInstrument({ id: "m", items: 2, range: [1, 5], aggregate: "mean", bands });
    expect(scoreItems(mean, [[2, 3], [2, 2], [3, 3]]).band).toEqual(["high", "low", "high"]);
    expect(() => likertInstrument({ id: "m", items: 2, range: [1, 5], aggregate: "mean", bands: [{ label: "low", min: 1, max: 2.9 }, { label: "high", min: 3, max: 5 }] })).not.toThrow();
  });

  it.each([
    [{ id: "Bad", items: 3, range: [1, 5], aggregate: "sum" }, "scale.id", 'id "Bad" is not a lower-case name'],
    [{ id: "phq9", items: 9, range: [0, 3], aggregate: "sum" }, "scale.id", '"phq9" is a built-in instrument'],
    [{ id: "x", items: 0, range: [1, 5], aggregate: "sum" }, "scale.items", "items must be a whole number of items from 1 to 1000, got 0"],
    [{ id: "x", items: ["a", "a"], range: [1, 5], aggregate: "sum" }, "scale.items", 'item code "a" is given twice'],
    [{ id: "x", items: 3, range: [5, 1], aggregate: "sum" }, "scale.range", "range must be two whole numbers [lowest, highest], each at most 1,000,000 in size, got [5,1]"],
    [{ id: "x", items: 3, range: [1, 1e308], aggregate: "sum" }, "scale.range", "range must be two whole numbers [lowest, highest], each at most 1,000,000 in size, got [1,1e+308]"],
    [{ id: "x", items: 3, range: [-1000001, 0], aggregate: "sum" }, "scale.range", "range must be two whole numbers [lowest, highest], each at most 1,000,000 in size, got [-1000001,0]"],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "total" }, "scale.aggregate", 'aggregate must be "sum" or "mean", got "total"'],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", reverse: [4] }, "scale.reverse[0]", "reverse-keyed item 4 is not an item number from 1 to 3"],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", reverse: [2, 2] }, "scale.reverse[1]", "item 2 is listed twice as reverse-keyed"],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", minAnswered: 4 }, "scale.minAnswered", "minAnswered must be a whole number from 1 to 3, got 4"],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", minAnswered: 2, prorate: false }, "scale.prorate", "minAnswered 2 is below the 3 items, which needs prorate: true"],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", round: "up" }, "scale.round", 'round must be "half-up" or "none", got "up"'],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", prorate: true }, "scale.prorate", "prorate: true, but minAnswered is all 3 items, so nothing would be prorated"],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", bands: [{ label: "all", min: 3, max: 14 }] }, "scale.bands", "bands run from 3 to 14, but scores run from 3 to 15"],
    [
      { id: "x", items: 3, range: [1, 5], aggregate: "sum", bands: [{ label: "a", min: 3, max: 9 }, { label: "b", min: 9, max: 15 }] },
      "scale.bands[1].min",
      `band "b" starts at 9, not above the previous band's max 9`,
    ],
    [
      { id: "x", items: 3, range: [1, 5], aggregate: "sum", bands: [{ label: "a", min: 3, max: 8 }, { label: "b", min: 10, max: 15 }] },
      "scale.bands[1].min",
      `band "b" starts at 10, but the previous band "a" ends at 8: a score of 9 is in no band`,
    ],
    [
      { id: "x", items: 3, range: [1, 5], aggregate: "sum", bands: [{ label: "a", min: 3, max: 6 }, { label: "b", min: 7, max: 8 }, { label: "c", min: 12, max: 15 }] },
      "scale.bands[2].min",
      `band "c" starts at 12, but the previous band "b" ends at 8: scores of 9-11 are in no band`,
    ],
    [
      { id: "x", items: 3, range: [1, 5], aggregate: "mean", bands: [{ label: "a", min: 1, max: 2.5 }, { label: "b", min: 3.5, max: 5 }] },
      "scale.bands[1].min",
      `band "b" starts at 3.5, but the previous band "a" ends at 2.5: a score of 3 is in no band`,
    ],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", labels: { Never: 0 } }, "scale.labels.Never", 'label "Never" codes 0, outside the item values 1-5'],
    [{ id: "x", items: 3, range: [1, 5], aggregate: "sum", reversed: [1] }, "scale.reversed", 'unknown field "reversed" in a Likert scale'],
  ])("rejects %j", (spec, path, message) => {
    const e = errorOf<TrialstatError>(() => likertInstrument(spec as unknown as LikertSpec));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.location?.path).toBe(path);
    expect(e.message).toBe(message);
    expect(e.hint).toBeTruthy();
  });
});

describe("likertFromJson", () => {
  it("reads a scale that scoreTable scores like a built-in one", () => {
    const scale = likertFromJson('{"id": "wemwbs", "items": 14, "range": [1, 5], "aggregate": "sum"}', "wemwbs.json");
    const header = Array.from({ length: 14 }, (_, j) => `wemwbs_${j + 1}`).join(",");
    const t = parseCsv(`${header}\n${Array(14).fill(3).join(",")}\n`);
    expect(scoreTable(t, scale).score![0]).toBe(42);
  });

  it("locates errors in the file", () => {
    // '{"id": "x",' is 11 characters: the next property's name was expected at column 12
    const unfinished = errorOf<TrialstatError>(() => likertFromJson('{"id": "x",', "d.json"));
    expect([unfinished.where, unfinished.message]).toEqual(["d.json:1:12", "not valid JSON (a scale definition): found the end of the file where a quoted property name was expected"]);
    const e = errorOf<TrialstatError>(() => likertFromJson('{"id": "x", "items": 3, "range": [1, 5], "aggregate": "sum", "reverse": [0]}', "d.json"));
    expect(e.where).toBe("d.json: scale.reverse[0]");
  });
});

describe("the example in docs/instruments.md", () => {
  it("is a valid scale that scores as the page says", () => {
    const page = readFileSync(repoPath("packages/core/docs/instruments.md"), "utf8");
    const json = /```json\n([\s\S]*?)```/.exec(page)![1];
    const scale = likertFromJson(json, "instruments.md");
    expect(scale.missingRule).toEqual({ maxMissing: 1, prorate: true, round: "half-up" });
    // 5 + (6 − 1) + 4 + 4 + (6 − 2) + NA = 22 over 5 items → 26.4 → 26, "high"
    const r = scoreItems(scale, [["Strongly agree", "Strongly disagree", "Agree", 4, 2, null]]);
    expect([r.score![0], r.band![0], r.prorated[0]]).toEqual([26, "high", 1]);
  });
});
