import { describe, expect, it } from "vitest";
import { excelNumberFormat } from "./excel-number-format.js";

describe("excelNumberFormat", () => {
  it("gives the decimals, thousands separator and exponent the text shows", () => {
    expect(excelNumberFormat(2921.23, "2,921.23")).toBe("#,##0.00");
    expect(excelNumberFormat(902, "902")).toBe("0");
    expect(excelNumberFormat(1000000, "1,000,000")).toBe("#,##0");
    expect(excelNumberFormat(4, "4.0")).toBe("0.0");
    expect(excelNumberFormat(0.00012, "1.20e-4")).toBe("0.00E+00");
  });

  it("keeps text around the digits as quoted literals, so that % is a sign and not Excel's ×100", () => {
    expect(excelNumberFormat(5, "5%")).toBe('0"%"');
    expect(excelNumberFormat(902, "£902 ***")).toBe('"£"0" ***"');
    expect(excelNumberFormat(16.6, "16.6ppt")).toBe('0.0"ppt"');
  });

  it("leaves a negative number's sign to Excel, whether the text has a true minus or a hyphen", () => {
    expect(excelNumberFormat(-1.33, "−1.33")).toBe("0.00");
    expect(excelNumberFormat(-598, "-598")).toBe("0");
  });

  it("is General when the text does not show the number or cannot be a literal", () => {
    expect(excelNumberFormat(1.5, "1.4")).toBe("General");
    expect(excelNumberFormat(-1.5, "1.5")).toBe("General");
    expect(excelNumberFormat(12, '12 "units"')).toBe("General");
    expect(excelNumberFormat(12, "12 of 15")).toBe("General");
    expect(excelNumberFormat(12, "")).toBe("General");
  });

  it("shows a bound as written: the cell holds the p-value, and shows <0.001 as the report does", () => {
    expect(excelNumberFormat(0.00002, "<0.001")).toBe('"<0.001"');
    expect(excelNumberFormat(0.9999, ">0.999")).toBe('">0.999"');
  });

  it("accepts the text of a number rounded half away from zero, or a binary fraction just below the half", () => {
    expect(excelNumberFormat(2.675, "2.68")).toBe("0.00"); // 2.675 is 2.67499999… in binary
    expect(excelNumberFormat(0.125, "0.13")).toBe("0.00");
  });
});
