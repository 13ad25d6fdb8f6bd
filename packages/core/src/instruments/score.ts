/**
 * Scoring a table of questionnaire responses: item columns → decoded items → scales, bands, number
 * answered, prorated flags. Column-oriented throughout, so a million respondents score in well under
 * a second once the CSV is read.
 */
import type { Column, DataTable } from "../data/table.js";
import { TableBuilder } from "../data/table-builder.js";
import { inputError, listNames } from "../errors.js";
import { csvCell } from "../report/csv.js";
import { getInstrument } from "./registry.js";
import { decodeItemColumn, itemCodings, type ResponseOptions } from "./responses.js";
import { classify, settingTo } from "./summed.js";
import type { InstrumentDefinition, MissingRule, ScoreResult } from "./types.js";
import { ENGLAND_2018, type Eq5dValueSet } from "./value-sets.js";

export interface ScoreOptions extends ResponseOptions {
  /**
   * Item columns in item order. Default: `<id>_<code>` — phq9_1..phq9_9 (and phq9_10 if present),
   * eq5d5l_mo..eq5d5l_ad (and eq5d5l_vas), ons4_satisfied, ons4_worthwhile, ons4_happy, ons4_anxious.
   */
  readonly items?: readonly string[];
  /** Changes to the instrument's default missing-item rule (see `resolveMissingRule`). */
  readonly missingRule?: Partial<MissingRule>;
  /** What to call the rule's fields in messages (SAP paths, or CLI options). */
  readonly missingRuleNames?: MissingRuleNames;
  /** EQ-5D-5L only: the value set (default England 2018). */
  readonly valueSet?: Eq5dValueSet;
}

/** Names of the missing-item rule's fields as the user wrote them, for the location of an error. */
export interface MissingRuleNames {
  readonly maxMissing: string;
  readonly prorate: string;
  readonly round: string;
}

export const MISSING_RULE_NAMES: MissingRuleNames = { maxMissing: "missingRule.maxMissing", prorate: "missingRule.prorate", round: "missingRule.round" };

/**
 * The rule that applies: the instrument's default with the given changes.
 *
 * Giving `maxMissing` > 0 without `prorate` turns prorating on (it is the only way to score with
 * items missing); giving `prorate: false` without `maxMissing` allows no missing item; giving both
 * `maxMissing` > 0 and `prorate: false` is an error. `names` locate errors (SAP paths or CLI options).
 */
export function resolveMissingRule(def: InstrumentDefinition, change: Partial<MissingRule> | undefined, names: MissingRuleNames = MISSING_RULE_NAMES): MissingRule | undefined {
  const given = Object.fromEntries(Object.entries(change ?? {}).filter(([, v]) => v !== undefined)) as Partial<MissingRule>;
  if (!def.missingRule) {
    if (Object.keys(given).length) {
      throw inputError(`${def.name} items are scored one by one: it has no missing-item rule to change`, {
        location: { path: names.maxMissing },
        hint: "leave out the missing-item options for this instrument",
      });
    }
    return undefined;
  }
  const k = def.items.filter((i) => i.scored).length;
  const { maxMissing, prorate, round } = given;
  if (maxMissing !== undefined && !(Number.isInteger(maxMissing) && maxMissing >= 0 && maxMissing < k)) {
    throw inputError(`the most missing items must be a whole number from 0 to ${k - 1} for ${def.name} (${k} items), got ${maxMissing}`, {
      location: { path: names.maxMissing },
      hint: "at least one item must be answered to give a score",
    });
  }
  if (prorate !== undefined && typeof prorate !== "boolean") {
    throw inputError(`prorating must be true or false, got ${String(prorate)}`, { location: { path: names.prorate }, hint: "use true or false" });
  }
  if (round !== undefined && round !== "half-up" && round !== "none") {
    throw inputError(`rounding must be "half-up" or "none", got "${String(round)}"`, { location: { path: names.round }, hint: 'use "half-up" (whole numbers) or "none"' });
  }
  if (maxMissing !== undefined && maxMissing > 0 && prorate === false) {
    throw inputError(`prorating is off, but up to ${maxMissing} missing items are allowed: a ${def.name} score from fewer items is only on the scale when prorated`, {
      location: { path: names.prorate },
      hint: `allow prorating, or give ${settingTo(names.maxMissing, 0)} so that any missing item gives no score`,
    });
  }
  const max = maxMissing ?? (prorate === false ? 0 : def.missingRule.maxMissing);
  if (prorate === true && max === 0) {
    throw inputError(`prorating is on, but ${def.name} allows no missing item, so nothing would be prorated`, {
      location: { path: names.prorate },
      hint: `also say how many items may be missing (${names.maxMissing})`,
    });
  }
  const rule: MissingRule = { maxMissing: max, prorate: max > 0, round: round ?? def.missingRule.round };
  def.checkRule?.(rule, names);
  if (rule.maxMissing > 0 && def.aggregate === undefined) {
    throw inputError(`${def.name} cannot be prorated`, { location: { path: names.maxMissing }, hint: "leave its missing-item rule at the default" });
  }
  return rule;
}

