import type { OutputSpec } from "../sap/types.js";

/**
 * Statistical disclosure control for released tables (docs/sap.md#disclosure-control), as secure
 * research services require before output leaves them:
 *
 * 1. primary suppression: a count of 1 to `minCount − 1` is suppressed (zeros are shown: they
 *    reveal nothing about a person that the row and column labels do not already say — set
 *    `suppressZeros` to treat them as small counts too);
 * 2. secondary suppression: published counts are tied together by additive "lines" (a row and its
 *    total, a column and its base). A line with exactly one suppressed entry would give it away by
 *    subtraction, so the smallest other entry in that line is suppressed as well (non-zero entries
 *    first, then the earliest), and this repeats until every line has none or at least two;
 * 3. optional rounding: every published count (totals rounded independently) to the nearest
 *    multiple of `roundTo`. Percentages are then computed from the rounded counts, so that no
 *    published figure says more than the published counts do.
 *
 * Anything derived from a suppressed count (its percentage, a mean over those people) is suppressed
 * with it and shown as `[c]`.
 *
 * @example
 * // a row 3 + 12 = 15 and its column totals: 3 is suppressed, so is 12, and so on down the columns
 * suppressCounts([3, 12, 15], [[0, 1, 2]], { minCount: 10 }); // [true, true, false]
 */
export interface DisclosureSettings {
  minCount: number;
  roundTo: number | null;
  suppressZeros: boolean;
  /** Also control n by arm (and the arm means) in results tables. */
  results: boolean;
}

export const SUPPRESSED = "[c]";

export function resolveDisclosure(spec: OutputSpec["disclosure"]): DisclosureSettings | null {
  if (!spec) return null;
  return { minCount: spec.min_count ?? 10, roundTo: spec.round_to ?? null, suppressZeros: spec.suppress_zeros ?? false, results: spec.results ?? false };
}

/** Whether a count is below the threshold (primary suppression). */
export function isSmall(n: number, s: Pick<DisclosureSettings, "minCount" | "suppressZeros">): boolean {
  return n < s.minCount && (n > 0 || s.suppressZeros);
}

/**
 * Primary and secondary suppression of a set of counts tied by additive lines (each line lists the
 * indices of entries of which one is the sum of the others, e.g. a row and its total). Returns a
 * flag per count.
 */
export function suppressCounts(counts: readonly number[], lines: readonly (readonly number[])[], s: Pick<DisclosureSettings, "minCount"> & Partial<Pick<DisclosureSettings, "suppressZeros">>): boolean[] {
  const settings = { minCount: s.minCount, suppressZeros: s.suppressZeros ?? false };
  const suppressed = counts.map((n) => isSmall(n, settings));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((k) => suppressed[k]).length !== 1) continue;
      const candidates = line.filter((k) => !suppressed[k]);
      if (!candidates.length) continue;
      candidates.sort((a, b) => Number(counts[a] === 0) - Number(counts[b] === 0) || counts[a] - counts[b] || a - b);
      suppressed[candidates[0]] = true;
      changed = true;
    }
  }
  return suppressed;
}

/**
 * The additive lines of an r × c grid of counts laid out as
 * `[cells row by row..., row totals (r)..., column totals (c)..., grand total]`:
 * every row with its total; every column with its total when `columnsAdditive` (not for
 * multi-response questions, whose categories overlap); the column totals with the grand total;
 * the row totals with the grand total when `columnsAdditive`.
 */
export function gridLines(r: number, c: number, options: { columnsAdditive: boolean }): number[][] {
  const cell = (i: number, j: number) => i * c + j;
  const rowTotal = (i: number) => r * c + i;
  const columnTotal = (j: number) => r * c + r + j;
  const grand = r * c + r + c;
  const lines: number[][] = [];
  for (let i = 0; i < r; i++) lines.push([...Array.from({ length: c }, (_, j) => cell(i, j)), rowTotal(i)]);
  if (options.columnsAdditive) {
    for (let j = 0; j < c; j++) lines.push([...Array.from({ length: r }, (_, i) => cell(i, j)), columnTotal(j)]);
    lines.push([...Array.from({ length: r }, (_, i) => rowTotal(i)), grand]);
  }
  lines.push([...Array.from({ length: c }, (_, j) => columnTotal(j)), grand]);
  return lines;
}

