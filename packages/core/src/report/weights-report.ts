import type { BalanceRow, WeightSummary } from "../weights/diagnostics.js";
import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { percentileName } from "../weights/trim.js";
import { alignColumns, formatSignificant } from "./format-number.js";
import { markdownTable, markdownText } from "./markdown.js";
import { formatCount, formatFixed, roundTo } from "./decimals.js";
import { CountLedger, SUPPRESSED, disclosureNote } from "./disclosure.js";
import { fixedCell } from "./result-cells.js";
import { capitalise } from "./results-tables.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableCell, num, slug, text } from "./table-model.js";

/**
 * Non-response weight diagnostics for people: a terminal table (`weightDiagnosticsTable`) and a
 * Markdown report (`weightDiagnosticsMarkdown`) with the same sections —
 *
 * 1. response by cell in the layout of HLT Table 6.2: one column per `within` cell, the levels of
 *    each `within` variable stacked in the header, then eligible, respondents and response rate (%);
 * 2. the weights in each cell and overall: n, min, quartiles, max, CV, Kish design effect, effective
 *    n, and what trimming did;
 * 3. balance: standardised mean differences of each covariate between respondents and everyone
 *    eligible, before and after weighting.
 *
 * The Markdown report adds the balance in each cell and, for `logit`, each cell's propensity model,
 * and lists the warnings; the terminal table leaves them to the caller, which prints them as warnings
 * (the CLI on standard error, kept with --quiet when the table is not).
 */
export function weightDiagnosticsTable(d: WeightDiagnostics): string {
  const out: string[] = [...headline(d), ""];
  out.push("Response by cell (HLT Table 6.2 layout)");
  out.push(...alignColumns(responseGrid(d)), "");
  out.push(`Weights (${weightsCaption(d)})`);
  out.push(...alignColumns([SUMMARY_HEADER(d), ...summaryRows(d)]), ...trimNote(d), "");
  out.push("Balance with everyone eligible (standardised mean differences, SD of the eligible)");
  out.push(...alignColumns([BALANCE_HEADER, ...balanceRows(d.balance.filter((b) => b.cell === null))]));
  return `${out.join("\n")}\n`;
}

export function weightDiagnosticsMarkdown(d: WeightDiagnostics): string {
  const out: string[] = ["# Non-response weights", "", ...headline(d).map((l) => `${markdownText(l)}  `), ""];
  out.push("## Response by cell", "", "Layout of HLT Table 6.2: one column per cell.", "");
  const grid = responseGrid(d);
  out.push(markdownTable(grid[0], grid.slice(1)), "");
  out.push("## Weights", "", `${capitalise(weightsCaption(d))}.`, "");
  out.push(markdownTable(SUMMARY_HEADER(d), summaryRows(d)), "", ...trimNote(d).flatMap((l) => [l, ""]));
  out.push("## Balance", "", "Standardised mean difference between respondents and everyone eligible (SD of the eligible), before and after weighting.", "");
  out.push(markdownTable(BALANCE_HEADER, balanceRows(d.balance.filter((b) => b.cell === null))), "");
  if (d.cells.length > 1 && d.balance.some((b) => b.cell !== null)) {
    out.push("### Balance in each cell", "", "SMD before → after weighting.", "");
    const keys = d.balance.filter((b) => b.cell === null).map((b) => [b.covariate, b.level] as const);
    const rows = keys.map(([covariate, level]) => [
      label(covariate, level),
      ...d.cells.map((c) => {
        const b = d.balance.find((x) => x.cell === c.label && x.covariate === covariate && x.level === level);
        return b ? `${fmt(b.smdUnweighted, 2)} → ${fmt(b.smdWeighted, 2)}` : "–";
      }),
    ]);
    out.push(markdownTable(["covariate", ...d.cells.map((c) => c.label)], rows), "");
  }
  if (d.method === "logit") {
    const terms = [...new Set(d.cells.flatMap((c) => c.model?.terms ?? []))];
    if (terms.length) {
      out.push("## Propensity models", "", "Logit coefficients of response in each cell (– not in that cell's model; NA aliased).", "");
      const rows = terms.map((t) => [
        t,
        ...d.cells.map((c) => {
          const j = c.model?.terms.indexOf(t) ?? -1;
          return j < 0 ? "–" : fmt(c.model!.coefficients[j]);
        }),
      ]);
      out.push(markdownTable(["term", ...d.cells.map((c) => c.label)], rows), "");
    }
  }
  if (d.method === "cells") {
    out.push("## Weighting classes", "");
    const rows = d.cells.flatMap((c) => (c.classes ?? []).map((k) => [k.label, count(k.eligible), count(k.respondents), fmt(k.eligible / k.respondents)]));
    out.push(markdownTable(["class", "eligible", "respondents", "raw weight"], rows), "");
  }
  if (d.warnings.length) out.push("## Warnings", "", ...d.warnings.map((w) => `- ${markdownText(w)}`), "");
  return `${out.join("\n").trimEnd()}\n`;
}

