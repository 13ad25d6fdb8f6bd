/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC): exact arithmetic, no time
 * zones, no daylight saving. Months are added on the calendar, clamping to the month's last day
 * (31 January + 1 month = 28 or 29 February), as R's lubridate `%m+%` and Stata's dates do.
 *
 * @example
 * parseDate("2020-03-15", "YYYY-MM-DD");      // 18336
 * formatDay(addMonths(parseDate("2020-01-31", "YYYY-MM-DD")!, 1)); // "2020-02-29"
 */
export type DateFormat = "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY" | "YYYY-MM";

export const DATE_FORMATS: readonly DateFormat[] = ["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY", "YYYY-MM"];

const PATTERNS: Record<DateFormat, RegExp> = {
  "YYYY-MM-DD": /^(\d{4})-(\d{2})-(\d{2})$/,
  "DD/MM/YYYY": /^(\d{2})\/(\d{2})\/(\d{4})$/,
  "MM/DD/YYYY": /^(\d{2})\/(\d{2})\/(\d{4})$/,
  "YYYY-MM": /^(\d{4})-(\d{2})$/,
};

/** The day number of a valid calendar date, or undefined (2021-02-30 is not a date). */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a date in the given format; a YYYY-MM month gives its first day. Undefined if invalid. */
export function parseDate(text: string, format: DateFormat = "YYYY-MM-DD"): number | undefined {
  const m = PATTERNS[format].exec(text.trim());
  if (!m) return undefined;
  switch (format) {
    case "YYYY-MM-DD":
      return dayNumber(+m[1], +m[2], +m[3]);
    case "DD/MM/YYYY":
      return dayNumber(+m[3], +m[2], +m[1]);
    case "MM/DD/YYYY":
      return dayNumber(+m[3], +m[1], +m[2]);
    case "YYYY-MM":
      return dayNumber(+m[1], +m[2], 1);
  }
}

export function ymd(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The same day of the month n months later (clamped to the month's end). */
export function addMonths(day: number, months: number): number {
  const { year, month, day: dom } = ymd(day);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return dayNumber(y, m, Math.min(dom, daysInMonth(y, m)))!;
}

/** Months from the month of `from` to the month of `to` (calendar months, ignoring days). */
export function monthOffset(from: number, to: number): number {
  const a = ymd(from);
  const b = ymd(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

export function formatDay(day: number): string {
  const { year, month, day: d } = ymd(day);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
