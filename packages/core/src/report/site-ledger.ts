import { roundTo, formatFixed } from "./decimals.js";
import { type ControlledCounts, CountLedger, type DisclosureSettings, SUPPRESSED } from "./disclosure.js";
import { type TableCell, num } from "./table-model.js";

/**
 * Disclosure control (disclosure.ts) for the tables of a single-arm evaluation, whose rows are the
 * sites and then every site together: each column of counts is tied by the line "the sites add up
 * to the total", and a count with its parts (e.g. both + start only + end only + neither = in the
 * population; with + without a job = with the outcome recorded) by a line of its own, so that no
 * suppressed count can be worked out by subtraction. What is computed from a suppressed count — a
 * rate, a mean over those people, an interval — is suppressed with it.
 *
 * Counts are collected first (`column`, `parts`), controlled once (`control`), then read as cells.
 *
 * @example
 * const ledger = new SiteLedger();
 * const n = ledger.column([3, 40, 43]);          // Site B, Site D, total
 * const shown = ledger.control({ minCount: 10, roundTo: null, suppressZeros: false, results: false });
 * shown.count(n[0]).text;                        // "[c]" (and 40 with it: 43 − 40 would give it away)
 */
export class SiteLedger {
  private readonly ledger = new CountLedger();

  /** One count per row (sites, then the total); the sites add up to the total when there are sites. */
  column(values: readonly number[]): number[] {
    const ids = values.map((v) => this.ledger.add(v));
    if (ids.length > 1) this.ledger.line(...ids);
    return ids;
  }

  /** Counts that add up, row by row, to `whole` (ids from column); adds the parts as columns. */
  parts(whole: readonly number[], parts: readonly (readonly number[])[]): number[][] {
    const ids = parts.map((p) => this.column(p));
    whole.forEach((w, k) => this.ledger.line(w, ...ids.map((p) => p[k])));
    return ids;
  }

  control(settings: DisclosureSettings | null): ShownCounts {
    return new ShownCounts(this.ledger.control(settings));
  }
}

/** The controlled counts, as table cells. */
export class ShownCounts {
  constructor(private readonly shown: ControlledCounts) {}

  suppressed(...ids: number[]): boolean {
    return ids.some((id) => this.shown.suppressed(id));
  }

  count(id: number): TableCell {
    return this.shown.suppressed(id) ? SUPPRESSED_CELL : num(this.shown.value(id), this.shown.text(id));
  }

  /** count ÷ denominator as a percentage from the published (possibly rounded) counts; suppressed with either. */
  percent(count: number, denominator: number, decimals: number): TableCell {
    if (this.suppressed(count, denominator)) return SUPPRESSED_CELL;
    const d = this.shown.value(denominator)!;
    if (d === 0) return num(null, "");
    const p = (100 * this.shown.value(count)!) / d;
    return num(roundTo(p, decimals), formatFixed(p, decimals));
  }

  /** A cell computed from these counts (a mean, an interval): suppressed with any of them. */
  derived(ids: readonly number[], cell: () => TableCell): TableCell {
    return this.suppressed(...ids) ? SUPPRESSED_CELL : cell();
  }
}

const SUPPRESSED_CELL: TableCell = { text: SUPPRESSED, value: null, suppressed: true };
