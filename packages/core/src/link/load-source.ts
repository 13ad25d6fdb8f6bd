import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import { CsvReader } from "../data/csv.js";
import { readDataBytes } from "../data/readers/read-data.js";
import { type DateFormat, dateProblem, parseDate } from "../data/dates.js";
import { type DataTable, outOfRangeNote, parseNumber, spacingHint } from "../data/table.js";
import { TrialstatError, inputError, listNames, quoteValue, showValue } from "../errors.js";
import { ownEntry } from "../own-entry.js";
import { type SapProblem, closest } from "../sap/problems.js";
import { planHint } from "../sap/remedies.js";
import type { ColumnSpec, SourceSpec } from "../sap/types.js";
import { THOUSANDS } from "../stats/formula/model-frame.js";

/**
 * One CSV extract, loaded and checked against its declaration in the SAP: the key column exists
 * and every key is present and free of surrounding spaces; every declared column exists and every
 * value has the declared type, is one of the declared codes and lies in the declared range.
 * Problems are collected (all of them), not thrown one at a time: each with file:line:column, but a
 * column the SAP names that the file lacks with the SAP path of that name only (the file has no
 * line to point at; the caller locates the path in the SAP).
 */
export interface LoadedSource {
  readonly name: string;
  readonly spec: SourceSpec;
  readonly file: string;
  readonly table: DataTable;
  /** Every column of the file, in order, including those the table does not keep (a long source keeps only the columns the plan reads). */
  readonly fileColumns: readonly string[];
  /** sha256 of the file's text, when the loader hashed it. */
  readonly sha256: string | undefined;
  /** Each row's key exactly as written (null if missing); built on first use. */
  readonly keys: readonly (string | null)[];
  /** The keys as dictionary codes, when the key column was read as text (the fast way to link). */
  readonly keyCodes: { codes: Int32Array; dictionary: readonly string[] } | undefined;
  /** Numeric values of a column, NaN where missing (including the column's own missing codes). */
  numbers(column: string): Float64Array;
  /** Text of a column as written, null where missing. */
  texts(column: string): readonly (string | null)[];
  /** 1 where a column's text equals `value`, 0 where it differs, NaN where missing. */
  indicator(column: string, value: string): Float64Array;
  /** Day numbers of a date column (NaN where missing); monthly for YYYY-MM columns. */
  dates(column: string): { days: Float64Array; monthly: boolean };
}

const DEFAULT_MISSING = ["", "NA"];

/**
 * @param text a CSV file's text, whole or in pieces (streamed from disk), or the bytes of a file in
 *   another format (.csv.gz, .dta, .sav, .parquet, .arrow, .xlsx: read by its extension, through the
 *   same table builder, so the declared types, missing codes and checks below apply alike); its
 *   sha256 (of the UTF-8 text or the bytes, i.e. of the file) is computed on the way through.
 */
