import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import type { TrialstatError } from "../errors.js";
import { csvTextRecords } from "./csv-text-records.js";

describe("csvTextRecords", () => {
  it("keeps every field as written, with the line each record starts on and comments whole", () => {
    const text = '\uFEFF# a "comment", with commas\r\nx,y\r\n\r\n"2,116",1.50\r\n"two\nlines","say ""hi"""\n  # indented comment\nlast,\n';
    expect(csvTextRecords(text, "t.csv")).toEqual([
      { line: 1, comment: 'a "comment", with commas' },
      { line: 2, fields: ["x", "y"] },
      { line: 4, fields: ["2,116", "1.50"] },
      { line: 5, fields: ["two\nlines", 'say "hi"'] },
      { line: 7, comment: "indented comment" },
      { line: 8, fields: ["last", ""] },
    ]);
  });

  it("reads what csv-parse reads, field for field, for any well-formed file", () => {
    const field = fc.oneof(fc.stringMatching(/^[^",\r\n#]*$/), fc.string().map((s) => `"${s.replace(/"/g, '""')}"`));
    const record = fc.array(field, { minLength: 1, maxLength: 5 }).filter((r) => r.join(",") !== "");
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (records, eol) => {
        const text = records.map((r) => r.join(",")).join(eol) + eol;
        const reference = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ["\r\n", "\n", "\r"] }) as string[][];
        expect(csvTextRecords(text, "t.csv").map((r) => r.fields)).toEqual(reference);
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it.each([
    ['a,"b\n', "t.csv:1", "a quoted field opened on line 1 is never closed"],
    ['a\n"b"c\n', "t.csv:2", 'a closing quote is followed by "c"'],
    ['a\nb"c\n', "t.csv:2", 'a quote inside the unquoted field "b"c"'],
  ])("refuses %j at %s", (text, where, message) => {
    const e = errorOf<TrialstatError>(() => csvTextRecords(text, "t.csv"));
    expect(e.where).toBe(where);
    expect(e.message).toContain(message);
    expect(e.hint).toBeTruthy();
  });
});
