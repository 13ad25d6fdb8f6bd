import { inputError, quoteValue } from "../errors.js";
import { ownEntry } from "../own-entry.js";
import { closest } from "../sap/problems.js";
import type { DescriptiveSpec } from "../sap/types.js";
import { pearsonChiSquare } from "../stats/chi-square-test.js";
import type { AnalysisFrame, FrameColumn } from "./frame.js";

/**
 * Counts behind a descriptive table in the layout of HLT Tables 1.2–1.11 (and 6.4): a
 * characteristic's categories (or a multi-response question's answers) as rows, the levels of a
 * column variable (the trial groups) as columns, with the unweighted base of each column — the
 * participants who answered (a non-missing category; for a multi-response question, at least one
 * answer not missing). Participants whose column variable is missing are left out.
 *
 * With `chi_square`, Pearson's test of independence (stats/chi-square-test.ts): of the whole
 * categories × columns table for a characteristic (one p-value), or of each answer (yes/no ×
 * columns) for a multi-response question (one p-value per row, as in HLT Table 6.4).
 */
export interface DescriptiveCounts {
  title: string;
  kind: "single" | "multi";
  /** The column variable. */
  by: string;
  columns: string[];
  rows: { key: string; label: string }[];
  /** cells[row][column]: people in that category (or giving that answer). */
  cells: number[][];
  /** Per row, across all columns. */
  rowTotals: number[];
  /** Per column: people answering. */
  bases: number[];
  total: number;
  /** One p-value for a characteristic; one per row for a multi-response question. */
  chiSquare: { p: number[]; smallExpected: number } | null;
  population: string | null;
  base: string;
}

export function describeCharacteristic(frame: AnalysisFrame, spec: DescriptiveSpec, by: string, members: Int32Array, path: string): DescriptiveCounts {
  const byColumn = frame.get(by, `${path}.by`);
  const columns = levelsOf(byColumn, members, []);
  const columnOf = new Map(columns.map((c, j) => [c, j]));
  const col = (i: number) => {
    const v = valueText(byColumn, i);
    return v === null ? -1 : columnOf.get(v)!;
  };
  const c = columns.length;
  let rows: { key: string; label: string }[];
  let cells: number[][];
  const bases = new Array<number>(c).fill(0);
  if (spec.multi) {
    const items = spec.multi.map((name, k) => ({ name, values: indicator(frame, name, `${path}.multi[${k}]`) }));
    rows = items.map((it) => ({ key: it.name, label: ownEntry(spec.labels, it.name) ?? it.name }));
    cells = items.map(() => new Array<number>(c).fill(0));
    for (let at = 0; at < members.length; at++) {
      const i = members[at];
      const j = col(i);
      if (j < 0 || items.every((it) => it.values[i] < 0)) continue;
      bases[j]++;
      items.forEach((it, k) => (cells[k][j] += it.values[i] === 1 ? 1 : 0));
    }
  } else {
    const variable = frame.get(spec.variable!, `${path}.variable`);
    const present = valuesPresent(variable, members);
    const categories = orderedLevels(variable, present, spec.order ?? []);
    misspeltCategories(spec, categories, present, path);
    const rowOf = new Map(categories.map((k, r) => [k, r]));
    rows = categories.map((k) => ({ key: k, label: spec.labels?.[k] ?? k }));
    cells = categories.map(() => new Array<number>(c).fill(0));
    for (let at = 0; at < members.length; at++) {
      const i = members[at];
      const j = col(i);
      const v = valueText(variable, i);
      if (j < 0 || v === null) continue;
      bases[j]++;
      cells[rowOf.get(v)!][j]++;
    }
  }
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  let chiSquare: DescriptiveCounts["chiSquare"] = null;
  if (spec.chi_square) {
    if (spec.multi) {
      const tests = cells.map((r) => pearsonChiSquare([r, r.map((n, j) => bases[j] - n)]));
      chiSquare = { p: tests.map((t) => t.p), smallExpected: tests.reduce((a, t) => a + t.smallExpected, 0) };
    } else {
      const t = pearsonChiSquare(cells);
      chiSquare = { p: [t.p], smallExpected: t.smallExpected };
    }
  }
  return {
    title: spec.title,
    kind: spec.multi ? "multi" : "single",
    by,
    columns,
    rows,
    cells,
    rowTotals,
    bases,
    total: bases.reduce((a, b) => a + b, 0),
    chiSquare,
    population: spec.population ?? null,
    base: spec.base ?? (spec.multi ? "participants answering this question (each could give more than one answer)" : "participants answering this question"),
  };
}

