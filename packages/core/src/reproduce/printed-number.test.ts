import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import type { TrialstatError } from "../errors.js";
import { parsePrintedNumber } from "./printed-number.js";
import { parsePrintedInterval } from "./printed-interval.js";

const read = (text: string, bound = false) => {
  const n = parsePrintedNumber(text, { bound });
  return { value: n.value, ulp: n.ulp, unit: n.unit, currency: n.currency, bound: n.bound };
};

describe("parsePrintedNumber: every form a table prints", () => {
  it.each([
    // [printed, value, ulp, unit, currency]
    ["3.9ppt", 3.9, 0.1, "percent", null],
    ["3ppt", 3, 1, "percent", null],
    ["−2ppt", -2, 1, "percent", null],
    ["-2ppt", -2, 1, "percent", null],
    ["–2.4 ppt", -2.4, 0.1, "percent", null],
    ["3.9pp", 3.9, 0.1, "percent", null],
    ["3.9 percentage points", 3.9, 0.1, "percent", null],
    ["27%", 27, 1, "percent", null],
    ["56.6 %", 56.6, 0.1, "percent", null],
    ["27 per cent", 27, 1, "percent", null],
    ["0.10sd", 0.1, 0.01, "sd", null],
    ["0.10 sd", 0.1, 0.01, "sd", null],
    ["0.9sd", 0.9, 0.1, "sd", null],
    ["0.10 SD", 0.1, 0.01, "sd", null],
    ["−0.05 s.d.", -0.05, 0.01, "sd", null],
    ["£442", 442, 1, "currency", "GBP"],
    ["−£265", -265, 1, "currency", "GBP"],
    ["-£233", -233, 1, "currency", "GBP"],
    ["£−233", -233, 1, "currency", "GBP"],
    ["£2,116", 2116, 1, "currency", "GBP"],
    ["£0.02", 0.02, 0.01, "currency", "GBP"],
    ["€1,234.5", 1234.5, 0.1, "currency", "EUR"],
    ["$12", 12, 1, "currency", "USD"],
    ["US$12", 12, 1, "currency", "USD"],
    ["GBP 442", 442, 1, "currency", "GBP"],
    ["442 GBP", 442, 1, "currency", "GBP"],
    ["£1.2m", 1.2e6, 1e5, "currency", "GBP"],
    ["£12k", 12000, 1000, "currency", "GBP"],
    ["2,116", 2116, 1, null, null],
    ["1,328,000", 1328000, 1, null, null],
    ["9\u2009785", 9785, 1, null, null],
    ["9\u00a0785", 9785, 1, null, null],
    ["1,696.66", 1696.66, 0.01, null, null],
    [".003", 0.003, 0.001, null, null],
    ["0.000", 0, 0.001, null, null],
    ["+1.50", 1.5, 0.01, null, null],
    ["1.2e-5", 1.2e-5, 1e-6, null, null],
    ["1.2E-05", 1.2e-5, 1e-6, null, null],
    ["1.2×10^-5", 1.2e-5, 1e-6, null, null],
    ["1.2 x 10-5", 1.2e-5, 1e-6, null, null],
    ["1.2×10⁻⁵", 1.2e-5, 1e-6, null, null],
  ] as const)("%s", (printed, value, ulp, unit, currency) => {
    const n = read(printed);
    expect(n.value).toBe(value);
    expect(n.ulp).toBe(ulp);
    expect(n.unit).toBe(unit);
    expect(n.currency).toBe(currency);
    expect(n.bound).toBeNull();
  });

  it("reads p-values with bounds, and a leading p or =", () => {
    expect(read("<0.001", true)).toMatchObject({ value: 0.001, ulp: 0.001, bound: "<" });
    expect(read("< 0.001", true)).toMatchObject({ value: 0.001, bound: "<" });
    expect(read("p<0.001", true)).toMatchObject({ value: 0.001, bound: "<" });
    expect(read("P ≤ 0.05", true)).toMatchObject({ value: 0.05, bound: "<" });
    expect(read(">0.99", true)).toMatchObject({ value: 0.99, bound: ">" });
    expect(read("p = 0.032", true)).toMatchObject({ value: 0.032, ulp: 0.001, bound: null });
    expect(read("P=0.03", true)).toMatchObject({ value: 0.03, ulp: 0.01, bound: null });
  });

  it("keeps the printed style to show a recomputed value the same way", () => {
    expect(parsePrintedNumber("−£265").style).toEqual({ prefix: "£", suffix: "", multiplier: "" });
    expect(parsePrintedNumber("0.10 sd").style).toEqual({ prefix: "", suffix: " sd", multiplier: "" });
    expect(parsePrintedNumber("£1.2m").style).toEqual({ prefix: "£", suffix: "", multiplier: "m" });
    expect(parsePrintedNumber("3.9ppt").decimals).toBe(1);
    expect(parsePrintedNumber("£1.2m").decimals).toBe(-5);
  });

  it.each([
    ["", "it is empty"],
    ["   ", "it is empty"],
    ["3,9ppt", 'the comma in "3,9" is not a thousands separator'],
    ["21,34", 'the comma in "21,34" is not a thousands separator'],
    ["1,23,456", "not digits in groups of three"],
    ["abc", "it does not start with a number"],
    ["--3", "two signs"],
    ["−−3", "two signs"],
    ["3 4", "not digits in groups of three"],
    ["-£-3", "two signs"],
    ["3.9 points", "is not a unit trialstat reads"],
    ["3.9ppt ***", "is not a unit trialstat reads"],
    ["£3%", "both a currency and another unit"],
    ["3.", "it ends in a point"],
    ["12k", "after a currency only"],
    ["<0.001", "only a p-value is printed with a bound"],
    ["1e999", "too large"],
  ])("refuses %j with a message saying why", (printed, why) => {
    const e = errorOf<TrialstatError>(() => parsePrintedNumber(printed));
    expect(e.kind).toBe("input");
    expect(e.message).toBe(`cannot read ${JSON.stringify(printed)} as a number: ${e.message.split(": ").slice(1).join(": ")}`);
    expect(e.message).toContain(why);
    expect(e.hint).toBeTruthy();
  });

  it("suggests a point for a decimal comma", () => {
    expect(errorOf<TrialstatError>(() => parsePrintedNumber("3,9ppt")).hint).toContain("3.9");
  });
});

