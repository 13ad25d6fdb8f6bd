import { TrialstatError, inputError, quoteValue } from "../errors.js";
import { csvTextRecords } from "../data/csv-text-records.js";
import { closest } from "../sap/problems.js";
import { type PrintedNumber, parsePrintedNumber } from "./printed-number.js";
import { parsePrintedInterval } from "./printed-interval.js";
import { PUBLISHED_STATISTICS, type PublishedStatistic, isPublishedStatistic } from "./published-statistics.js";
import { type StarConvention, normaliseStars, parseStarConvention } from "./star-convention.js";

/**
 * A published table typed in by a reader (docs/reproduce.md): a CSV file with the header
 * `population,outcome,subgroup,level,statistic,printed` (any order; an optional `note` column is
 * kept out of the way), one printed cell a row — population and outcome by id or label, subgroup and
 * level empty for overall effects, the statistic (published-statistics.ts) and the text exactly as
 * printed ("3.9ppt", "−£265", "(−5 to 1,328)", "***"). Lines starting with # are comments; two of
 * them state how the table was printed: `# stars: * 0.10, ** 0.05, *** 0.01` and `# confidence: 95%`.
 *
 * An estimate printed with its marks ("3.5ppt ***", as in HLT Table 2.1) is two cells: the
 * estimate and its stars. Every malformed row is a located one-line error: `published.csv:7:printed:
 * cannot read "3,9ppt" as a number: …`.
 *
 * @example
 * const t = parsePublishedTable('population,outcome,subgroup,level,statistic,printed\nwmca,employed13w,,,estimate,3.5ppt ***\n', "published.csv");
 * t.cells.map((c) => [c.statistic, c.printed]); // [["estimate", "3.5ppt"], ["stars", "***"]]
 */
export interface PublishedTable {
  file: string;
  cells: PublishedCell[];
  /** The star convention the file states (`# stars:`), with its line. */
  stars?: { convention: StarConvention; line: number };
  /** The confidence level of its intervals (`# confidence:`), with its line. */
  confidence?: { level: number; line: number };
}

export interface PublishedCell {
  /** The line of the published file the cell was typed on. */
  line: number;
  population: string;
  outcome: string;
  subgroup: string | null;
  level: string | null;
  statistic: PublishedStatistic;
  /** The cell's printed text (for an estimate printed with its marks, the estimate's or the marks' part). */
  printed: string;
  value: PrintedValue;
}

export type PrintedValue = { kind: "number"; number: PrintedNumber } | { kind: "interval"; low: PrintedNumber; high: PrintedNumber } | { kind: "stars"; stars: string };

export const PUBLISHED_COLUMNS = ["population", "outcome", "subgroup", "level", "statistic", "printed"] as const;

const HEADER = PUBLISHED_COLUMNS.join(",");

