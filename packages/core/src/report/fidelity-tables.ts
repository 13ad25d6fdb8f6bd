import type { FidelityAgainstOutcomes } from "../fidelity/fidelity-outcomes.js";
import { type FidelityReview, type FidelityReviews, firstAndLast } from "../fidelity/fidelity-reviews.js";
import { IPS25_ITEMS } from "../fidelity/ips25-items.js";
import { levelKey } from "../analysis/effect-row.js";
import { formatFixed } from "./decimals.js";
import { fixedCell } from "./result-cells.js";
import { type ReportTable, type TableCell, type TableColumn, type TableRow, num, text } from "./table-model.js";

/**
 * The tables of `trialstat fidelity`:
 *
 * - `fidelityTable`: Project 100's fidelity table (McPin Foundation 2016, Table 3) — the 25 items
 *   as rows, each service's reviews as columns (Start and End for two reviews), the totals as
 *   "83 (66%)", the band, and totals without excluded items as "74/115 (64%)";
 * - `fidelityChangeTable`: each service's change from its first to its last review, item by item,
 *   with the change in total and how many items rose and fell;
 * - `fidelityOutcomesTable`: the latest fidelity beside the job outcome rate, with Spearman's ρ.
 */
const BANDS_NOTE = "Item scores: 1–5, each item has specified indicators for each score. Total scores: 115–125 exemplary fidelity; 100–114 good; 74–99 fair; 73 and below not supported employment (Bond et al. 2012).";

/** A review's column label among its service's reviews: Start and End for two, Review for one. */
function reviewLabel(k: number, count: number): string {
  if (count === 1) return "Review";
  if (k === 0) return "Start";
  if (k === count - 1) return "End";
  return `Review ${k + 1}`;
}

const percent = (p: number) => `${formatFixed(p, 0)}%`;

export function fidelityTable(reviews: FidelityReviews): ReportTable {
  const columns: { review: FidelityReview; column: TableColumn }[] = [];
  for (const service of reviews.services) {
    const own = reviews.reviews.filter((r) => r.service === service);
    own.forEach((review, k) => columns.push({ review, column: { header: [service, reviewLabel(k, own.length)] } }));
  }
  const excluded = new Set(reviews.excludedItems);
  const rows: TableRow[] = IPS25_ITEMS.map((name, k) => ({
    cells: [text(`${k + 1}${excluded.has(k + 1) ? "*" : ""}`), text(name), ...columns.map(({ review }) => num(review.items[k], String(review.items[k])))],
  }));
  rows.push({ kind: "base", cells: [text(""), text("Totals"), ...columns.map(({ review }) => num(review.total, `${review.total} (${percent(review.percent)})`))] });
  rows.push({ cells: [text(""), text("Band"), ...columns.map(({ review }) => text(review.band))] });
  if (excluded.size) {
    rows.push({
      kind: "base",
      cells: [text(""), text(`Totals without ${itemList(reviews.excludedItems)}`), ...columns.map(({ review }) => num(review.recalculated!.total, `${review.recalculated!.total}/${review.recalculated!.max} (${percent(review.recalculated!.percent)})`))],
    });
  }
  const dates = reviews.services.map((s) => `${s}: ${reviews.reviews.filter((r) => r.service === s).map((r) => r.date).join(", ")}`);
  return {
    id: "fidelity",
    title: "IPS fidelity scores at each review",
    columns: [{ header: ["", "Item"] }, { header: ["", "Fidelity item"], align: "left" }, ...columns.map((c) => c.column)],
    rows,
    notes: [
      BANDS_NOTE,
      `Reviews (by date): ${dates.join("; ")}.`,
      ...(excluded.size ? [`*: left out of the recalculated totals, out of ${5 * (25 - excluded.size)}.`] : []),
    ],
  };
}

