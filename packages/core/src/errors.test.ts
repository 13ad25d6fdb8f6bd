import { describe, expect, it } from "vitest";
import { quoteValue, showValue } from "./errors.js";

describe("data values in messages", () => {
  it("are quoted whole up to 40 characters", () => {
    expect(quoteValue("abc")).toBe('"abc"');
    expect(quoteValue("x".repeat(40))).toBe(`"${"x".repeat(40)}"`);
    expect(showValue("P001")).toBe("P001");
  });

  it("keep their first 40 characters and their length when longer", () => {
    expect(quoteValue("9".repeat(20_000_000))).toBe(`"${"9".repeat(40)}…" (20,000,000 characters)`);
    expect(showValue("a".repeat(41))).toBe(`${"a".repeat(40)}… (41 characters)`);
  });

  it("never split a surrogate pair", () => {
    const v = `${"a".repeat(39)}😀${"b".repeat(10)}`;
    expect(quoteValue(v)).toBe(`"${"a".repeat(39)}…" (51 characters)`);
  });
});
