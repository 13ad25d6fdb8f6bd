/**
 * A generic Likert scale, so that an analysis plan can define a scale we do not ship without code.
 */
import { parseJson } from "../data/json-text.js";
import { inputError, type ErrorLocation } from "../errors.js";
import { isBuiltInInstrument } from "./registry.js";
import { numberedItems, summedCompute } from "./summed.js";
import type { Band, InstrumentDefinition, ItemDefinition } from "./types.js";

/** The largest answer code a scale definition may give (1,000 items of it sum to 10⁹, exact in a double). */
const MAX_ANSWER_CODE = 1_000_000;

export interface LikertSpec {
  /** Lower-case id used in output column names (`<id>_score`): letters, digits, "_", starting with a letter. */
  readonly id: string;
  readonly name?: string;
  /** Where the scoring rules come from (a citation), for reports. */
  readonly source?: string;
  /** Number of items (codes "1".."n"), or the item codes. */
  readonly items: number | readonly string[];
  /** Lowest and highest item value, whole numbers: [1, 5]. */
  readonly range: readonly [number, number];
  /** Reverse-keyed items, 1-based: scored as min + max − value. */
  readonly reverse?: readonly number[];
  /** "sum" (score range n·min..n·max) or "mean" (min..max). */
  readonly aggregate: "sum" | "mean";
  /** Fewest items that must be answered for a score (default: all). */
  readonly minAnswered?: number;
  /** Score from the answered items when some are missing (default: true when minAnswered is below the number of items). */
  readonly prorate?: boolean;
  /** How a prorated sum is rounded (default "half-up" to a whole number). */
  readonly round?: "half-up" | "none";
  /** Bands of the score, ascending, covering its whole range. */
  readonly bands?: readonly Band[];
  /** Response labels and the values they code: { "Strongly disagree": 1, ... }. */
  readonly labels?: Readonly<Record<string, number>>;
}

const KEYS = ["id", "name", "source", "items", "range", "reverse", "aggregate", "minAnswered", "prorate", "round", "bands", "labels"];

/**
 * Builds an instrument definition from a Likert spec, usable by `scoreTable` like a built-in one.
 * Every field is checked; an error names the field (`location.path`, e.g. `scale.reverse[2]`).
 *
 * @example
 * const wemwbs = likertInstrument({ id: "wemwbs", items: 14, range: [1, 5], aggregate: "sum" });
 * const r = scoreTable(table, wemwbs);
 */
