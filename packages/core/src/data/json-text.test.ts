import { describe, expect, it } from "vitest";
import type { TrialstatError } from "../errors.js";
import { errorOf } from "../../../../test/helpers.js";
import { jsonFault, lineAndColumn, parseJson } from "./json-text.js";

describe("JSON text", () => {
  it("is read as JSON.parse reads it", () => {
    expect(parseJson('{"a": [1, -2.5e3, "x\\n\\u00e9", true, null, {}], "b": []}', "f.json", "results", "h")).toEqual({ a: [1, -2500, "x\né", true, null, {}], b: [] });
  });

  // each text's fault, located by counting its characters by hand
  it.each([
    ["x\nconforms: every result matches", 1, 1, 'found "x" where a value was expected'],
    ["x\ny", 1, 1, 'found "x" where a value was expected'],
    ["", 1, 1, "found the end of the file where a value was expected"],
    ['{"rows": [\n', 2, 1, "found the end of the file where a value was expected"],
    ['{"a": 1,}', 1, 9, 'found "}" where a quoted property name was expected'],
    ['{\n  "a" 1\n}', 2, 7, 'found "1" where ":" was expected'],
    ["[1, 2\n  3]", 2, 3, 'found "3" where "," or "]" was expected'],
    ['{"a": [1}', 1, 9, 'found "}" where "," or "]" was expected'],
    ["[1] [2]", 1, 5, 'found "[" after the end of the JSON value'],
    ['["a\tb"]', 1, 4, "found a tab inside a string (write it as an escape, e.g. \\n)"],
    ['["a\\x"]', 1, 4, "a backslash that starts no JSON escape"],
    ['["abc', 1, 2, "a string that is not closed"],
    ["[01]", 1, 3, 'a malformed number: found "1" right after "0"'],
    ["[-]", 1, 2, 'found "-" where a value was expected'],
    ["\ufeff{}", 1, 1, "found the character U+FEFF where a value was expected"],
    ["[tru]", 1, 2, 'found "t" where a value was expected'],
  ])("%j is refused at %i:%i", (text, line, column, what) => {
    const e = errorOf<TrialstatError>(() => parseJson(text, "f.json", "results", "regenerate it"));
    expect(e.where).toBe(`f.json:${line}:${column}`);
    expect(e.message).toContain(`not valid JSON (results): ${what}`);
    expect(e.message).not.toMatch(/\n/);
  });

  it("finds no fault in valid JSON, however deeply nested", () => {
    for (const text of ["1", ' "x" ', "[[], {}]", `${"[".repeat(100_000)}${"]".repeat(100_000)}`, '{"a": {"b": [1, {"c": null}]}}']) expect(jsonFault(text)).toBeUndefined();
  });

  it("counts lines at line feeds", () => {
    expect(lineAndColumn("ab\r\ncd", 4)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn("abc", 2)).toEqual({ line: 1, column: 3 });
  });
});
