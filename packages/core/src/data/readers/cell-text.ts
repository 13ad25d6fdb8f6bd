import { formatDay } from "../dates.js";

/**
 * The text of a value decoded from a columnar file (Parquet, Arrow), as a CSV export would hold it:
 * numbers in their shortest exact decimal form, 64-bit integers with all their digits, booleans as
 * 1/0, days as YYYY-MM-DD; null, undefined and NaN are missing (null).
 *
 * @example
 * cellText(2.5); // "2.5"   cellText(12345678901234567890n); // "12345678901234567890"   cellText(true); // "1"
 */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "number":
      return Number.isNaN(v) ? null : String(v);
    case "bigint":
      return v.toString();
    case "boolean":
      return v ? "1" : "0";
    case "string":
      return v;
  }
  if (v instanceof CalendarDay) return formatDay(v.day);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : formatDay(Math.floor(v.getTime() / 86_400_000));
  return String(v);
}

/** A calendar day (days since 1970-01-01) decoded from a DATE or TIMESTAMP column. */
export class CalendarDay {
  constructor(readonly day: number) {}
}
