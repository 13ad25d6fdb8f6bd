import { parseCsv } from "../data/csv.js";
import { type DateFormat, parseDate } from "../data/dates.js";
import type { DataTable } from "../data/table.js";
import { TrialstatError, inputError, listNames } from "../errors.js";
import type { SapProblem } from "../sap/problems.js";
import type { ColumnSpec, SourceSpec } from "../sap/types.js";

/**
 * One CSV extract, loaded and checked against its declaration in the SAP: the key column exists
 * and every key is present and free of surrounding spaces; every declared column exists and every
 * value has the declared type, is one of the declared codes and lies in the declared range.
 * Problems are collected (all of them, each with file:line:column), not thrown one at a time.
 */
export interface LoadedSource {
  readonly name: string;
  readonly spec: SourceSpec;
  readonly file: string;
  readonly table: DataTable;
  /** Each row's key exactly as written (null if missing). */
  readonly keys: readonly (string | null)[];
  /** Numeric values of a column, NaN where missing (including the column's own missing codes). */
  numbers(column: string): Float64Array;
  /** Text of a column as written, null where missing. */
  texts(column: string): readonly (string | null)[];
  /** Day numbers of a date column (NaN where missing); monthly for YYYY-MM columns. */
  dates(column: string): { days: Float64Array; monthly: boolean };
}

const DEFAULT_MISSING = ["", "NA"];

export function loadSource(name: string, spec: SourceSpec, text: string, file: string): { source?: LoadedSource; problems: SapProblem[] } {
  const problems: SapProblem[] = [];
  const missing = spec.missing ? spec.missing.map(String) : DEFAULT_MISSING;
  let table: DataTable;
  try {
    table = parseCsv(text, { source: file, missing });
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    problems.push({ file: e.location?.file ?? file, line: e.location?.line, column: e.location?.column, message: e.message, hint: e.hint });
    return { problems };
  }
  const sapPath = `sources.${name}`;

  if (!table.hasColumn(spec.key)) {
    problems.push({ file, line: 1, path: `${sapPath}.key`, message: `the key column "${spec.key}" is not in ${file}`, hint: `columns: ${listNames(table.columnNames)}` });
    return { problems };
  }
  const keyColumn = table.column(spec.key);
  const keys: (string | null)[] = new Array(table.nRows);
  let missingKeys = 0;
  let spaced = 0;
  for (let i = 0; i < table.nRows; i++) {
    const k = keyColumn.kind === "number" ? keyColumn.text(i) : keyColumn.values[i];
    keys[i] = k;
    if (k === null) {
      if (missingKeys++ === 0) problems.push({ file, line: table.lineOf(i), column: spec.key, message: "the key is missing", hint: "every record needs a participant key" });
    } else if (k !== k.trim()) {
      if (spaced++ === 0) problems.push({ file, line: table.lineOf(i), column: spec.key, message: `the key "${k}" has spaces around it`, hint: "keys are matched exactly: remove the spaces in the extract" });
    }
  }
  if (missingKeys > 1) problems[problems.length - (spaced ? 2 : 1)].message += ` (and in ${missingKeys - 1} more rows)`;
  if (spaced > 1) problems[problems.length - 1].message += ` (and ${spaced - 1} more keys)`;

  const declared = spec.columns ?? {};
  const typed = new Map<string, { numbers?: Float64Array; dates?: { days: Float64Array; monthly: boolean } }>();
  for (const [column, cs] of Object.entries(declared)) {
    if (!table.hasColumn(column)) {
      problems.push({ file, line: 1, path: `${sapPath}.columns.${column}`, message: `the declared column "${column}" is not in ${file}`, hint: `columns: ${listNames(table.columnNames)}` });
      continue;
    }
    const result = checkColumn(table, column, cs, file);
    problems.push(...result.problems);
    typed.set(column, result);
  }

  const columnMissing = (column: string) => new Set((declared[column]?.missing ?? []).map(String));
  const source: LoadedSource = {
    name,
    spec,
    file,
    table,
    keys,
    numbers(column) {
      const t = typed.get(column);
      if (t?.numbers) return t.numbers;
      const c = table.column(column);
      if (c.kind !== "number") {
        const bad = c.firstNonNumeric;
        throw inputError(`${name}.${column} must be numeric, but it has the value "${bad?.value}"`, {
          location: { file, line: bad ? table.lineOf(bad.row) : undefined, column },
          hint: `declare it in sources.${name}.columns with type: number and list its missing-value codes`,
        });
      }
      const codes = columnMissing(column);
      const values = codes.size ? c.values.map((v, i) => (codes.has(c.text(i) ?? "") ? NaN : v)) : c.values;
      typed.set(column, { numbers: values });
      return values;
    },
    texts(column) {
      const c = table.column(column);
      const codes = columnMissing(column);
      const raw = c.kind === "number" ? Array.from({ length: table.nRows }, (_, i) => c.text(i)) : c.values;
      return codes.size ? raw.map((v) => (v !== null && codes.has(v) ? null : v)) : raw;
    },
    dates(column) {
      const t = typed.get(column);
      if (t?.dates) return t.dates;
      const cs: ColumnSpec = declared[column] ?? { type: "date" };
      const r = checkColumn(table, column, { ...cs, type: "date" }, file);
      if (r.problems.length) {
        const p = r.problems[0];
        throw inputError(p.message, { location: { file: p.file, line: p.line, column: p.column }, hint: p.hint });
      }
      typed.set(column, r);
      return r.dates!;
    },
  };
  return { source, problems };
}