export function loadSource(
  name: string,
  spec: SourceSpec,
  text: string | Iterable<string> | Uint8Array,
  file: string,
  options: {
    /** Columns the plan reads (with the key and the declared columns always kept); default: all. */
    used?: ReadonlySet<string>;
    /** Hash the text on the way through (default; skip when the caller hashes the file's bytes itself). */
    computeHash?: boolean;
    /** The file's size in bytes, when known (CsvOptions.sizeHint). */
    sizeHint?: number;
  } = {},
): { source?: LoadedSource; problems: SapProblem[] } {
  const { used, computeHash = true, sizeHint } = options;
  const problems: SapProblem[] = [];
  const missing = spec.missing ? spec.missing.map(String) : DEFAULT_MISSING;
  let table: DataTable;
  let header: string[] = [];
  const hash = sha256.create();
  const encoder = new TextEncoder();
  try {
    const keep = used ? (column: string) => column === spec.key || used.has(column) || Object.hasOwn(spec.columns ?? {}, column) : undefined;
    const onHeader = (names: readonly string[]) => (header = [...names]);
    if (text instanceof Uint8Array) {
      if (computeHash) hash.update(text);
      table = readDataBytes(text, { source: file, missing, keep, sheet: spec.sheet, onHeader });
    } else {
      if (spec.sheet !== undefined) throw inputError(`sheet: ${spec.sheet} was given, but ${file} is not a spreadsheet`, { location: { file }, hint: "sheet: applies to .xlsx files only" });
      const reader = new CsvReader({ source: file, missing, keep, onHeader, sizeHint });
      for (const chunk of typeof text === "string" ? [text] : text) {
        if (computeHash) hash.update(encoder.encode(chunk));
        reader.push(chunk);
      }
      table = reader.end();
    }
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    problems.push({ file: e.location?.file ?? file, line: e.location?.line, column: e.location?.column, message: e.message, hint: planHint(e, `sources.${name}`) });
    return { problems };
  }
  const sapPath = `sources.${name}`;

  if (!table.hasColumn(spec.key)) {
    problems.push({ path: `${sapPath}.key`, message: `the key column "${spec.key}" is not in ${file}`, hint: columnsHint(spec.key, header) });
    return { problems };
  }
  const keyColumn = table.column(spec.key);
  // keys are checked once per distinct value where the column has a dictionary
  const keyCodes = keyColumn.kind === "text" && keyColumn.codes && keyColumn.dictionary ? { codes: keyColumn.codes, dictionary: keyColumn.dictionary } : undefined;
  const keyAt = keyCodes
    ? (i: number) => (keyCodes.codes[i] < 0 ? null : keyCodes.dictionary[keyCodes.codes[i]])
    : keyColumn.kind === "text"
      ? (i: number) => keyColumn.values[i]
      : (i: number) => keyColumn.text(i);
  let keyArray: (string | null)[] | undefined;
  let missingKeys = 0;
  let spaced = 0;
  const spacedCode = keyCodes ? Uint8Array.from(keyCodes.dictionary, (k) => (k !== k.trim() ? 1 : 0)) : undefined;
  for (let i = 0; i < table.nRows; i++) {
    if (keyCodes && keyCodes.codes[i] >= 0 && !spacedCode![keyCodes.codes[i]]) continue; // present, no spaces
    const k = keyAt(i);
    if (k === null) {
      if (missingKeys++ === 0) problems.push({ file, line: table.lineOf(i), column: spec.key, message: "the key is missing", hint: "every record needs a participant key" });
    } else if (k !== k.trim()) {
      if (spaced++ === 0) problems.push({ file, line: table.lineOf(i), column: spec.key, message: `the key ${quoteValue(k)} has spaces around it`, hint: "keys are matched exactly: remove the spaces in the extract" });
    }
  }
  if (missingKeys > 1) problems[problems.length - (spaced ? 2 : 1)].message += ` (and in ${missingKeys - 1} more rows)`;
  if (spaced > 1) problems[problems.length - 1].message += ` (and ${spaced - 1} more keys)`;

  const declared = spec.columns ?? {};
  const typed = new Map<string, { numbers?: Float64Array; dates?: { days: Float64Array; monthly: boolean } }>();
  for (const [column, cs] of Object.entries(declared)) {
    if (!table.hasColumn(column)) {
      problems.push({ path: `${sapPath}.columns.${column}`, message: `the declared column "${column}" is not in ${file}`, hint: columnsHint(column, header) });
      continue;
    }
    const result = checkColumn(table, column, cs, file);
    problems.push(...result.problems);
    typed.set(column, result);
  }

  const columnMissing = (column: string) => new Set((ownEntry(declared, column)?.missing ?? []).map(String));
  const source: LoadedSource = {
    name,
    spec,
    file,
    table,
    fileColumns: header,
    sha256: computeHash ? bytesToHex(hash.digest()) : undefined,
    get keys() {
      keyArray ??= Array.from({ length: table.nRows }, (_, i) => keyAt(i));
      return keyArray;
    },
    keyCodes,
    numbers(column) {
      const t = typed.get(column);
      if (t?.numbers) return t.numbers;
      const c = table.column(column);
      if (c.kind !== "number") {
        const bad = c.firstNonNumeric;
        throw inputError(`${name}.${column} must be numeric, but it has the value ${quoteValue(bad?.value ?? "")}`, {
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
    indicator(column, value) {
      const c = table.column(column);
      const codes = columnMissing(column);
      if (c.kind === "text" && c.codes && c.dictionary && codes.size === 0) {
        const match = c.dictionary.map((t) => (t === value ? 1 : 0));
        const out = new Float64Array(c.codes.length);
        for (let i = 0; i < out.length; i++) out[i] = c.codes[i] < 0 ? NaN : match[c.codes[i]];
        return out;
      }
      return Float64Array.from(this.texts(column), (t) => (t === null ? NaN : t === value ? 1 : 0));
    },
    dates(column) {
      const t = typed.get(column);
      if (t?.dates) return t.dates;
      const cs: ColumnSpec = ownEntry(declared, column) ?? { type: "date" };
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

/** The hint for a column the plan names but the file lacks: the closest name, and the file's columns. */
export function columnsHint(column: string, header: readonly string[]): string {
  const spacing = spacingHint(column, header);
  if (spacing) return spacing;
  const guess = closest(column, header);
  return `${guess ? `did you mean "${guess}"? ` : ""}columns: ${listNames(header)}`;
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
  // a column with a dictionary is tested once per distinct value, then row by row through its codes
  const dict = c.kind === "text" && c.codes && c.dictionary ? { codes: c.codes, dictionary: c.dictionary } : undefined;
  const perValue = <T>(f: (t: string) => T): ((i: number) => T | undefined) => {
    if (!dict) return (i) => (isMissing(text(i)) ? undefined : f(text(i) as string));
    const results = dict.dictionary.map((t) => (isMissing(t) ? undefined : f(t)));
    return (i) => (dict.codes[i] < 0 ? undefined : results[dict.codes[i]]);
  };
  const scan = <T>(test: (t: string) => T | undefined) => {
    let found: { row: number; detail: T; count: number } | undefined;
    const at = perValue(test);
    for (let i = 0; i < table.nRows; i++) {
      const detail = at(i);
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
    if (c.kind === "number" && codes.size === 0) {
      numbers = c.values; // every cell already read as a number: no copy, no second parse
    } else {
      numbers = new Float64Array(table.nRows);
      const bad = scan((t) => (parseNumber(t) === undefined ? t : undefined));
      first(
        bad,
        (v, n) => `${quoteValue(v)} is not a number${THOUSANDS.test(v.trim()) ? " (it has thousands separators)" : outOfRangeNote(v)}${more(n)}`,
        bad && THOUSANDS.test(bad.detail.trim()) ? "write numbers without separators (1,200 → 1200)" : `declare ${quoteValue(bad?.detail ?? "")} as a missing-value code if it means missing, or fix the value`,
      );
      const value = perValue((t) => Number(t.trim()));
      for (let i = 0; i < table.nRows; i++) numbers[i] = value(i) ?? NaN;
    }
    if (cs.min !== undefined || cs.max !== undefined) {
      const v = numbers;
      let found: { row: number; detail: string; count: number } | undefined;
      for (let i = 0; i < v.length; i++) {
        if ((cs.min !== undefined && v[i] < cs.min) || (cs.max !== undefined && v[i] > cs.max)) {
          if (!found) found = { row: i, detail: text(i) ?? String(v[i]), count: 0 };
          found.count++;
        }
      }
      first(found, (x, n) => `${showValue(x)} is outside the declared range ${cs.min ?? "-∞"} to ${cs.max ?? "∞"}${more(n)}`, "fix the value, or declare it as a missing-value code");
    }
  } else if (cs.type === "date") {
    const format = (cs.format ?? "YYYY-MM-DD") as DateFormat;
    const days = new Float64Array(table.nRows);
    const bad = scan((t) => (parseDate(t, format) === undefined ? t : undefined));
    const written = bad !== undefined && dateProblem(bad.detail, format)!.startsWith("is not a date:");
    first(
      bad,
      (v, n) => `${quoteValue(v)} ${dateProblem(v, format)}${more(n)}`,
      written ? "fix the date, or declare the value as a missing-value code if it stands for an unknown date" : `every date in this column must be written ${format} (dates in two formats must be made consistent first)`,
    );
    const day = perValue((t) => parseDate(t, format) ?? NaN);
    for (let i = 0; i < table.nRows; i++) days[i] = day(i) ?? NaN;
    dates = { days, monthly: format === "YYYY-MM" };
  }
  if (cs.values) {
    const allowed = new Set(cs.values.map(String));
    const bad = scan((t) => (allowed.has(t) || (cs.type === "number" && allowed.has(String(Number(t)))) ? undefined : t));
    first(bad, (v, n) => `${quoteValue(v)} is not one of the declared values${more(n)}`, `allowed: ${listNames(cs.values.map(String))}; declare missing-value codes under missing`);
  }
  return { numbers, dates, problems };
}
