/**
 * Turning item cells into item values: numbers in range, response labels, declared missing codes.
 * Anything else stops with the file, line, column, the value and the allowed values — an unknown
 * code is never read as missing.
 */
import { parseCsv } from "../data/csv.js";
import { type Column, type DataTable, parseNumber } from "../data/table.js";
import { type ErrorLocation, inputError, listNames, quoteValue, type TrialstatError } from "../errors.js";
import type { InstrumentDefinition, ItemDefinition } from "./types.js";

/**
 * How labels are matched: Unicode NFC, typographic apostrophes as "'", runs of white space as one
 * space, no leading or trailing space, lower case. "Don’t  know " and "don't know" are the same label.
 */
export function normalizeLabel(text: string): string {
  return text.normalize("NFC").replace(/[\u2018\u2019\u02bc]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();
}

/** How the cells of one item column are read; built once per item by `itemCodings`. */
export interface ItemCoding {
  readonly item: ItemDefinition;
  /** Normalised label → value (the item's standard labels, overridden by the user's). */
  readonly labels: ReadonlyMap<string, number>;
  /** Labels as the user or the instrument wrote them, for messages. */
  readonly labelText: readonly [string, number][];
  /** Numeric codes recoded by a label whose text is a number ("1" → 0). */
  readonly numericLabels: ReadonlyMap<number, number> | undefined;
  readonly missingNumbers: ReadonlySet<number>;
  readonly missingTexts: ReadonlySet<string>;
  /** Missing codes as declared, for messages. */
  readonly missingText: readonly string[];
}

export interface ResponseOptions {
  /** Labels (or numeric codes, e.g. "1": 0) and the item values they stand for; apply to every item. */
  readonly labels?: Readonly<Record<string, number>>;
  /** Codes that mean the item was not answered: "don't know", "prefer not to say", refused (-9, 99, "Refused"). */
  readonly missingCodes?: readonly (string | number)[];
  /** Where each label or missing code was given (a label file's line), by its text as given: an error about it is located there. */
  readonly labelLocations?: Readonly<Record<string, ErrorLocation>>;
}

function isAllowed(item: ItemDefinition, v: number): boolean {
  return v >= item.range[0] && v <= item.range[1] && (!item.integer || Number.isInteger(v));
}

/** "0, 1, 2, 3", "whole numbers from 0 to 10" or "any number from 0 to 100". */
export function allowedValuesText(item: ItemDefinition): string {
  const [lo, hi] = item.range;
  if (!item.integer) return `any number from ${lo} to ${hi}`;
  if (hi - lo <= 10) return Array.from({ length: hi - lo + 1 }, (_, k) => String(lo + k)).join(", ");
  return `whole numbers from ${lo} to ${hi}`;
}

/**
 * Builds each item's coding from the instrument's standard labels and the user's labels and missing
 * codes, rejecting what would be ambiguous: a label coding a value the item does not allow, a missing
 * code that is also an allowed value or a label.
 */
export function itemCodings(def: InstrumentDefinition, options: ResponseOptions): ItemCoding[] {
  const userLabels = Object.entries(options.labels ?? {});
  const missingNumbers = new Set<number>();
  const missingTexts = new Set<string>();
  const missingText: string[] = [];
  const given = (text: string, column?: string): { location?: ErrorLocation } => {
    const at = options.labelLocations?.[text];
    return at ? { location: column ? { ...at, column } : at } : {};
  };
  // a missing code's text as given, by the number or normalised label it is matched as
  const missingGiven = new Map<number | string, string>();
  for (const code of options.missingCodes ?? []) {
    if (typeof code === "number" && !Number.isFinite(code)) {
      throw inputError(`missing code ${code} is not a finite number`, { hint: "give survey codes as numbers (-9, 99) or text (Refused)" });
    }
    const number = typeof code === "number" ? code : parseNumber(code);
    if (number !== undefined) {
      missingNumbers.add(number);
      if (!missingGiven.has(number)) missingGiven.set(number, String(code));
    } else {
      const label = normalizeLabel(String(code));
      if (label === "") throw inputError("an empty missing code was given", { hint: "blank cells are already missing; remove the empty code" });
      missingTexts.add(label);
      if (!missingGiven.has(label)) missingGiven.set(label, String(code));
    }
    missingText.push(String(code));
  }
  return def.items.map((item) => {
    const labels = new Map<string, number>();
    const labelText: [string, number][] = [];
    let numericLabels: Map<number, number> | undefined;
    const add = (label: string, value: number, fromUser: boolean) => {
      if (!isAllowed(item, value)) {
        throw inputError(`label "${label}" codes ${value}, which is not a ${def.name} value for item ${item.code} (allowed: ${allowedValuesText(item)})`, {
          ...(fromUser && given(label, "value")),
          hint: fromUser ? "map each label to one of the item's allowed values" : "this is a bug in the instrument definition",
        });
      }
      const number = parseNumber(label);
      if (number !== undefined) {
        numericLabels ??= new Map();
        numericLabels.set(number, value);
      } else {
        const key = normalizeLabel(label);
        if (key === "") throw inputError("an empty label was given", { hint: "blank cells are missing; remove the empty label" });
        labels.set(key, value);
      }
      const at = labelText.findIndex(([l]) => normalizeLabel(l) === normalizeLabel(label));
      if (at >= 0) labelText.splice(at, 1);
      labelText.push([label, value]);
    };
    for (const [label, value] of Object.entries(item.labels ?? {})) add(label, value, false);
    for (const [label, value] of userLabels) add(label, value, true);
    for (const code of missingNumbers) {
      if (numericLabels?.has(code)) {
        throw inputError(`code ${code} is declared both as a missing code and as a label`, { ...given(missingGiven.get(code)!), hint: "remove it from one of the two" });
      }
      if (isAllowed(item, code)) {
        throw inputError(`missing code ${code} is also an allowed value of ${def.name} item ${item.code} (${allowedValuesText(item)})`, {
          ...given(missingGiven.get(code)!),
          hint: "a code cannot mean both an answer and no answer: check the survey's codebook and remove it from the missing codes",
        });
      }
    }
    for (const text of missingTexts) {
      if (labels.has(text)) {
        throw inputError(`${quoteValue(text)} is declared both as a missing code and as a label of ${def.name} item ${item.code}`, { ...given(missingGiven.get(text)!), hint: "remove it from one of the two" });
      }
    }
    return { item, labels, labelText, numericLabels, missingNumbers, missingTexts, missingText };
  });
}

/** Decodes one item column: NaN where the cell is blank, NA or a declared missing code. */
export function decodeItemColumn(table: DataTable, columnName: string, coding: ItemCoding, def: InstrumentDefinition): Float64Array {
  const column = table.column(columnName);
  const n = table.nRows;
  const out = new Float64Array(n);
  if (column.kind === "number") {
    const { values } = column;
    const [lo, hi] = coding.item.range;
    const integer = coding.item.integer;
    const numericLabels = coding.numericLabels;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) {
        out[i] = NaN;
      } else if (numericLabels !== undefined && numericLabels.has(v)) {
        out[i] = numericLabels.get(v)!;
      } else if (v >= lo && v <= hi && (!integer || Number.isInteger(v))) {
        out[i] = v;
      } else if (coding.missingNumbers.has(v)) {
        out[i] = NaN;
      } else {
        throw badValue(table, column, i, column.text(i) ?? String(v), coding, def, false);
      }
    }
    return out;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const cell = column.values[i];
    if (cell === null) {
      out[i] = NaN;
      continue;
    }
    let v = seen.get(cell);
    if (v === undefined) {
      v = decodeText(cell, coding);
      if (v === undefined) throw badValue(table, column, i, cell, coding, def, parseNumber(cell) === undefined);
      seen.set(cell, v);
    }
    out[i] = v;
  }
  return out;
}