/** A count rounded to the nearest multiple of `base` (halves up); unchanged without a base. */
export function roundCount(n: number, base: number | null): number {
  if (!base || base <= 1) return n;
  return Math.round(n / base) * base;
}

/**
 * A grid of counts (categories × columns) with its row totals, column totals (bases) and grand
 * total, after disclosure control: which entries are suppressed, and the counts to publish
 * (rounded when the settings say so). Without settings nothing changes.
 */
export interface ControlledGrid {
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  grand: number;
  suppressed: { cells: boolean[][]; rowTotals: boolean[]; columnTotals: boolean[]; grand: boolean };
}

export function controlGrid(
  grid: { cells: number[][]; rowTotals: number[]; columnTotals: number[]; grand: number },
  settings: DisclosureSettings | null,
  options: { columnsAdditive: boolean },
): ControlledGrid {
  const r = grid.cells.length;
  const c = grid.columnTotals.length;
  const flat = [...grid.cells.flat(), ...grid.rowTotals, ...grid.columnTotals, grid.grand];
  const flags = settings ? suppressCounts(flat, gridLines(r, c, options), settings) : flat.map(() => false);
  const round = (n: number) => roundCount(n, settings?.roundTo ?? null);
  return {
    cells: grid.cells.map((row) => row.map(round)),
    rowTotals: grid.rowTotals.map(round),
    columnTotals: grid.columnTotals.map(round),
    grand: round(grid.grand),
    suppressed: {
      cells: grid.cells.map((_, i) => flags.slice(i * c, (i + 1) * c)),
      rowTotals: flags.slice(r * c, r * c + r),
      columnTotals: flags.slice(r * c + r, r * c + r + c),
      grand: flags[r * c + r + c],
    },
  };
}

/** The note a controlled table carries. */
export function disclosureNote(s: DisclosureSettings): string {
  const parts = [`${SUPPRESSED}: suppressed (fewer than ${s.minCount} people${s.suppressZeros ? ", zeros included" : ""}, or suppressed so that totals cannot reveal such a cell)`];
  if (s.roundTo && s.roundTo > 1) parts.push(`counts rounded to the nearest ${s.roundTo}, percentages computed from the rounded counts, so they may not add up`);
  return `Disclosure control: ${parts.join("; ")}.`;
}

/**
 * Counts tied by additive lines, collected one by one (including counts never published that a
 * reader could still work out by subtraction, such as non-respondents = eligible − respondents),
 * then controlled together. `cell` gives what to publish for an entry: `[c]`, or the (rounded)
 * count.
 *
 * @example
 * const ledger = new CountLedger();
 * const [t, c, all] = [ledger.add(8), ledger.add(0), ledger.add(8)];
 * ledger.line(t, c, all);
 * const shown = ledger.control({ minCount: 10, roundTo: null, suppressZeros: false, results: false });
 * shown.text(t); // "[c]"
 */
export class CountLedger {
  private readonly counts: number[] = [];
  private readonly lines: number[][] = [];

  add(n: number): number {
    this.counts.push(n);
    return this.counts.length - 1;
  }

  line(...entries: number[]): void {
    this.lines.push(entries);
  }

  control(settings: DisclosureSettings | null): ControlledCounts {
    const flags = settings ? suppressCounts(this.counts, this.lines, settings) : this.counts.map(() => false);
    const counts = this.counts;
    const round = (k: number) => roundCount(counts[k], settings?.roundTo ?? null);
    return {
      suppressed: (k) => flags[k],
      value: (k) => (flags[k] ? null : round(k)),
      text: (k) => (flags[k] ? SUPPRESSED : String(round(k)).replace(/\B(?=(\d{3})+(?!\d))/g, ",")),
    };
  }
}

export interface ControlledCounts {
  suppressed(entry: number): boolean;
  /** The count to publish (rounded if the SAP says so), or null when suppressed. */
  value(entry: number): number | null;
  /** The count as text with thousands separators, or `[c]`. */
  text(entry: number): string;
}