/** The item columns to read, in definition order (undefined for an optional item not given). */
export function resolveItemColumns(table: DataTable, def: InstrumentDefinition, items: readonly string[] | undefined): (string | undefined)[] {
  const required = def.items.filter((i) => !i.optional).length;
  const total = def.items.length;
  const expected = required === total ? `${total}` : `${required} (or ${total} with ${def.items.slice(required).map((i) => `${def.id}_${i.code}`).join(", ")})`;
  if (items === undefined) {
    const defaults = def.items.map((i) => `${def.id}_${i.code}`);
    const absent = defaults.slice(0, required).filter((c) => !table.hasColumn(c));
    if (absent.length) {
      throw inputError(`no item columns were named, and the default ${def.id} columns are not there: ${listNames(absent)}`, {
        location: { file: table.source, line: 1 },
        remedies: [{ setting: "items", value: "c1,c2,...", reason: `name the ${expected} item columns in item order, from those found: ${listNames(table.columnNames)}` }],
      });
    }
    return defaults.map((c, j) => (j < required || table.hasColumn(c) ? c : undefined));
  }
  if (items.length < required || items.length > total) {
    throw inputError(`${def.name} takes ${expected} item columns, but ${items.length} were given`, {
      hint: `list the item columns in item order: ${def.items.map((i) => `${def.id}_${i.code}`).join(",")}`,
    });
  }
  const seen = new Set<string>();
  for (const c of items) {
    if (seen.has(c)) throw inputError(`item column ${c} is listed twice`, { hint: "each item needs its own column" });
    seen.add(c);
    table.column(c); // an input error listing the columns if it is not there
  }
  return def.items.map((_, j) => items[j]);
}

/**
 * Scores every row of a table.
 *
 * @example
 * const t = parseCsv("id,phq9_1,...,phq9_9\n...", { source: "wave1.csv" });
 * const r = scoreTable(t, "phq9", { missingCodes: [-9, 99] });
 * r.score; r.band; r.answered; r.prorated
 */
export function scoreTable(table: DataTable, instrument: string | InstrumentDefinition, options: ScoreOptions = {}): ScoreResult {
  const def = typeof instrument === "string" ? getInstrument(instrument) : instrument;
  const columns = resolveItemColumns(table, def, options.items);
  const rule = resolveMissingRule(def, options.missingRule, options.missingRuleNames);
  if (options.valueSet && !def.usesValueSet) {
    throw inputError(`a value set applies only to EQ-5D-5L, not ${def.name}`, { hint: "leave out the value set" });
  }
  const valueSet = def.usesValueSet ? (options.valueSet ?? ENGLAND_2018) : undefined;
  const codings = itemCodings(def, options);
  const items = def.items.map((_, j) => (columns[j] === undefined ? undefined : decodeItemColumn(table, columns[j], codings[j], def)));
  const out = def.compute({
    n: table.nRows,
    items,
    rule,
    valueSet,
    rowError: (row, message, hint) => inputError(message, { location: { file: table.source, line: table.lineOf(row) }, hint }),
  });
  const extra: Record<string, Float64Array> = {};
  const extraBands: Record<string, (string | null)[]> = {};
  let band: (string | null)[] | undefined;
  for (const scale of def.scales) {
    const values = out.scales[scale.name];
    if (values === undefined) continue;
    if (scale.name !== "score") extra[scale.name] = values;
    if (scale.bands) {
      const bands = classify(values, scale.bands);
      if (scale.name === def.bandScale) band = bands;
      else extraBands[scale.name] = bands;
    }
  }
  return {
    instrument: def,
    missingRule: rule,
    valueSet,
    n: table.nRows,
    itemColumns: columns.filter((c): c is string => c !== undefined),
    score: out.scales.score,
    band,
    answered: out.answered,
    prorated: out.prorated,
    extra,
    extraBands,
  };
}

/**
 * Scores respondents given as rows of item values (numbers, labels, or null for missing), in item
 * order. Errors give the respondent's 1-based number where a file would give a line:
 * `respondents:3:phq9_2` is respondent 3, item 2.
 *
 * @example scoreItems("gad7", [[0, 1, 2, 3, 0, 1, 2], [3, 3, 3, 3, 3, 3, null]]).score // [9, 21]
 */
