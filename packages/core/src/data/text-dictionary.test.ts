import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextDictionary } from "./text-dictionary.js";

describe("TextDictionary", () => {
  it("codes values in order of first appearance, by value or by a range of a longer text", () => {
    const d = new TextDictionary();
    const text = "P001,2019-05,P001,2019-06,,P002";
    expect(d.codeOfRange(text, 0, 4)).toBe(0);
    expect(d.codeOfRange(text, 5, 12)).toBe(1);
    expect(d.codeOfRange(text, 13, 17)).toBe(0);
    expect(d.codeOf("2019-06")).toBe(2);
    expect(d.codeOfRange(text, 26, 26)).toBe(3); // the empty string is a value like any other
    expect(d.codeOf("P002")).toBe(4);
    expect(d.codeOfRange(text, 27, 31)).toBe(4);
    expect(d.values).toEqual(["P001", "2019-05", "2019-06", "", "P002"]);
  });

  it("tells apart values that share a prefix or differ only in length", () => {
    const d = new TextDictionary();
    const codes = ["a", "ab", "abc", "ab", "a", "b", "abc"].map((v) => d.codeOfRange(`,${v},`, 1, 1 + v.length));
    expect(codes).toEqual([0, 1, 2, 1, 0, 3, 2]);
  });

  it("keeps every code as the table grows (10,000 values, each asked again)", () => {
    const d = new TextDictionary();
    const values = Array.from({ length: 10_000 }, (_, i) => `K${(i * 7919) % 10_000}`);
    values.forEach((v, i) => expect(d.codeOfRange(` ${v} `, 1, 1 + v.length)).toBe(i));
    values.forEach((v, i) => expect(d.codeOf(v)).toBe(i));
    expect(d.values).toEqual(values);
  });

  it("agrees with a Map on any sequence of values, whatever the text around them (thousands of values: the table grows)", () => {
    const value = fc.oneof(fc.string({ maxLength: 3 }), fc.stringMatching(/^[\u00e9\u20ac\ud83d\ude00a-c]{0,4}$/), fc.integer({ min: 0, max: 5000 }).map(String));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.string({ maxLength: 3 }), fc.boolean()), { maxLength: 3000 }), (cells) => {
        const d = new TextDictionary();
        const reference = new Map<string, number>();
        for (const [v, pad, inPlace] of cells) {
          if (!reference.has(v)) reference.set(v, reference.size);
          const code = inPlace ? d.codeOfRange(pad + v + pad, pad.length, pad.length + v.length) : d.codeOf(v);
          expect(code).toBe(reference.get(v));
        }
        expect(d.values).toEqual([...reference.keys()]);
      }),
      { numRuns: 60 },
    );
  });
});