const METHOD: Record<WeightDiagnostics["method"], string> = {
  logit: "logistic regression of response (1/p̂)",
  cells: "weighting classes (inverse response rate)",
  rake: "raking to the eligible margins",
};

function headline(d: WeightDiagnostics): string[] {
  const lines = [
    `Non-response weights for ${d.response}: ${METHOD[d.method]}${d.covariates.length ? ` on ${d.covariates.join(", ")}` : ""}, within ${d.within.length ? d.within.join(" × ") : "all rows"}`,
    `${count(d.rows)} rows, ${count(d.eligible)} eligible, ${count(d.respondents)} responded (${pct(d.responseRate)}%)`,
  ];
  if (d.rake) lines.push(`Raking: tolerance ${d.rake.tolerance}, at most ${d.rake.maxIterations} iterations`);
  for (const m of d.missingCovariates) lines.push(`Missing ${m.covariate} (${count(m.nMissing)} eligible): ${m.handling}`);
  return lines;
}

function weightsCaption(d: WeightDiagnostics): string {
  const parts = ["rescaled to mean 1 among the respondents of each cell"];
  if (d.trim) {
    const caps = [d.trim.cap !== null ? `${d.trim.cap}` : "", d.trim.percentile !== null ? percentileName(d.trim.percentile) : ""].filter(Boolean);
    parts.push(`trimmed at ${caps.join(" or ")}${caps.length > 1 ? ", whichever is lower" : ""}`);
  }
  return parts.join("; ");
}

function responseGrid(d: WeightDiagnostics): string[][] {
  const header = d.within.length
    ? d.within.map((name, v) => [name, ...d.cells.map((c) => c.values[v]), v === 0 ? "Total" : ""])
    : [["", "All rows", "Total"]];
  const row = (name: string, f: (c: { eligible: number; respondents: number; responseRate: number }) => string) => [name, ...d.cells.map(f), f(d)];
  return [
    ...header,
    row("Eligible", (c) => count(c.eligible)),
    row("Respondents", (c) => count(c.respondents)),
    row("Response rate (%)", (c) => pct(c.responseRate)),
  ];
}

const SUMMARY_HEADER = (d: WeightDiagnostics) => [
  "cell",
  "n",
  "min",
  "Q1",
  "median",
  "Q3",
  "max",
  "CV",
  "deff",
  "eff. n",
  ...(d.trim?.percentile != null ? ["cap"] : []),
  ...(d.trim ? TRIM_HEADER : []),
  ...(d.method === "rake" ? ["iterations"] : []),
];