function checkColumn(table: DataTable, column: string, cs: ColumnSpec, file: string): { numbers?: Float64Array; dates?: { days: Float64Array; monthly: boolean }; problems: SapProblem[] } {
  const problems: SapProblem[] = [];
  const c = table.column(column);
  const codes = new Set((cs.missing ?? []).map(String));
  const text = (i: number) => (c.kind === "number" ? c.text(i) : c.values[i]);
  const isMissing = (t: string | null) => t === null || codes.has(t.trim());
  const first = <T>(found: { row: number; detail: T; count: number } | undefined, message: (d: T, count: number) => string, hint: string) => {
    if (found) problems.push({ file, line: table.lineOf(found.row), column, message: message(found.detail, found.count), hint });
  };
  const scan = <T>(test: (t: string, i: number) => T | undefined) => {
    let found: { row: number; detail: T; count: number } | undefined;
    for (let i = 0; i < table.nRows; i++) {
      const t = text(i);
      if (isMissing(t)) continue;
      const detail = test(t as string, i);
      if (detail !== undefined) {
        if (!found) found = { row: i, detail, count: 0 };
        found.count++;
      }
    }
    return found;
  };
  const more = (count: number) => (count > 1 ? ` (and ${count - 1} more row${count === 2 ? "" : "s"})` : "");
  let numbers: Float64Array | undefined;
  let dates: { days: Float64Array; monthly: boolean } | undefined;

  if (cs.type === "number") {
    numbers = new Float64Array(table.nRows);
    const bad = scan((t) => (Number.isFinite(Number(t.trim())) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t.trim()) ? undefined : t));
    first(bad, (v, n) => `"${v}" is not a number${more(n)}`, `declare "${bad?.detail}" as a missing-value code if it means missing, or fix the value`);
    for (let i = 0; i < table.nRows; i++) {
      const t = text(i);
      numbers[i] = isMissing(t) ? NaN : Number((t as string).trim());
    }
    if (cs.min !== undefined || cs.max !== undefined) {
      const out = scan((t) => {
        const v = Number(t.trim());
        return (cs.min !== undefined && v < cs.min) || (cs.max !== undefined && v > cs.max) ? t : undefined;
      });
      first(out, (v, n) => `${v} is outside the declared range ${cs.min ?? "-∞"} to ${cs.max ?? "∞"}${more(n)}`, "fix the value, or declare it as a missing-value code");
    }
  } else if (cs.type === "date") {
    const format = (cs.format ?? "YYYY-MM-DD") as DateFormat;
    const days = new Float64Array(table.nRows);
    const bad = scan((t) => (parseDate(t, format) === undefined ? t : undefined));
    first(bad, (v, n) => `"${v}" is not a ${format} date${more(n)}`, `every date in this column must be written ${format} (dates in two formats must be made consistent first)`);
    for (let i = 0; i < table.nRows; i++) {
      const t = text(i);
      days[i] = isMissing(t) ? NaN : (parseDate(t as string, format) ?? NaN);
    }
    dates = { days, monthly: format === "YYYY-MM" };
  }
  if (cs.values) {
    const allowed = new Set(cs.values.map(String));
    const bad = scan((t) => (allowed.has(t) || (cs.type === "number" && allowed.has(String(Number(t)))) ? undefined : t));
    first(bad, (v, n) => `"${v}" is not one of the declared values${more(n)}`, `allowed: ${listNames(cs.values.map(String))}; declare missing-value codes under missing`);
  }
  return { numbers, dates, problems };
}