export function scoreItems(
  instrument: string | InstrumentDefinition,
  rows: readonly (readonly (number | string | null)[])[],
  options: Omit<ScoreOptions, "items"> = {},
): ScoreResult {
  const def = typeof instrument === "string" ? getInstrument(instrument) : instrument;
  const width = rows.length ? rows[0].length : def.items.filter((i) => !i.optional).length;
  const names = def.items.slice(0, width).map((i) => `${def.id}_${i.code}`);
  const builder = new TableBuilder(names, { source: "respondents" });
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw inputError(`respondent ${i + 1} has ${row.length} item values, respondent 1 has ${width}`, {
        location: { file: "respondents", line: i + 1 },
        hint: "give every respondent the same items, with null for a missing answer",
      });
    }
    builder.addRecord(
      row.map((v) => (v === null ? "" : String(v))),
      i + 1,
    );
  });
  return scoreTable(builder.finish(), def, { ...options, items: names });
}

export type ScoreColumnValues = Float64Array | Int32Array | Uint8Array | readonly (string | null)[];

/**
 * The result as named output columns, in a fixed order: `<p>_score`, `<p>_band`, each other scale
 * (`<p>_raw`, `<p>_percent`, ...) followed by its band if it has one, `<p>_answered`, and
 * `<p>_prorated` (except for ONS4, which never prorates). `<p>` is the instrument id unless a prefix
 * is given.
 */
export function scoreColumns(result: ScoreResult, prefix: string = result.instrument.id): { name: string; values: ScoreColumnValues }[] {
  const columns: { name: string; values: ScoreColumnValues }[] = [];
  if (result.score) columns.push({ name: `${prefix}_score`, values: result.score });
  if (result.band) columns.push({ name: `${prefix}_band`, values: result.band });
  for (const scale of result.instrument.scales) {
    const values = result.extra[scale.name];
    if (values === undefined) continue;
    columns.push({ name: `${prefix}_${scale.name}`, values });
    const bands = result.extraBands[scale.name];
    if (bands) columns.push({ name: `${prefix}_${scale.name}_band`, values: bands });
  }
  columns.push({ name: `${prefix}_answered`, values: result.answered });
  if (result.missingRule) columns.push({ name: `${prefix}_prorated`, values: result.prorated });
  return columns;
}

/**
 * The scores as CSV text: the id column first (its cells exactly as in the input), then
 * `scoreColumns`. A missing score or band is written NA. Byte-for-byte the same for the same input.
 */
export function scoreCsv(result: ScoreResult, options: { id?: Column; prefix?: string } = {}): string {
  const columns = scoreColumns(result, options.prefix);
  const header = [...(options.id ? [options.id.name] : []), ...columns.map((c) => c.name)].map(csvCell).join(",");
  // small whole numbers (scores, counts, flags) are formatted once
  const smallInts = Array.from({ length: 256 }, (_, v) => String(v));
  const writers = columns.map(({ values }) => {
    if (Array.isArray(values)) {
      const cells = new Map<string | null, string>();
      return (i: number) => {
        const v = (values as readonly (string | null)[])[i];
        let cell = cells.get(v);
        if (cell === undefined) cells.set(v, (cell = v === null ? "NA" : csvCell(v)));
        return cell;
      };
    }
    const numbers = values as Float64Array | Int32Array | Uint8Array;
    return (i: number) => {
      const v = numbers[i];
      return v >= 0 && v < 256 && (v | 0) === v ? smallInts[v] : v === v ? String(v) : "NA";
    };
  });
  const id = options.id;
  // a numeric id is written exactly as in the input ("007", "-5"); a text id is made spreadsheet-safe
  const idCell = id ? (id.kind === "number" ? (i: number) => id.text(i) ?? "" : (i: number) => csvCell(id.values[i])) : undefined;
  // rows are joined in blocks, so that a million rows never exist as a million separate strings
  const blocks: string[] = [header];
  const m = writers.length;
  const lines: string[] = [];
  for (let i = 0; i < result.n; i++) {
    let line = idCell ? `${idCell(i)},` : "";
    for (let j = 0; j < m; j++) line += j === 0 ? writers[j](i) : `,${writers[j](i)}`;
    lines.push(line);
    if (lines.length === 4096 || i === result.n - 1) {
      blocks.push(lines.join("\n"));
      lines.length = 0;
    }
  }
  return `${blocks.join("\n")}\n`;
}

const rows = (n: number) => `${n} row${n === 1 ? "" : "s"}`;

/** One line for people: rows read, scores given (how many prorated), rows without a score. */
export function scoreSummary(result: ScoreResult): string {
  const { n, score, answered, prorated, instrument } = result;
  if (!score) {
    const k = instrument.items.filter((i) => i.scored).length;
    let complete = 0;
    for (let i = 0; i < n; i++) if (answered[i] === k) complete++;
    return `${instrument.id}: ${rows(n)}; all ${k} items answered in ${complete}, some missing in ${n - complete}`;
  }
  let scored = 0;
  let fromFewer = 0;
  for (let i = 0; i < n; i++) {
    if (score[i] === score[i]) scored++;
    fromFewer += prorated[i];
  }
  return `${instrument.id}: ${rows(n)}, ${scored} scored (${fromFewer} prorated), ${n - scored} without a score`;
}