function summaryRows(d: WeightDiagnostics): string[][] {
  const stats = (s: WeightSummary) => [count(s.n), fmt(s.min), fmt(s.q1), fmt(s.median), fmt(s.q3), fmt(s.max), fmt(s.cv), fmt(s.designEffect), fmt(s.effectiveN)];
  return [
    ...d.cells.map((c) => [
      c.label,
      ...stats(c.summary),
      ...(d.trim?.percentile != null ? [c.trim ? fmt(c.trim.cap) : ""] : []),
      ...(d.trim ? (c.trim ? [String(c.trim.nAboveCap), String(c.trim.nAtCap)] : ["", ""]) : []),
      ...(d.method === "rake" ? [String(c.rakeIterations)] : []),
    ]),
    ...(d.cells.length > 1
      ? [
          [
            "All",
            ...stats(d.summary),
            ...(d.trim?.percentile != null ? [""] : []),
            ...(d.trim ? trimTotals(d).map(String) : []),
            ...(d.method === "rake" ? [""] : []),
          ],
        ]
      : []),
  ];
}

/**
 * Trimming's two counts: the weights that exceeded the cap before trimming, and those at the cap
 * after it — more, when spreading the excess over the rest lifts some to the cap (a cell can show 5
 * and 6, and its CSV six weights equal to the cap).
 */
const TRIM_HEADER = ["exceeded cap", "at cap after"];

function trimNote(d: WeightDiagnostics): string[] {
  return d.trim
    ? ["Exceeded cap: weights above the cap before trimming. At cap after: weights equal to the cap after trimming — those, and any that spreading their excess over the other weights lifted to it."]
    : [];
}

/** The two counts of every cell together. */
function trimTotals(d: WeightDiagnostics): [number, number] {
  return [d.cells.reduce((n, c) => n + (c.trim?.nAboveCap ?? 0), 0), d.cells.reduce((n, c) => n + (c.trim?.nAtCap ?? 0), 0)];
}

const BALANCE_HEADER = ["covariate", "eligible", "respondents", "weighted", "SMD before", "SMD after"];

function balanceRows(rows: readonly BalanceRow[]): string[][] {
  return rows.map((b) => [label(b.covariate, b.level), fmt(b.eligibleMean), fmt(b.respondentMean), fmt(b.weightedMean), fmt(b.smdUnweighted, 2), fmt(b.smdWeighted, 2)]);
}

function label(covariate: string, level: string | null): string {
  return level === null ? covariate : `${covariate}: ${level}`;
}

