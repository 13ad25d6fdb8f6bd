import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIXED, NOT_PLAIN, SHORTEST, plainDecimal, readPlainDecimal } from "./plain-decimal.js";

/** What readPlainDecimal promises about a text it accepts, checked against Number, String and toFixed. */
function checkAccepted(text: string): void {
  const kind = readPlainDecimal(`,${text},`, 1, text.length + 1);
  if (kind === NOT_PLAIN) return;
  const v = plainDecimal.value;
  expect(Object.is(v, Number(text)), `value of ${text}`).toBe(true);
  expect(kind === SHORTEST, `String(${text}) === text`).toBe(String(v) === text);
  if (kind === FIXED) expect(v.toFixed(plainDecimal.decimals)).toBe(text);
}

describe("readPlainDecimal", () => {
  it("reads exactly Number(text), and says whether text is String(value) or value.toFixed(d)", () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom("0", "1", "5", "9"), minLength: 1, maxLength: max });
    const decimalText = fc
      .tuple(fc.constantFrom("", "-", "+"), digits(17), fc.option(digits(22), { nil: undefined }))
      .map(([sign, int, frac]) => `${sign}${int}${frac === undefined ? "" : `.${frac}`}`);
    const formatted = fc.oneof(
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }), fc.integer({ min: 1, max: 17 })).map(([v, p]) => v.toPrecision(p)),
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 20 })).map(([v, d]) => v.toFixed(d)),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    );
    const odd = fc.string({ unit: fc.constantFrom("0", "1", ".", "-", "+", "e", " ", "x"), maxLength: 6 });
    fc.assert(fc.property(fc.oneof(decimalText, formatted, odd), checkAccepted), { numRuns: 20000 });
  });

  it("accepts the plain decimals it is meant for, and leaves the rest to the general path", () => {
    const kinds = (texts: string[]) => texts.map((t) => readPlainDecimal(t, 0, t.length));
    expect(kinds(["0", "7", "-12", "123456789012345", "0.5", "-0.25", "3.14159", "0.000001"])).toEqual(Array(8).fill(SHORTEST));
    expect(kinds(["1.50", "0.00", "-3.10", "0.0000001", "2.00000000000000"])).toEqual(Array(5).fill(FIXED));
    expect(kinds(["", "-", "+5", "007", "00", ".5", "5.", "1e3", " 7", "7 ", "-0", "-0.0", "1234567890123456", "NA", "1,5"])).toEqual(Array(15).fill(NOT_PLAIN));
  });
});