/** A frame value as text (numbers in shortest form), or null when missing. */
export function valueText(column: FrameColumn, i: number): string | null {
  if (column.kind === "number") return Number.isNaN(column.values[i]) ? null : String(column.values[i]);
  return column.values[i];
}

/**
 * A value that `order` or `labels` names, that nobody in the table has, beside a value in the data
 * that they do not name (order: [Femal, M] over F and M): a misspelling, which would otherwise print
 * a row of zeros for "Femal" above the real one. `order` lists every category, so any unlisted value
 * in the data makes a named empty one suspect; `labels` may label some only, so there the unnamed
 * value must look like the named one (close in spelling, or one the start of the other). A named
 * value nobody has otherwise is an empty category, and stays a row of zeros.
 */
function misspeltCategories(spec: DescriptiveSpec, categories: readonly string[], present: ReadonlySet<string>, path: string): void {
  const order = spec.order ?? [];
  // the values of the data that order leaves out, sorted (orderedLevels puts them after order's)
  const unordered = categories.slice(order.length);
  const labelled = Object.keys(spec.labels ?? {});
  const unnamed = unordered.filter((v) => !labelled.includes(v));
  const alike = (value: string) => closest(value, unnamed) ?? unnamed.find((u) => value.toLowerCase().startsWith(u.toLowerCase()) || u.toLowerCase().startsWith(value.toLowerCase()));
  const named = [...order.map((value, j) => ({ value, at: `${path}.order[${j}]`, guess: alike(value) ?? unordered[0] })), ...labelled.map((value) => ({ value, at: `${path}.labels.${value}`, guess: alike(value) }))];
  for (const { value, at, guess } of named) {
    if (present.has(value) || guess === undefined) continue;
    throw inputError(`${quoteValue(value)} is named for ${spec.variable} but nobody in the table has it, while ${quoteValue(guess)}, not named, is in the data`, {
      location: { path: at },
      hint: `write ${guess} as the data have it (a label can say it as you like), or remove ${value}`,
    });
  }
}

/** The distinct non-missing values among `members`: those in `order` first, then the rest sorted (numerically for numbers). */
export function levelsOf(column: FrameColumn, members: Int32Array, order: readonly string[]): string[] {
  return orderedLevels(column, valuesPresent(column, members), order);
}

/** The distinct non-missing values of `column` among `members`, as text. */
function valuesPresent(column: FrameColumn, members: Int32Array): Set<string> {
  const seen = new Set<string>();
  for (let at = 0; at < members.length; at++) {
    const v = valueText(column, members[at]);
    if (v !== null) seen.add(v);
  }
  return seen;
}

/** `order`, then the values present that it leaves out, sorted (numerically for numbers). */
function orderedLevels(column: FrameColumn, present: ReadonlySet<string>, order: readonly string[]): string[] {
  const rest = [...present].filter((v) => !order.includes(v));
  rest.sort(column.kind === "number" ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...order, ...rest];
}

const YES = new Set(["1", "yes", "y", "true"]);
const NO = new Set(["0", "no", "n", "false"]);

/** A multi-response answer as 1 (yes), 0 (no) or −1 (missing); anything else is an input error. */
function indicator(frame: AnalysisFrame, name: string, path: string): Int8Array {
  const column = frame.get(name, path);
  const out = new Int8Array(frame.n);
  // answers repeat: each distinct one is read once
  const read = new Map<string, number>();
  for (let i = 0; i < frame.n; i++) {
    // numbers 0 and 1 (the usual coding) need no text
    if (column.kind === "number" && (column.values[i] === 0 || column.values[i] === 1)) {
      out[i] = column.values[i];
      continue;
    }
    const v = valueText(column, i);
    if (v === null) {
      out[i] = -1;
      continue;
    }
    let answer = read.get(v);
    if (answer === undefined) {
      const t = v.trim().toLowerCase();
      if (YES.has(t)) answer = 1;
      else if (NO.has(t)) answer = 0;
      else throw inputError(`${path}: ${name} has the value ${quoteValue(v)}; a multi-response answer must be 0/1, yes/no or true/false`, { location: { path }, hint: "recode it, or list a characteristic under variable: instead" });
      read.set(v, answer);
    }
    out[i] = answer;
  }
  return out;
}
