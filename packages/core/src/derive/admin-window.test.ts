import { describe, expect, it } from "vitest";
import { parseDate } from "../data/dates.js";
import { readJson } from "../../../../test/helpers.js";
import { windowOutcome } from "./admin-window.js";

const day = (s: string) => parseDate(s)!;
const month = (s: string) => parseDate(s, "YYYY-MM")!;

/** One participant randomised on `randomised`, with the given records. */
function one(randomised: string, records: { date: number; value: number }[], options: Partial<Parameters<typeof windowOutcome>[0]> & { monthly?: boolean } = {}) {
  return windowOutcome({
    dates: Float64Array.from(records, (r) => r.date),
    monthly: options.monthly ?? false,
    values: Float64Array.from(records, (r) => r.value),
    randomisedOn: Float64Array.of(day(randomised)),
    window: options.window ?? { months: 12 },
    measure: options.measure ?? "sum",
    condition: options.condition,
    atLeast: options.atLeast,
    absent: options.absent,
    records: { offsets: Int32Array.of(0, records.length), rows: Int32Array.from(records, (_, i) => i) },
  }).values[0];
}

describe("administrative windows: day-dated records, [d, d + 12 months)", () => {
  it("counts the randomisation day and excludes the day 12 months later", () => {
    expect(one("2020-03-15", [{ date: day("2020-03-15"), value: 1 }])).toBe(1);
    expect(one("2020-03-15", [{ date: day("2020-03-14"), value: 1 }])).toBe(0);
    expect(one("2020-03-15", [{ date: day("2021-03-14"), value: 1 }])).toBe(1);
    expect(one("2020-03-15", [{ date: day("2021-03-15"), value: 1 }])).toBe(0);
  });

  it("clamps at month ends: randomised 31 Aug 2019, a 6-month window ends on 29 Feb 2020", () => {
    const opts = { window: { months: 6 } };
    expect(one("2019-08-31", [{ date: day("2020-02-28"), value: 1 }], opts)).toBe(1);
    expect(one("2019-08-31", [{ date: day("2020-02-29"), value: 1 }], opts)).toBe(0);
  });

  it("opens later with start: months 12–24", () => {
    const opts = { window: { months: 12, start: 12 } };
    expect(one("2020-01-10", [{ date: day("2021-01-09"), value: 5 }], opts)).toBe(0);
    expect(one("2020-01-10", [{ date: day("2021-01-10"), value: 5 }], opts)).toBe(5);
    expect(one("2020-01-10", [{ date: day("2022-01-10"), value: 5 }], opts)).toBe(0);
  });
});

describe("administrative windows: monthly records, the 12 months after the month of randomisation", () => {
  const opts = { monthly: true };
  it("excludes the month of randomisation and includes month 12", () => {
    expect(one("2020-03-31", [{ date: month("2020-03"), value: 1 }], opts)).toBe(0);
    expect(one("2020-03-01", [{ date: month("2020-03"), value: 1 }], opts)).toBe(0);
    expect(one("2020-03-15", [{ date: month("2020-04"), value: 1 }], opts)).toBe(1);
    expect(one("2020-03-15", [{ date: month("2021-03"), value: 1 }], opts)).toBe(1);
    expect(one("2020-03-15", [{ date: month("2021-04"), value: 1 }], opts)).toBe(0);
  });

  it("crosses the year end", () => {
    expect(one("2019-12-20", [{ date: month("2020-01"), value: 2 }, { date: month("2020-12"), value: 3 }, { date: month("2021-01"), value: 7 }], opts)).toBe(5);
  });

  it("counts distinct months, so two employers in one month are one month employed", () => {
    const recs = [
      { date: month("2020-05"), value: 4 },
      { date: month("2020-05"), value: 2 },
      { date: month("2020-06"), value: 0 },
      { date: month("2020-07"), value: 1 },
    ];
    expect(one("2020-04-02", recs, { ...opts, measure: "count" })).toBe(2);
    expect(one("2020-04-02", recs, { ...opts, measure: "count", condition: { atLeast: 2 } })).toBe(1);
    expect(one("2020-04-02", recs, { ...opts, measure: "any" })).toBe(1);
  });

  it("turns a sum into a binary outcome at a threshold, at and past it", () => {
    const recs = (total: number) => [{ date: month("2020-05"), value: total }];
    expect(one("2020-04-02", recs(12.9), { ...opts, atLeast: 13 })).toBe(0);
    expect(one("2020-04-02", recs(13), { ...opts, atLeast: 13 })).toBe(1);
  });

  it("gives 0 with no records, or missing when asked; a missing value makes a sum missing", () => {
    expect(one("2020-04-02", [], opts)).toBe(0);
    expect(one("2020-04-02", [], { ...opts, absent: "missing" })).toBeNaN();
    expect(one("2020-04-02", [{ date: month("2020-05"), value: NaN }, { date: month("2020-06"), value: 3 }], opts)).toBeNaN();
  });
});

describe("sums over records with a missing value (test/oracle/sums-and-quantiles.R: R's aggregate)", () => {
  const oracle = readJson<{ sums: { records: { id: string[]; value: (number | null)[] }; participants: string[]; skip: (number | null)[]; missing: (number | null)[] } }>(
    "test/oracle/sums-and-quantiles.json",
  ).sums;
  // every record dated inside its participant's window; absent: missing, so that a participant
  // without usable records is missing, as aggregate() leaves them out
  const rows = oracle.participants.map((p) => oracle.records.id.flatMap((id, row) => (id === p ? [row] : [])));
  const offsets = Int32Array.from({ length: rows.length + 1 }, (_, k) => rows.slice(0, k).flat().length);
  const input = (missing: "skip" | "missing" | undefined) =>
    windowOutcome({
      dates: Float64Array.from(oracle.records.id, () => day("2020-06-01")),
      monthly: false,
      values: Float64Array.from(oracle.records.value, (v) => v ?? NaN),
      randomisedOn: Float64Array.from(oracle.participants, () => day("2020-01-01")),
      window: { months: 12 },
      measure: "sum",
      absent: "missing",
      missing,
      records: { offsets, rows: Int32Array.from(rows.flat()) },
    });
  const nullable = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

  it("skip: leaves the records out before summing, as aggregate(value ~ id, FUN = sum) (na.action = na.omit)", () => {
    const out = input("skip");
    expect(nullable(out.values)).toEqual(oracle.skip);
    // P1 (one of three), P3 (its only record) and P4 (both records) had missing values
    expect([out.missingValue, out.recordsMissingValue]).toEqual([3, 4]);
    // P3 and P4 are left with no records, as is P6
    expect(out.noRecords).toBe(3);
  });

  it("missing (the default): a missing value makes the total missing, as aggregate(..., na.action = na.pass)", () => {
    const out = input("missing");
    expect(nullable(out.values)).toEqual(oracle.missing);
    expect([out.missingValue, out.recordsMissingValue, out.noRecords]).toEqual([3, 4, 1]);
    expect(nullable(input(undefined).values)).toEqual(oracle.missing);
  });
});