/** Marks that may follow an estimate in the same cell ("3.5ppt ***", "£442†"). */
const TRAILING_MARKS = /^(.*?[^\s*\u2217\uff0a\u204e\u2731†‡§¶#^])\s*([*\u2217\uff0a\u204e\u2731†‡§¶#^]+)$/;

export function parsePublishedTable(text: string, file: string): PublishedTable {
  const at = (line: number, column?: string) => ({ file, line, ...(column ? { column } : {}) });
  const table: PublishedTable = { file, cells: [] };
  let columns: Map<string, number> | undefined;
  for (const record of csvTextRecords(text, file)) {
    if (record.comment !== undefined) {
      directive(table, record.comment, record.line, file);
      continue;
    }
    const fields = record.fields.map((f) => f.trim());
    if (!columns) {
      columns = header(fields, file, record.line);
      continue;
    }
    if (fields.length !== columns.size) {
      throw inputError(`the row has ${fields.length} fields but the header has ${columns.size}`, {
        location: at(record.line),
        hint: `a printed text with a comma is typed in quotes: "2,116" or "(−5 to 1,328)"`,
      });
    }
    const get = (name: string) => fields[columns!.get(name)!];
    const statistic = get("statistic");
    if (!isPublishedStatistic(statistic)) {
      const guess = closest(statistic, Object.keys(PUBLISHED_STATISTICS));
      throw inputError(statistic === "" ? "the statistic is empty" : `${quoteValue(statistic)} is not a statistic of a published table`, {
        location: at(record.line, "statistic"),
        hint: `${guess ? `did you mean ${guess}? ` : ""}one of ${Object.keys(PUBLISHED_STATISTICS).join(", ")}`,
      });
    }
    for (const name of ["population", "outcome"]) {
      if (get(name) === "") throw inputError(`the ${name} is empty`, { location: at(record.line, name), hint: `name the ${name} by its id in the SAP or its label as the report prints it` });
    }
    const subgroup = get("subgroup");
    const level = get("level");
    if ((subgroup === "") !== (level === "")) {
      throw inputError(subgroup === "" ? `a level (${quoteValue(level)}) without its subgroup` : `the subgroup ${quoteValue(subgroup)} without a level`, {
        location: at(record.line, subgroup === "" ? "subgroup" : "level"),
        hint: "leave both empty for an overall effect, or give the subgroup variable and its level (gender, Female)",
      });
    }
    const base = { line: record.line, population: get("population"), outcome: get("outcome"), subgroup: subgroup || null, level: level || null };
    const printed = get("printed");
    let parsed: PublishedCell[];
    try {
      parsed = printedCells(statistic, printed).map((p) => ({ ...base, ...p }));
    } catch (e) {
      if (e instanceof TrialstatError) throw e.restated(e.message, at(record.line, "printed"));
      throw e;
    }
    table.cells.push(...parsed);
  }
  if (!columns) throw inputError("the file has no header", { location: { file }, hint: `the first line (after # comments) is ${HEADER}` });
  if (table.cells.length === 0) throw inputError("the file has a header but no cells", { location: { file }, hint: "type one printed cell a row: population,outcome,subgroup,level,statistic,printed" });
  return table;
}

/** The header's columns by name: the six, in any order, and an optional note. */
function header(fields: string[], file: string, line: number): Map<string, number> {
  const names = fields.map((f) => f.toLowerCase());
  const hint = `the header is ${HEADER} (and optionally note)`;
  const columns = new Map<string, number>();
  names.forEach((name, j) => {
    if (!(PUBLISHED_COLUMNS as readonly string[]).includes(name) && name !== "note") {
      const guess = closest(name, [...PUBLISHED_COLUMNS]);
      throw inputError(`${quoteValue(fields[j])} is not a column of a published table`, { location: { file, line }, hint: guess ? `did you mean ${guess}? ${hint}` : hint });
    }
    if (columns.has(name)) throw inputError(`the column ${name} is given twice`, { location: { file, line }, hint });
    columns.set(name, j);
  });
  const missing = PUBLISHED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length) throw inputError(`the header has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""}`, { location: { file, line }, hint });
  return columns;
}

/** `# stars: …` and `# confidence: …`; any other comment is the reader's own. */
function directive(table: PublishedTable, comment: string, line: number, file: string): void {
  const m = /^(stars|confidence)\s*:\s*(.*)$/i.exec(comment);
  if (!m) return;
  const key = m[1].toLowerCase();
  const location = { file, line };
  if ((key === "stars" && table.stars) || (key === "confidence" && table.confidence)) {
    throw inputError(`the ${key} are stated twice (also on line ${(key === "stars" ? table.stars : table.confidence)!.line})`, { location, hint: "state them once" });
  }
  try {
    if (key === "stars") table.stars = { convention: parseStarConvention(m[2]), line };
    else table.confidence = { level: parseConfidence(m[2]), line };
  } catch (e) {
    if (e instanceof TrialstatError) throw e.restated(`# ${key}: ${e.message}`, location);
    throw e;
  }
}

/** "95%", "95" or "0.95" → 0.95. */
function parseConfidence(text: string): number {
  const m = /^(\d*\.?\d+)\s*(%)?$/.exec(text.trim());
  const n = m ? Number(m[1]) : NaN;
  const level = m && (m[2] || n > 1) ? Number((n / 100).toFixed(10)) : n;
  if (!(level > 0 && level < 1)) throw inputError(`cannot read ${quoteValue(text.trim())} as a confidence level`, { hint: "e.g. # confidence: 95%" });
  return level;
}

/** The cells of one row's printed text (two for an estimate printed with its marks). */
function printedCells(statistic: PublishedStatistic, printed: string): Pick<PublishedCell, "statistic" | "printed" | "value">[] {
  if (statistic === "stars") return [{ statistic, printed, value: { kind: "stars", stars: normaliseStars(printed) } }];
  if (printed === "") throw inputError(`the printed ${statistic} is empty`, { hint: "type the text as the table prints it; a cell the table leaves empty is not typed in" });
  if (statistic === "interval") return [{ statistic, printed, value: { kind: "interval", ...parsePrintedInterval(printed) } }];
  const marked = statistic === "estimate" ? TRAILING_MARKS.exec(printed) : null;
  const text = marked ? marked[1].trim() : printed;
  const number = parsePrintedNumber(text, { bound: statistic === "p_value" || statistic === "p_adjusted" });
  checkForm(statistic, number, text);
  const cell = { statistic, printed: text, value: { kind: "number" as const, number } };
  return marked ? [cell, { statistic: "stars", printed: marked[2], value: { kind: "stars", stars: normaliseStars(marked[2]) } }] : [cell];
}

/** The forms a statistic cannot take whatever the results: a count with a fraction (132.0 is the count 132), a p-value in ppt or above 1. */
function checkForm(statistic: PublishedStatistic, n: PrintedNumber, printed: string): void {
  const refuse = (why: string, hint: string) => {
    throw inputError(why, { hint });
  };
  const shown = quoteValue(printed);
  if (statistic === "n_control" || statistic === "n_treated") {
    const hint = "type the count as printed: 1,838";
    if (n.unit !== null) refuse(`a count has no unit, but ${shown} has one`, hint);
    if (n.value < 0) refuse(`a count cannot be negative, as ${shown} is`, hint);
    if (!Number.isInteger(n.value)) refuse(`a count is a whole number, not ${shown}`, hint);
  } else if (statistic === "p_value" || statistic === "p_adjusted") {
    if (n.unit !== null) refuse("a p-value has no unit", "type it as printed: 0.032 or <0.001");
    if (n.value < 0 || n.value > 1 || (n.bound === "<" && n.value === 0) || (n.bound === ">" && n.value === 1)) {
      refuse(`a p-value is a probability, from 0 to 1, so it cannot be ${shown}`, "check the typing against the table: 0.032, <0.001 or 1.00");
    }
  } else if (statistic === "effect_size") {
    if (n.unit !== null && n.unit !== "sd") refuse(`an effect size is in SDs, not ${n.unit}`, "type it bare (0.10) or with its unit (0.10sd)");
  } else if (statistic === "control_mean" || statistic === "treated_mean") {
    if (n.unit === "sd") refuse("a mean is not printed in SDs", "type a mean bare (21.34), as a percentage (27%) or in its currency (£1,697)");
  }
}
