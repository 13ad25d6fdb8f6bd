import { levelKey } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { formatSignificant } from "../report/format-number.js";
import { tableLevel } from "../report/table-level.js";
import { cellTarget } from "./cell-target.js";
import { formatLikePrinted } from "./printed-style.js";
import type { PublishedCell, PublishedTable } from "./published-table.js";
import type { ReproductionSettings } from "./reproduction-settings.js";
import { findRow } from "./result-lookup.js";
import { roundingVerdict } from "./rounding-verdict.js";
import { starConventionText, starRange, starsFor } from "./star-convention.js";

/**
 * A published table judged against recomputed results, cell by cell (docs/reproduce.md):
 *
 * - `reproduced`: the recomputed value rounds to the printed text (rounding-verdict.ts); stars:
 *   the p-value lies in the printed mark's range;
 * - `rounding`: it rounds to a neighbour of the printed number, one off in the last digit;
 * - `not_reproduced`: otherwise — with the recomputed value, the difference (recomputed − printed,
 *   in the printed unit) and that difference in standard errors of the estimate (for effects);
 * - `not_found`: the results have no such population, outcome, subgroup level or value (a note
 *   says which).
 *
 * An interval is judged at both ends, and takes the worse verdict of the two.
 *
 * @example
 * const r = reproduceTable(parsePublishedTable(text, "published.csv"), results, reproductionSettings(table));
 * r.summary; // { cells: 28, reproduced: 28, rounding: 0, not_reproduced: 0, not_found: 0, all_reproduced: true, … }
 */
export type Verdict = "reproduced" | "rounding" | "not_reproduced" | "not_found";

export const VERDICTS: readonly Verdict[] = ["reproduced", "rounding", "not_reproduced", "not_found"];

/** A published cell (its line, population, outcome, subgroup and level as typed, statistic, printed text) and its verdict. */
export interface ReproducedCell extends Omit<PublishedCell, "value"> {
  verdict: Verdict;
  /** The value compared, in the printed unit (27.3 for "27%"); both ends of an interval; the p-value of stars. */
  recomputed: number | [number, number] | null;
  /** The recomputed value as the cell was printed, two places more ("3.480ppt"); stars: the marks earned and p. */
  recomputed_text: string | null;
  /** recomputed − printed, in the printed unit. */
  difference: number | [number, number] | null;
  /** The difference in standard errors of the effect (effects, intervals and effect sizes). */
  difference_se: number | [number, number] | null;
  /** Why a cell was not found, or which stars the p-value earns. */
  note: string | null;
  /** The population and outcome ids the typed names matched (null: not found). */
  population_id: string | null;
  outcome_id: string | null;
}

export interface ReproductionSummary {
  cells: number;
  reproduced: number;
  rounding: number;
  not_reproduced: number;
  not_found: number;
  all_reproduced: boolean;
  /** The star convention cells were judged by, e.g. "* p < 0.1, ** p < 0.05, *** p < 0.01". */
  stars: string;
  /** The confidence level of the intervals compared. */
  confidence: number;
}

export interface Reproduction {
  /** The published file. */
  published: string;
  cells: ReproducedCell[];
  summary: ReproductionSummary;
}

export function reproduceTable(table: PublishedTable, results: ResultsDocument, settings: ReproductionSettings): Reproduction {
  // a results.json without its settings (written by hand, or by an old version): 95%
  const confidence = settings.confidence ?? (results.settings?.levels?.length ? tableLevel(results) : 0.95);
  const cells = table.cells.map((cell) => judgeCell(cell, results, settings, confidence));
  const count = (v: Verdict) => cells.filter((c) => c.verdict === v).length;
  return {
    published: table.file,
    cells,
    summary: {
      cells: cells.length,
      reproduced: count("reproduced"),
      rounding: count("rounding"),
      not_reproduced: count("not_reproduced"),
      not_found: count("not_found"),
      all_reproduced: cells.every((c) => c.verdict === "reproduced"),
      stars: starConventionText(settings.stars),
      confidence,
    },
  };
}

function judgeCell(cell: PublishedCell, results: ResultsDocument, settings: ReproductionSettings, confidence: number): ReproducedCell {
  const base = { line: cell.line, population: cell.population, outcome: cell.outcome, subgroup: cell.subgroup, level: cell.level, statistic: cell.statistic, printed: cell.printed };
  const lookup = findRow(results, cell);
  const ids = { population_id: lookup.population, outcome_id: lookup.outcome };
  const notFound = (note: string): ReproducedCell => ({ ...base, verdict: "not_found", recomputed: null, recomputed_text: null, difference: null, difference_se: null, note, ...ids });
  if (!lookup.row) return notFound(lookup.note);
  const value = cell.value;
  const first = value.kind === "number" ? value.number : value.kind === "interval" ? value.low : null;
  // stars are judged by the p-value, whatever the printed unit
  const target = cellTarget(lookup.row, cell.statistic, first ?? { unit: null, currency: null }, confidence);
  if (!target.found) return notFound(target.note);

  if (value.kind === "stars") {
    const p = target.values[0];
    const earned = starsFor(settings.stars, p);
    const range = starRange(settings.stars, value.stars)!;
    const verdict = p < range.below && p >= range.atLeast ? "reproduced" : "not_reproduced";
    const pText = `p = ${formatSignificant(p, 3)}`;
    return {
      ...base,
      verdict,
      recomputed: p,
      recomputed_text: `${earned || "none"} (${pText})`,
      difference: null,
      difference_se: null,
      note: verdict === "reproduced" ? null : `${pText} earns ${earned ? earned : "no mark"} (${starConventionText(settings.stars)})`,
      ...ids,
    };
  }

  const printed = value.kind === "number" ? [value.number] : [value.low, value.high];
  const judged = printed.map((n, k) => ({ n, x: target.values[k], ...roundingVerdict(n, target.values[k], target.exact) }));
  const worst = judged.map((j) => j.verdict).sort((a, b) => VERDICTS.indexOf(b) - VERDICTS.indexOf(a))[0];
  const pick = <T>(f: (j: (typeof judged)[number]) => T): T | [T, T] => (judged.length === 1 ? f(judged[0]) : [f(judged[0]), f(judged[1])]);
  const se = target.se;
  const text = judged.map((j) => formatLikePrinted(j.n, j.x, target.exact ? 0 : 2));
  return {
    ...base,
    verdict: worst,
    recomputed: pick((j) => j.x),
    recomputed_text: value.kind === "interval" ? `(${text[0]} to ${text[1]})` : text[0],
    difference: pick((j) => j.difference),
    difference_se: se !== null && se > 0 ? pick((j) => j.difference / se) : null,
    note: cell.statistic.startsWith("conf") || cell.statistic === "interval" ? `${levelKey(confidence)}% interval` : null,
    ...ids,
  };
}
