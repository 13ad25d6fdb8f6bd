import { type DataTable, cellSourceText, missingColumnHint } from "../data/table.js";
import { dateProblem, formatDay, parseDate } from "../data/dates.js";
import { inputError, quoteValue } from "../errors.js";
import { ips25 } from "../instruments/ips25.js";

/**
 * IPS fidelity reviews scored with the IPS-25 (instruments/ips25.ts): one review per row — a
 * service (or employment specialist, or team), the date of the review, and the 25 item ratings —
 * each scored as the sum of its ratings (25–125), that as a percentage of 125, and its band
 * (115–125 exemplary, 100–114 good, 74–99 fair, 73 and below not supported employment: Bond et al.
 * 2012, as Project 100's table states them).
 *
 * `excludeItems` also scores every review without some items, out of 5 × the items kept — as
 * Project 100 recalculated its totals without items 10 and 21, which its reviewers had scored
 * differently at the start and the end. The band stays that of the full score (the bands are
 * defined on the 25-item total).
 *
 * Every rating must be a whole number from 1 to 5 and none may be missing (the IPS-25 allows none);
 * a date must be a real YYYY-MM-DD date; a service reviewed twice on one date is an error. Each is
 * reported at its file line and column.
 *
 * @example
 * // reviews.csv: service,date,ips25_1,…,ips25_25 / PP,2015-03-01,1,3,5,1,1,5,4,4,3,4,2,5,5,3,1,5,1,4,5,5,5,4,4,1,2
 * fidelityReviews(table).reviews[0]; // { service: "PP", date: "2015-03-01", total: 83, percent: 66.4, band: "fair", … }
 */
export interface FidelityReview {
  service: string;
  date: string;
  /** The 25 ratings, item 1 first. */
  items: number[];
  total: number;
  /** total / 125 × 100. */
  percent: number;
  band: string;
  /** Without the excluded items: their sum, its maximum (5 × items kept) and percentage; null when none are excluded. */
  recalculated: { total: number; max: number; percent: number } | null;
  /** The review's line in its file. */
  line: number;
}

export interface FidelityReviews {
  /** By service (in order of first appearance), then by date. */
  reviews: FidelityReview[];
  services: string[];
  /** Item numbers (1–25) left out of the recalculated scores. */
  excludedItems: number[];
}

export interface FidelityOptions {
  /** The service column (default "service"). */
  service?: string;
  /** The review date column, YYYY-MM-DD (default "date"). */
  date?: string;
  /** The 25 item columns in item order (default ips25_1 … ips25_25). */
  items?: readonly string[];
  /** Item numbers to leave out of a recalculated score (e.g. [10, 21]). */
  excludeItems?: readonly number[];
}

const ITEM_COUNT = 25;

export function fidelityReviews(table: DataTable, options: FidelityOptions = {}): FidelityReviews {
  const file = table.source;
  const serviceName = options.service ?? "service";
  const dateName = options.date ?? "date";
  const itemNames = options.items ?? Array.from({ length: ITEM_COUNT }, (_, k) => `${ips25.id}_${k + 1}`);
  if (itemNames.length !== ITEM_COUNT) {
    throw inputError(`the IPS-25 has ${ITEM_COUNT} items, but ${itemNames.length} item columns were named`, { hint: "name the 25 item columns in item order" });
  }
  const excluded = [...new Set(options.excludeItems ?? [])].sort((a, b) => a - b);
  const bad = excluded.find((k) => !(Number.isInteger(k) && k >= 1 && k <= ITEM_COUNT));
  if (bad !== undefined) throw inputError(`item ${bad} is not an item of the IPS-25 (items are numbered 1 to ${ITEM_COUNT})`, { hint: "e.g. exclude items 10 and 21, as Project 100 did" });
  if (excluded.length === ITEM_COUNT) throw inputError("every item is excluded: nothing is left to score", { hint: "exclude a few items at most" });
  for (const name of [serviceName, dateName, ...itemNames]) {
    if (!table.hasColumn(name)) throw inputError(`${file} has no column "${name}"`, { location: { file, line: 1 }, hint: missingColumnHint(name, table.columnNames) });
  }
  if (table.nRows === 0) throw inputError(`${file} has a header but no reviews`, { location: { file, line: 1 }, hint: "one row per review: service, date and the 25 ratings" });

  const service = table.column(serviceName);
  const date = table.column(dateName);
  const items = itemNames.map((name) => table.column(name));
  const bands = ips25.scales[0].bands!;
  const reviews: FidelityReview[] = [];
  const seen = new Map<string, number>();
  for (let row = 0; row < table.nRows; row++) {
    const line = table.lineOf(row);
    const at = (column: string) => ({ file, line, column });
    const who = cellSourceText(service, row).trim();
    if (who === "") throw inputError("the service is missing", { location: at(serviceName), hint: "every review names the service (or specialist, or team) it reviewed" });
    const when = cellSourceText(date, row).trim();
    const day = parseDate(when);
    if (day === undefined) throw inputError(`the review date ${quoteValue(when)} ${dateProblem(when) ?? "is missing"}`, { location: at(dateName), hint: "write review dates as YYYY-MM-DD" });
    const key = `${who}\u0000${day}`;
    if (seen.has(key)) throw inputError(`${who} has two reviews dated ${formatDay(day)} (also line ${seen.get(key)})`, { location: at(dateName), hint: "one review per service and date: remove the duplicate, or correct its date" });
    seen.set(key, line);
    const ratings = items.map((column, k) => {
      const text = cellSourceText(column, row).trim();
      const v = Number(text);
      if (text === "" || !(Number.isInteger(v) && v >= 1 && v <= 5)) {
        throw inputError(`item ${k + 1} of ${who}'s review of ${formatDay(day)} is ${text === "" ? "missing" : quoteValue(text)}; IPS-25 items are rated 1 to 5`, {
          location: at(itemNames[k]),
          hint: "every item of a review needs a rating from 1 to 5 (the IPS-25 allows none missing)",
        });
      }
      return v;
    });
    const total = ratings.reduce((s, v) => s + v, 0);
    const kept = ratings.filter((_, k) => !excluded.includes(k + 1));
    const keptTotal = kept.reduce((s, v) => s + v, 0);
    reviews.push({
      service: who,
      date: formatDay(day),
      items: ratings,
      total,
      percent: (total * 100) / 125,
      band: bands.find((b) => total >= b.min && total <= b.max)!.label,
      recalculated: excluded.length ? { total: keptTotal, max: 5 * kept.length, percent: (keptTotal * 100) / (5 * kept.length) } : null,
      line,
    });
  }
  const services = [...new Set(reviews.map((r) => r.service))];
  reviews.sort((a, b) => services.indexOf(a.service) - services.indexOf(b.service) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { reviews, services, excludedItems: excluded };
}

/** A service's first and last review (the same one when it was reviewed once), and how many it had. */
export function firstAndLast(reviews: FidelityReviews, service: string): { first: FidelityReview; last: FidelityReview; count: number } {
  const own = reviews.reviews.filter((r) => r.service === service);
  return { first: own[0], last: own[own.length - 1], count: own.length };
}