export function likertInstrument(spec: LikertSpec, where: { file?: string; path?: string } = {}): InstrumentDefinition {
  const base = where.path ?? "scale";
  const fail: (field: string, message: string, hint: string) => never = (field, message, hint) => {
    const location: ErrorLocation = { file: where.file, path: field ? `${base}.${field}` : base };
    throw inputError(message, { location, hint });
  };
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) fail("", "a Likert scale must be an object", `give ${KEYS.join(", ")}`);
  for (const key of Object.keys(spec)) {
    if (!KEYS.includes(key)) fail(key, `unknown field "${key}" in a Likert scale`, `fields are ${KEYS.join(", ")}`);
  }
  const { id, items, range, aggregate } = spec;
  if (typeof id !== "string" || !/^[a-z][a-z0-9_]*$/.test(id)) {
    fail("id", `id ${JSON.stringify(id)} is not a lower-case name`, "use letters, digits and _, starting with a letter (it names the output columns)");
  }
  if (isBuiltInInstrument(id)) fail("id", `"${id}" is a built-in instrument`, "choose another id for a scale of your own");
  for (const key of ["name", "source"] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== "string") fail(key, `${key} must be text`, `give the ${key} as a string`);
  }
  let codes: string[];
  if (typeof items === "number") {
    if (!Number.isInteger(items) || items < 1 || items > 1000) fail("items", `items must be a whole number of items from 1 to 1000, got ${items}`, "give the number of items, or a list of item codes");
    codes = Array.from({ length: items }, (_, j) => String(j + 1));
  } else if (Array.isArray(items) && items.length > 0) {
    codes = items.map((c, j) => {
      if (typeof c !== "string" || !/^[A-Za-z0-9_]+$/.test(c)) fail(`items[${j}]`, `item code ${JSON.stringify(c)} is not a name`, "use letters, digits and _");
      return c;
    });
    const dup = codes.find((c, j) => codes.indexOf(c) !== j);
    if (dup !== undefined) fail("items", `item code "${dup}" is given twice`, "give each item its own code");
  } else {
    fail("items", "items must be a number of items or a non-empty list of item codes", "e.g. items: 10");
  }
  const k = codes!.length;
  // answer codes of a questionnaire: bounded so that a score (up to 1,000 items) stays an exact
  // whole number in a double, never Infinity or a rounded 2⁵³
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isInteger(v) && Math.abs(v) <= MAX_ANSWER_CODE) || !(range[0] < range[1])) {
    fail("range", `range must be two whole numbers [lowest, highest], each at most ${MAX_ANSWER_CODE.toLocaleString("en-GB")} in size, got ${JSON.stringify(range)}`, "e.g. range: [1, 5]");
  }
  const [lo, hi] = range;
  if (aggregate !== "sum" && aggregate !== "mean") fail("aggregate", `aggregate must be "sum" or "mean", got ${JSON.stringify(aggregate)}`, 'use "sum" or "mean"');
  const reverse = spec.reverse ?? [];
  if (!Array.isArray(reverse)) fail("reverse", "reverse must be a list of item numbers", "e.g. reverse: [2, 5]");
  reverse.forEach((r, j) => {
    if (!Number.isInteger(r) || r < 1 || r > k) fail(`reverse[${j}]`, `reverse-keyed item ${JSON.stringify(r)} is not an item number from 1 to ${k}`, "item numbers count from 1");
    if (reverse.indexOf(r) !== j) fail(`reverse[${j}]`, `item ${r} is listed twice as reverse-keyed`, "list each item once");
  });
  const minAnswered = spec.minAnswered ?? k;
  if (!Number.isInteger(minAnswered) || minAnswered < 1 || minAnswered > k) {
    fail("minAnswered", `minAnswered must be a whole number from 1 to ${k}, got ${JSON.stringify(spec.minAnswered)}`, "the fewest items answered that still give a score");
  }
  if (spec.prorate !== undefined && typeof spec.prorate !== "boolean") fail("prorate", "prorate must be true or false", "use true or false");
  if (minAnswered < k && spec.prorate === false) {
    fail("prorate", `minAnswered ${minAnswered} is below the ${k} items, which needs prorate: true`, "a score from fewer items is only on the scale when prorated; or set minAnswered to the number of items");
  }
  if (minAnswered === k && spec.prorate === true) {
    fail("prorate", `prorate: true, but minAnswered is all ${k} items, so nothing would be prorated`, "set minAnswered below the number of items, or leave out prorate");
  }
  const round = spec.round ?? "half-up";
  if (round !== "half-up" && round !== "none") fail("round", `round must be "half-up" or "none", got ${JSON.stringify(spec.round)}`, 'use "half-up" or "none"');
  const scoreRange: [number, number] = aggregate === "sum" ? [k * lo, k * hi] : [lo, hi];
  const bands = spec.bands;
  if (bands !== undefined) checkBands(bands, scoreRange, (field, message, hint) => fail(`bands${field}`, message, hint));
  if (spec.labels !== undefined) {
    if (typeof spec.labels !== "object" || spec.labels === null || Array.isArray(spec.labels)) fail("labels", "labels must map each label to a value", 'e.g. labels: { "Strongly agree": 5 }');
    for (const [label, value] of Object.entries(spec.labels)) {
      if (!(Number.isInteger(value) && value >= lo && value <= hi)) fail(`labels.${label}`, `label "${label}" codes ${JSON.stringify(value)}, outside the item values ${lo}-${hi}`, "map each label to an item value");
    }
  }
  const itemDefs: ItemDefinition[] =
    typeof items === "number"
      ? numberedItems(k, [lo, hi], { reverse, labels: spec.labels })
      : numberedItems(k, [lo, hi], { reverse, labels: spec.labels }).map((it, j) => ({ ...it, code: codes[j], description: codes[j] }));
  const reversed = reverse.length ? `; items ${[...reverse].sort((a, b) => a - b).join(", ")} reverse-keyed` : "";
  return {
    id,
    name: spec.name ?? id,
    source: spec.source ?? "defined in the analysis plan",
    aggregate,
    scoring: `${aggregate} of ${k} items (${lo}-${hi})${reversed}`,
    items: itemDefs,
    scales: [{ name: "score", description: `${aggregate} of the items${reversed}`, range: scoreRange, bands }],
    bandScale: bands ? "score" : undefined,
    missingRule: { maxMissing: k - minAnswered, prorate: minAnswered < k, round },
    missingRuleSource: "defined in the analysis plan",
    compute: summedCompute(aggregate),
  };
}