/** 4 significant digits, or a fixed number of decimals. */
function fmt(x: number, decimals?: number): string {
  if (decimals === undefined) return formatSignificant(x, 4);
  if (Number.isNaN(x)) return "NA";
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function pct(rate: number): string {
  return (rate * 100).toFixed(1);
}

/** 1,260 — thousands separated as in the HLT report (not locale-dependent). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * The diagnostics of a SAP's weights as report tables (report.html, results.md): response by cell
 * (HLT Table 6.2 layout, under the SAP's disclosure control — non-respondents per cell count as
 * derivable), the weights in each cell (n controlled the same way) and balance before and after
 * weighting.
 */
export function weightDiagnosticsTables(d: WeightDiagnostics, name: string, settings: ReportSettings): ReportTable[] {
  const ledger = new CountLedger();
  const across = (values: number[]) => {
    const ids = values.map((n) => ledger.add(n));
    ledger.line(...ids);
    return ids;
  };
  const all = [...d.cells, d];
  const eligible = across(all.map((c) => c.eligible));
  const respondents = across(all.map((c) => c.respondents));
  const nonResponse = across(all.map((c) => c.eligible - c.respondents));
  all.forEach((_, k) => ledger.line(eligible[k], respondents[k], nonResponse[k]));
  const shown = ledger.control(settings.disclosure);
  const count = (k: number): TableCell => (shown.suppressed(k) ? { text: SUPPRESSED, value: null, suppressed: true } : num(shown.value(k), shown.text(k)));
  const rate = (k: number): TableCell => {
    if (shown.suppressed(respondents[k]) || shown.suppressed(eligible[k])) return { text: SUPPRESSED, value: null, suppressed: true };
    const e = shown.value(eligible[k])!;
    const p = e ? (100 * shown.value(respondents[k])!) / e : NaN;
    return Number.isNaN(p) ? num(null, "") : num(roundTo(p, settings.decimals.rate), formatFixed(p, settings.decimals.rate));
  };
  const sdc = settings.disclosure ? [disclosureNote(settings.disclosure)] : [];
  const within = d.within.length ? d.within : [""];
  const response: ReportTable = {
    id: `weights-${slug(name)}-response`,
    title: `Non-response weights ${name}: response by weighting cell`,
    columns: [
      { header: within.map((w, v) => (v === within.length - 1 ? w : "")) },
      ...d.cells.map((c) => ({ header: d.within.length ? [...c.values] : ["All"] })),
      { header: within.map((_, v) => (v === 0 ? "Total" : "")) },
    ],
    rows: [
      { cells: [text("Eligible"), ...eligible.map(count)] },
      { cells: [text("Respondents"), ...respondents.map(count)] },
      { cells: [text("Response rate (%)"), ...all.map((_, k) => rate(k))] },
    ],
    notes: [...headline(d), ...sdc],
  };
  const header = SUMMARY_HEADER(d);
  const dec = settings.decimals;
  // weights and their spread at the SMD's places (2 by default), effective n whole, counts with separators
  const statCells = (w: WeightSummary, k: number): TableCell[] => [
    count(respondents[k]),
    ...[w.min, w.q1, w.median, w.q3, w.max, w.cv, w.designEffect].map((x) => fixedCell(x, dec.smd)),
    fixedCell(w.effectiveN, 0),
  ];
  const cellsOf = [...d.cells.map((c, k) => ({ label: c.label, summary: c.summary, k, cell: c })), ...(d.cells.length > 1 ? [{ label: "All", summary: d.summary, k: d.cells.length, cell: null }] : [])];
  const totals = trimTotals(d);
  const summary = cellsOf.map(({ label, summary: w, k, cell }) => ({
    ...(cell ? {} : { kind: "base" as const }),
    cells: [
      text(label),
      ...statCells(w, k),
      ...(d.trim?.percentile != null ? [cell?.trim ? fixedCell(cell.trim.cap, dec.smd) : text("")] : []),
      ...(d.trim ? (cell ? (cell.trim ? [cell.trim.nAboveCap, cell.trim.nAtCap] : [null, null]) : totals).map((n) => (n === null ? text("") : num(n, formatCount(n)))) : []),
      ...(d.method === "rake" ? [cell ? num(cell.rakeIterations ?? null, String(cell.rakeIterations ?? "")) : text("")] : []),
    ],
  }));
  const weights: ReportTable = {
    id: `weights-${slug(name)}-summary`,
    title: `Non-response weights ${name}: distribution in each cell`,
    columns: header.map((h) => ({ header: [h] })),
    rows: summary,
    notes: [`${capitalise(weightsCaption(d))}. CV: coefficient of variation; deff: Kish design effect; eff. n: effective sample size.`, ...trimNote(d), ...d.warnings.map((w) => `Warning: ${w}`)],
  };
  // means of numeric covariates at the mean's places; shares of categories as percentages at the rate's places
  const mean = (b: BalanceRow, x: number): TableCell => (b.level === null ? fixedCell(x, dec.mean) : Number.isNaN(x) ? num(null, "") : num(roundTo(100 * x, dec.rate), `${formatFixed(100 * x, dec.rate)}%`));
  const balance: ReportTable = {
    id: `weights-${slug(name)}-balance`,
    title: `Non-response weights ${name}: balance with everyone eligible`,
    columns: BALANCE_HEADER.map((h) => ({ header: [h] })),
    rows: d.balance
      .filter((b) => b.cell === null)
      .map((b) => ({ cells: [text(label(b.covariate, b.level)), mean(b, b.eligibleMean), mean(b, b.respondentMean), mean(b, b.weightedMean), fixedCell(b.smdUnweighted, dec.smd), fixedCell(b.smdWeighted, dec.smd)] })),
    notes: [
      "Means of numeric covariates, and percentages in each category, among everyone eligible, the respondents, and the respondents weighted; standardised mean differences of respondents from the eligible (SD of the eligible), before and after weighting.",
    ],
  };
  return [response, weights, balance];
}