function decodeText(cell: string, coding: ItemCoding): number | undefined {
  const number = parseNumber(cell);
  if (number !== undefined) {
    const recoded = coding.numericLabels?.get(number);
    if (recoded !== undefined) return recoded;
    if (isAllowed(coding.item, number)) return number;
    return coding.missingNumbers.has(number) ? NaN : undefined;
  }
  const key = normalizeLabel(cell);
  const labelled = coding.labels.get(key);
  if (labelled !== undefined) return labelled;
  return coding.missingTexts.has(key) ? NaN : undefined;
}

function badValue(table: DataTable, column: Column, row: number, value: string, coding: ItemCoding, def: InstrumentDefinition, isText: boolean): TrialstatError {
  const allowed = allowedValuesText(coding.item);
  const what = isText ? `${quoteValue(value)} is not a ${def.name} response label` : `value ${value} is not allowed for ${def.name} item ${coding.item.code}`;
  const labels = coding.labelText.length ? `labels: ${listNames(coding.labelText.map(([l, v]) => `"${l}" = ${v}`))}` : "no labels declared";
  const missing = coding.missingText.length ? `missing codes: ${coding.missingText.join(", ")}` : "no missing codes declared";
  return inputError(`${what} (allowed: ${allowed})`, {
    location: { file: table.source, line: table.lineOf(row), column: column.name },
    hint: `check the item's coding (${labels}; ${missing})`,
    remedies: [
      { setting: "missing_codes", reason: `if ${isText ? quoteValue(value) : value} means "don't know", "prefer not to say" or refused, declare it a missing code` },
      { setting: "labels", reason: "if it is another coding of an answer, map it to a value" },
    ],
  });
}

