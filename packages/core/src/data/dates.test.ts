import { describe, expect, it } from "vitest";
import { addMonths, dateProblem, dayNumber, formatDay, monthOffset, parseDate, ymd } from "./dates.js";

describe("dates", () => {
  it("parses each format and rejects impossible dates", () => {
    expect(formatDay(parseDate("2020-03-15", "YYYY-MM-DD")!)).toBe("2020-03-15");
    expect(formatDay(parseDate("15/03/2020", "DD/MM/YYYY")!)).toBe("2020-03-15");
    expect(formatDay(parseDate("03/15/2020", "MM/DD/YYYY")!)).toBe("2020-03-15");
    expect(formatDay(parseDate("2020-03", "YYYY-MM")!)).toBe("2020-03-01");
    expect(parseDate("2021-02-29")).toBeUndefined();
    expect(parseDate("2020-02-29")).toBeDefined();
    expect(parseDate("2020-13-01")).toBeUndefined();
    expect(parseDate("15/03/2020", "YYYY-MM-DD")).toBeUndefined();
    expect(parseDate("2020-3-15")).toBeUndefined();
  });

  it("says why a text is not a date: the wrong form, a month or a day that does not exist", () => {
    expect(dateProblem("2024-02-29")).toBeUndefined();
    expect(dateProblem("2024-13-45")).toBe("is not a date: there is no month 13");
    expect(dateProblem("2023-02-29")).toBe("is not a date: February 2023 has 28 days");
    expect(dateProblem("1900-02-29")).toBe("is not a date: February 1900 has 28 days"); // a century, not a leap year
    expect(dateProblem("2021-04-31")).toBe("is not a date: April 2021 has 30 days");
    expect(dateProblem("2021-04-00")).toBe("is not a date: April 2021 has 30 days");
    expect(dateProblem("31/04/2021", "DD/MM/YYYY")).toBe("is not a date: April 2021 has 30 days");
    expect(dateProblem("2021-00", "YYYY-MM")).toBe("is not a date: there is no month 0");
    expect(dateProblem("15/03/2020")).toBe("is not a YYYY-MM-DD date");
  });

  it("agrees with the JavaScript Date for every day from 1600 to 2400", () => {
    for (let day = Date.UTC(1600, 0, 1) / 86_400_000; day <= Date.UTC(2400, 11, 31) / 86_400_000; day += 1) {
      const d = new Date(day * 86_400_000);
      const want = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const got = ymd(day);
      if (got.year !== want.year || got.month !== want.month || got.day !== want.day) throw new Error(`day ${day}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      if (dayNumber(want.year, want.month, want.day) !== day) throw new Error(`dayNumber(${JSON.stringify(want)}) ≠ ${day}`);
    }
  });

  it("adds calendar months, clamping to the end of shorter months", () => {
    const d = (s: string) => parseDate(s)!;
    expect(formatDay(addMonths(d("2020-01-31"), 1))).toBe("2020-02-29");
    expect(formatDay(addMonths(d("2021-01-31"), 1))).toBe("2021-02-28");
    expect(formatDay(addMonths(d("2020-03-15"), 12))).toBe("2021-03-15");
    expect(formatDay(addMonths(d("2020-11-30"), 3))).toBe("2021-02-28");
    expect(formatDay(addMonths(d("2020-05-31"), -1))).toBe("2020-04-30");
    expect(monthOffset(d("2020-03-15"), d("2021-03-01"))).toBe(12);
    expect(monthOffset(d("2020-03-31"), d("2020-04-01"))).toBe(1);
  });
});
