import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountLedger, controlGrid, gridLines, roundCount, suppressCounts } from "./disclosure.js";

const settings = { minCount: 10, roundTo: null, suppressZeros: false, results: false };

/** Every additive line has none or at least two suppressed entries. */
function safe(flags: boolean[], lines: number[][]): boolean {
  return lines.every((l) => l.filter((k) => flags[k]).length !== 1);
}

describe("primary suppression", () => {
  it("suppresses counts from 1 to min − 1, not zeros (unless asked), not the threshold itself", () => {
    expect(suppressCounts([0, 1, 9, 10, 250], [], { minCount: 10 })).toEqual([false, true, true, false, false]);
    expect(suppressCounts([0, 3], [], { minCount: 10, suppressZeros: true })).toEqual([true, true]);
  });
});

describe("secondary suppression", () => {
  it("suppresses the next-smallest cell of a row so that the total cannot give a small cell away", () => {
    // 3 + 40 + 25 = 68: 3 alone would be 68 − 40 − 25
    expect(suppressCounts([3, 40, 25, 68], [[0, 1, 2, 3]], { minCount: 10 })).toEqual([true, false, true, false]);
  });

  it("prefers a non-zero cell, then the earliest", () => {
    expect(suppressCounts([4, 0, 30, 30, 64], [[0, 1, 2, 3, 4]], { minCount: 10 })).toEqual([true, false, true, false, false]);
  });

  it("iterates across rows and columns until every line is safe (a 2 × 2 table with margins)", () => {
    //        A    B  | total
    // x      5   50  |  55
    // y     40   45  |  85
    // total 45   95  | 140
    const g = controlGrid({ cells: [[5, 50], [40, 45]], rowTotals: [55, 85], columnTotals: [45, 95], grand: 140 }, settings, { columnsAdditive: true });
    // 5 is small; its row takes 50 (smaller than the total 55), its column takes 40; then row y
    // and column B each have one suppressed, so 45 goes too: the four interior cells
    expect(g.suppressed.cells).toEqual([[true, true], [true, true]]);
    expect(g.suppressed.rowTotals).toEqual([false, false]);
    expect(g.suppressed.columnTotals).toEqual([false, false]);
    const flat = [...g.suppressed.cells.flat(), ...g.suppressed.rowTotals, ...g.suppressed.columnTotals, g.suppressed.grand];
    expect(safe(flat, gridLines(2, 2, { columnsAdditive: true }))).toBe(true);
  });

  it("does not tie the categories of a multi-response question to the base", () => {
    const g = controlGrid({ cells: [[5, 50], [40, 45]], rowTotals: [55, 85], columnTotals: [60, 70], grand: 130 }, settings, { columnsAdditive: false });
    expect(g.suppressed.cells).toEqual([[true, true], [false, false]]);
  });

  it("suppresses a small total, and then another total of the same line", () => {
    const g = controlGrid({ cells: [[3, 4], [30, 40]], rowTotals: [7, 70], columnTotals: [33, 44], grand: 77 }, settings, { columnsAdditive: true });
    expect(g.suppressed.rowTotals[0]).toBe(true);
    expect(g.suppressed.cells[0]).toEqual([true, true]);
    const flat = [...g.suppressed.cells.flat(), ...g.suppressed.rowTotals, ...g.suppressed.columnTotals, g.suppressed.grand];
    expect(safe(flat, gridLines(2, 2, { columnsAdditive: true }))).toBe(true);
  });

  it("leaves every line of any grid with none or at least two suppressed entries (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 25, maxLength: 25 }), (r, c, pool) => {
        const cells = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => pool[i * 5 + j]));
        const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
        const columnTotals = Array.from({ length: c }, (_, j) => cells.reduce((a, row) => a + row[j], 0));
        const grand = rowTotals.reduce((a, b) => a + b, 0);
        const g = controlGrid({ cells, rowTotals, columnTotals, grand }, settings, { columnsAdditive: true });
        const flat = [...g.suppressed.cells.flat(), ...g.suppressed.rowTotals, ...g.suppressed.columnTotals, g.suppressed.grand];
        const values = [...cells.flat(), ...rowTotals, ...columnTotals, grand];
        // every small count is suppressed, and no line gives one away
        return values.every((v, k) => !(v > 0 && v < 10) || flat[k]) && safe(flat, gridLines(r, c, { columnsAdditive: true }));
      }),
    );
  });
});

describe("rounding", () => {
  it("rounds counts to the nearest multiple, halves up, totals independently", () => {
    expect([0, 2, 3, 12, 13, 1262].map((n) => roundCount(n, 5))).toEqual([0, 0, 5, 10, 15, 1260]);
    expect(roundCount(7, null)).toBe(7);
    const g = controlGrid({ cells: [[12, 13]], rowTotals: [25], columnTotals: [12, 13], grand: 25 }, { ...settings, roundTo: 5 }, { columnsAdditive: true });
    expect(g.cells).toEqual([[10, 15]]);
    expect(g.grand).toBe(25);
  });
});

describe("CountLedger", () => {
  it("counts a derived, unpublished entry: non-respondents = expected − respondents", () => {
    const ledger = new CountLedger();
    const expected = ledger.add(120);
    const responded = ledger.add(114);
    const nonResponse = ledger.add(6); // never shown, but 120 − 114 would give it away
    ledger.line(expected, responded, nonResponse);
    const shown = ledger.control(settings);
    expect(shown.text(nonResponse)).toBe("[c]");
    expect(shown.text(responded)).toBe("[c]");
    expect(shown.text(expected)).toBe("120");
    expect(shown.value(responded)).toBeNull();
  });

  it("publishes everything, with thousands separators, without settings", () => {
    const ledger = new CountLedger();
    const k = ledger.add(1234);
    expect(ledger.control(null).text(k)).toBe("1,234");
  });
});