/**
 * Reads a label file: CSV with columns `label` and `value`; a value is a number, or the word
 * `missing` to declare the label a missing code.
 *
 * @example
 * parseLabelFile("label,value\nNot at all,0\nSeveral days,1\nRefused,missing\n", "labels.csv");
 * // { labels: { "Not at all": 0, "Several days": 1 }, missingCodes: ["Refused"],
 * //   locations: { "Not at all": { file: "labels.csv", line: 2, column: "label" }, ... } }
 */
export function parseLabelFile(text: string, source: string): { labels: Record<string, number>; missingCodes: string[]; locations: Record<string, ErrorLocation> } {
  const table = parseCsv(text, { source, missing: [] });
  for (const name of ["label", "value"]) {
    if (!table.hasColumn(name)) {
      throw inputError(`no column "${name}"`, {
        location: { file: source, line: 1 },
        hint: `a label file has a header "label,value" and one label a line, e.g. "Several days,1" (columns found: ${listNames(table.columnNames)})`,
      });
    }
  }
  const labelColumn = table.column("label");
  const valueColumn = table.column("value");
  const cell = (c: Column, i: number) => (c.kind === "number" ? c.text(i) : c.values[i]) ?? "";
  // no prototype: a label written "__proto__" must be an ordinary key, not a prototype change
  const labels: Record<string, number> = Object.create(null);
  const missingCodes: string[] = [];
  const locations: Record<string, ErrorLocation> = Object.create(null);
  const seen = new Map<string, string>();
  for (let i = 0; i < table.nRows; i++) {
    const label = cell(labelColumn, i);
    const raw = cell(valueColumn, i).trim();
    const at = (column: string) => ({ location: { file: source, line: table.lineOf(i), column } });
    if (label.trim() === "") throw inputError("empty label", { ...at("label"), hint: "give the label as it appears in the data" });
    const key = normalizeLabel(label);
    const value = raw.toLowerCase() === "missing" ? "missing" : parseNumber(raw);
    if (value === undefined) throw inputError(`value ${quoteValue(raw)} is not a number or "missing"`, { ...at("value"), hint: 'give the item value the label stands for, or "missing"' });
    const before = seen.get(key);
    if (before !== undefined && before !== String(value)) {
      throw inputError(`label "${label}" is given twice with different values (${before} and ${value})`, { ...at("label"), hint: "labels are matched ignoring case and spacing; keep one" });
    }
    seen.set(key, String(value));
    if (value === "missing") missingCodes.push(label);
    else labels[label] = value;
    locations[label] = at("label").location;
  }
  return { labels, missingCodes, locations };
}

/** Splits a comma-separated list of missing codes: numbers become numbers, the rest stay text. */
export function parseCodeList(text: string): (string | number)[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => parseNumber(s) ?? s);
}