/** Bands must be ascending, not overlap, leave no whole number between them, and run from the lowest to the highest possible score. */
function checkBands(bands: readonly Band[], [lo, hi]: readonly [number, number], fail: (field: string, message: string, hint: string) => never): void {
  if (!Array.isArray(bands) || bands.length === 0) fail("", "bands must be a non-empty list of { label, min, max }", 'e.g. bands: [{ label: "low", min: 0, max: 9 }, ...]');
  bands.forEach((b, j) => {
    if (typeof b !== "object" || b === null || typeof b.label !== "string" || b.label.trim() === "") fail(`[${j}].label`, "every band needs a label", "give each band a label");
    if (typeof b.min !== "number" || typeof b.max !== "number" || !(b.min <= b.max)) fail(`[${j}]`, `band "${b.label}" needs numbers min <= max`, "give min and max, inclusive");
    if (j > 0 && !(b.min > bands[j - 1].max)) fail(`[${j}].min`, `band "${b.label}" starts at ${b.min}, not above the previous band's max ${bands[j - 1].max}`, "list bands from lowest to highest, without overlap");
    // Bands are inclusive ranges of whole numbers (0-4, 5-9): a whole number between two bands is a score in
    // none of them, which the first-band-not-exceeded rule would silently give the higher band. A non-whole
    // score between two bands (4.5, unrounded) takes the higher band as documented, so only whole numbers count.
    const prev = bands[j - 1];
    const firstLeft = j > 0 ? Math.floor(prev.max) + 1 : Infinity;
    if (firstLeft < b.min) {
      const lastLeft = Math.ceil(b.min) - 1;
      const left = firstLeft === lastLeft ? `a score of ${firstLeft} is` : `scores of ${firstLeft}-${lastLeft} are`;
      fail(`[${j}].min`, `band "${b.label}" starts at ${b.min}, but the previous band "${prev.label}" ends at ${prev.max}: ${left} in no band`, `start "${b.label}" at ${firstLeft}, or end "${prev.label}" at ${lastLeft}: the bands must cover every possible score`);
    }
  });
  if (bands[0].min !== lo || bands[bands.length - 1].max !== hi) {
    fail("", `bands run from ${bands[0].min} to ${bands[bands.length - 1].max}, but scores run from ${lo} to ${hi}`, "the bands must cover every possible score");
  }
}

/**
 * A Likert scale from JSON text (what `trialstat score --definition FILE.json` reads).
 *
 * @example likertFromJson('{"id":"wemwbs","items":14,"range":[1,5],"aggregate":"sum"}', "wemwbs.json")
 */
export function likertFromJson(text: string, source: string): InstrumentDefinition {
  const spec = parseJson(text, source, "a scale definition", 'a scale definition is one JSON object, e.g. {"id": "myscale", "items": 10, "range": [1, 4], "aggregate": "sum"}');
  return likertInstrument(spec as LikertSpec, { file: source, path: "scale" });
}