export function fidelityChangeTable(reviews: FidelityReviews): ReportTable | null {
  const pairs = reviews.services
    .map((service) => ({ service, ...firstAndLast(reviews, service) }))
    .filter((p) => p.count > 1);
  if (!pairs.length) return null;
  const signed = (d: number): TableCell => num(d, d > 0 ? `+${d}` : formatFixed(d, 0));
  const rows: TableRow[] = IPS25_ITEMS.map((name, k) => ({ cells: [text(String(k + 1)), text(name), ...pairs.map((p) => signed(p.last.items[k] - p.first.items[k]))] }));
  rows.push({ kind: "base", cells: [text(""), text("Total"), ...pairs.map((p) => signed(p.last.total - p.first.total))] });
  rows.push({ cells: [text(""), text("Items higher at the end"), ...pairs.map((p) => num(count(p, (d) => d > 0), String(count(p, (d) => d > 0))))] });
  rows.push({ cells: [text(""), text("Items lower at the end"), ...pairs.map((p) => num(count(p, (d) => d < 0), String(count(p, (d) => d < 0))))] });
  if (reviews.excludedItems.length) {
    rows.push({ kind: "base", cells: [text(""), text(`Total without ${itemList(reviews.excludedItems)}`), ...pairs.map((p) => signed(p.last.recalculated!.total - p.first.recalculated!.total))] });
  }
  return {
    id: "fidelity-change",
    title: "Change in fidelity from the first to the last review",
    columns: [{ header: ["Item"] }, { header: ["Fidelity item"], align: "left" }, ...pairs.map((p) => ({ header: [`${p.service} (${p.first.date} to ${p.last.date})`] }))],
    rows,
    notes: ["Each item's rating at the last review minus that at the first (−4 to +4); the total's change is out of 125."],
  };
}

function count(p: { first: FidelityReview; last: FidelityReview }, test: (d: number) => boolean): number {
  return p.last.items.filter((v, k) => test(v - p.first.items[k])).length;
}

export function fidelityOutcomesTable(relation: FidelityAgainstOutcomes): ReportTable {
  const level = relation.rows.find((r) => r.interval)?.interval?.level ?? 0.95;
  const notes = [
    relation.rho === null
      ? `Spearman's rank correlation needs at least 3 services with both reviews and outcomes, and variation in each (${relation.n} here).`
      : `Spearman's rank correlation between the latest fidelity total and the job outcome rate across ${relation.n} services: ρ = ${formatFixed(relation.rho, 2)} (descriptive: no p-value with so few services).`,
    "Job outcome rate: people who started a job ÷ people supported, over every period of the outcomes file, with the Wilson interval (R's prop.test(x, n, correct = FALSE)).",
  ];
  if (relation.reviewsOnly.length) notes.push(`Reviewed but without outcomes: ${relation.reviewsOnly.join(", ")}.`);
  if (relation.outcomesOnly.length) notes.push(`With outcomes but not reviewed: ${relation.outcomesOnly.join(", ")}.`);
  return {
    id: "fidelity-outcomes",
    title: "Fidelity and job outcomes by service",
    columns: [
      { header: ["Service"] },
      { header: ["Latest review", "Date"] },
      { header: ["Latest review", "Total"] },
      { header: ["Latest review", "%"] },
      { header: ["Latest review", "Band"], align: "left" },
      { header: ["Job outcomes", "People"] },
      { header: ["Job outcomes", "Jobs"] },
      { header: ["Job outcomes", "Rate (%)"] },
      { header: ["Job outcomes", `${levelKey(level)}% CI`] },
    ],
    rows: relation.rows.map((r) => ({
      cells: [
        text(r.service),
        text(r.date),
        num(r.total, String(r.total)),
        fixedCell(r.percent, 0),
        text(r.band),
        num(r.people, String(r.people)),
        num(r.jobs, String(r.jobs)),
        fixedCell(r.rate === null ? null : r.rate * 100, 1),
        text(r.interval ? `[${formatFixed(r.interval.low * 100, 1)}, ${formatFixed(r.interval.high * 100, 1)}]` : ""),
      ],
    })),
    notes,
  };
}

/**
 * Item numbers in words: "item 7", "items 1, 2 and 5", "items 1–24" (three or more consecutive items
 * as a range).
 */
export function itemList(items: readonly number[]): string {
  const sorted = [...new Set(items)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let j = 0; j < sorted.length; ) {
    let k = j;
    while (k + 1 < sorted.length && sorted[k + 1] === sorted[k] + 1) k++;
    if (k - j >= 2) parts.push(`${sorted[j]}–${sorted[k]}`);
    else parts.push(...sorted.slice(j, k + 1).map(String));
    j = k + 1;
  }
  const words = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `${sorted.length === 1 ? "item" : "items"} ${words}`;
}