describe("parsePrintedInterval", () => {
  const ends = (text: string) => {
    const { low, high } = parsePrintedInterval(text);
    return [low.value, high.value, low.ulp, high.ulp, low.unit, high.unit];
  };

  it.each([
    ["(1.2 to 6.5)", [1.2, 6.5, 0.1, 0.1, null, null]],
    ["(−5 to 1,328)", [-5, 1328, 1, 1, null, null]],
    ["[−0.6, 4.7]", [-0.6, 4.7, 0.1, 0.1, null, null]],
    ["−0.6ppt to 4.7ppt", [-0.6, 4.7, 0.1, 0.1, "percent", "percent"]],
    ["(−0.6 to 4.7ppt)", [-0.6, 4.7, 0.1, 0.1, "percent", "percent"]],
    ["−£465 to £882", [-465, 882, 1, 1, "currency", "currency"]],
    ["(−£642 to −£17)", [-642, -17, 1, 1, "currency", "currency"]],
    ["1.2–6.5", [1.2, 6.5, 0.1, 0.1, null, null]],
    ["–1.2 – –0.5", [-1.2, -0.5, 0.1, 0.1, null, null]],
    ["(0.04; 0.24) sd", [0.04, 0.24, 0.01, 0.01, "sd", "sd"]],
    ["1.2 - 6.5", [1.2, 6.5, 0.1, 0.1, null, null]],
    ["1.2-6.5", [1.2, 6.5, 0.1, 0.1, null, null]],
    ["(1,200 to 2,400)", [1200, 2400, 1, 1, null, null]],
  ] as const)("%s", (printed, expected) => {
    expect(ends(printed)).toEqual(expected);
  });

  it.each([
    ["(1.2)", "not two numbers"],
    ["1.2 to", "not two numbers"],
    ["(1.2 to x)", "its high end"],
    ["(£1 to 2ppt)", "different units"],
    ["(24.4 to 8.8)", "its low end 24.4 is above its high end 8.8"],
  ])("refuses %j", (printed, why) => {
    const e = errorOf<TrialstatError>(() => parsePrintedInterval(printed));
    expect(e.message).toContain(`cannot read ${JSON.stringify(printed)} as an interval`);
    expect(e.message).toContain(why);
  });
});
