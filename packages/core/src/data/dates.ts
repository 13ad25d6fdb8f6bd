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

const PATTERNS: Record<DateFormat, RegExp> = {
  "YYYY-MM-DD": /^(\d{4})-(\d{2})-(\d{2})$/,
  "DD/MM/YYYY": /^(\d{2})\/(\d{2})\/(\d{4})$/,
  "MM/DD/YYYY": /^(\d{2})\/(\d{2})\/(\d{4})$/,
  "YYYY-MM": /^(\d{4})-(\d{2})$/,
};

/** The day number of a valid calendar date, or undefined (2021-02-30 is not a date). */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by integer arithmetic (H. Hinnant,
 * "chrono-Compatible Low-Level Date Algorithms", days_from_civil) — no Date objects, which matters
 * when ten million monthly records are dated.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Parses a date in the given format; a YYYY-MM month gives its first day. Undefined if invalid. */
export function parseDate(text: string, format: DateFormat = "YYYY-MM-DD"): number | undefined {
  const parts = dateParts(text, format);
  return parts && dayNumber(parts.year, parts.month, parts.day);
}

/**
 * Why a text is not a date in the format, as the end of a sentence that starts with the value:
 * `is not a YYYY-MM-DD date` when it is written otherwise, `is not a date: there is no month 13`,
 * `is not a date: February 2023 has 28 days` when it is written right but no such day exists.
 * Undefined when it is a date.
 *
 * @example
 * dateProblem("2024-13-45"); // "is not a date: there is no month 13"
 */
export function dateProblem(text: string, format: DateFormat = "YYYY-MM-DD"): string | undefined {
  const parts = dateParts(text, format);
  if (!parts) return `is not a ${format} date`;
  const { year, month, day } = parts;
  if (month < 1 || month > 12) return `is not a date: there is no month ${month}`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return undefined;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Year, month and day as written (not yet checked against the calendar), or undefined if the text is not in the format. */
function dateParts(text: string, format: DateFormat): { year: number; month: number; day: number } | undefined {
  const m = PATTERNS[format].exec(text.trim());
  if (!m) return undefined;
  switch (format) {
    case "YYYY-MM-DD":
      return { year: +m[1], month: +m[2], day: +m[3] };
    case "DD/MM/YYYY":
      return { year: +m[3], month: +m[2], day: +m[1] };
    case "MM/DD/YYYY":
      return { year: +m[3], month: +m[1], day: +m[2] };
    case "YYYY-MM":
      return { year: +m[1], month: +m[2], day: 1 };
  }
}

/** The calendar date of a day number (Hinnant's civil_from_days, the inverse of daysFromCivil). */
export function ymd(day: number): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** Months since January 1970 of the month a day falls in (for month arithmetic on monthly records). */
export function monthIndex(day: number): number {
  const { year, month } = ymd(day);
  return year * 12 + month - 1;
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
  return monthIndex(to) - monthIndex(from);
}

export function formatDay(day: number): string {
  const { year, month, day: d } = ymd(day);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
