import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { TrialstatError } from "../errors.js";
import { readIndicator } from "./indicator.js";

describe("readIndicator", () => {
  it("reads 0/1, yes/no, y/n and true/false in any case", () => {
    const t = parseCsv("r\nyes\n NO \nTrue\nfalse\nY\nn\n1\n0\n");
    expect(Array.from(readIndicator(t, "r", "response"))).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(Array.from(readIndicator(parseCsv("r\n1\n0\n1.0\n"), "r", "response"))).toEqual([1, 0, 1]);
  });

  it("reads only the rows asked for (ineligible rows may hold anything)", () => {
    const t = parseCsv("id,r\n1,1\n2,\n3,whatever\n4,0\n");
    expect(Array.from(readIndicator(t, "r", "response", [0, 3]))).toEqual([1, 0, 0, 0]);
  });

  it.each([
    ["r\n1\n2\n", 'd.csv:3:r', 'the response column r has the value "2"'],
    ["r\nyes\nmaybe\n", 'd.csv:3:r', 'the response column r has the value "maybe"'],
    ["id,r\n1,yes\n2,\n", "d.csv:3:r", "the response column r is missing"],
    ["r\n1\nNA\n", "d.csv:3:r", "the response column r is missing"],
  ])("rejects %j", (text, where, message) => {
    const e = errorOf<TrialstatError>(() => readIndicator(parseCsv(text, { source: "d.csv" }), "r", "response"));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.kind).toBe("input");
    expect(e.where).toBe(where);
    expect(e.message).toContain(message);
    expect(e.hint).toContain("responded (1, yes) or not (0, no)");
  });
});
