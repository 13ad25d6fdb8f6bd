import { describe, expect, it } from "vitest";
import { parsePrintedNumber } from "./printed-number.js";
import { formatLikePrinted } from "./printed-style.js";

describe("formatLikePrinted", () => {
  it("shows two places more than were printed", () => {
    expect(formatLikePrinted(parsePrintedNumber("3.4ppt"), 3.48)).toBe("3.480ppt");
    expect(formatLikePrinted(parsePrintedNumber("−£233"), -329.18)).toBe("−£329.18");
  });

  it("never shows digits beyond a double's: a cell printed to 20 places gets the value's shortest round-trip form", () => {
    // 16.58232414110103292160 is the double's exact expansion to 20 places; 16.582324141101033 (17 significant digits) reads back as it
    const x = 16.58232414110103292160;
    expect(formatLikePrinted(parsePrintedNumber("16.58232414110103292160ppt"), x)).toBe("16.582324141101033ppt");
    expect(Number("16.582324141101033")).toBe(x);
    // 1234.5 is exact: no digits are made up after it
    expect(formatLikePrinted(parsePrintedNumber("1234.1234567890123456"), 1234.5)).toBe("1,234.5");
  });
});
