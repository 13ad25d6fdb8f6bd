import { parseJson } from "../data/json-text.js";
import { inputError } from "../errors.js";
import { pathString } from "../sap/problems.js";
import { levelFromKey } from "../stats/confidence-level.js";
import type { Lock } from "./conformance.js";
import { type FlatRow, type ResultsDocument, unflattenRow } from "./results.js";

/**
 * The JSON files that `trialstat check` and `trialstat lock` read — a SAP's lock, and results.json
 * given as --results or --expected (also to `reproduce`, `power` and `cba`) — parsed and checked
 * for the shape the commands rely on: every row's names, its number fields numbers (or null), the
 * labels text, and, for a reader that computes with them (`uses`), the numbers it needs present.
 * A file of the wrong shape (`{}`, `null`, `{"rows":[null]}`, a lock without its hash) is an input
 * error naming the file, the place inside it and what was expected there, never a crash further on.
 * Only what the commands read is required; other fields pass through untouched.
 *
 * @example
 * resultsFromJson('{"rows":[null]}', "results.json", "results");
 * // throws: results.json: rows[0] is null; expected an object with population, outcome, subgroup and level
 */
export function resultsFromJson(text: string, file: string, role: "results" | "expected results", uses?: ResultsUses): ResultsDocument {
  const hint = `${role === "results" ? "--results" : "--expected"} takes a results.json written by trialstat run; regenerate it with trialstat run SAP --out DIR`;
  const doc = parseJson(text, file, role, hint);
  const fail = shapeError(file, hint);
  if (!isObject(doc)) throw fail([], doc, "an object with rows (a results.json)");
  if (!Array.isArray(doc.rows)) throw fail(["rows"], doc.rows, "a list of result rows");
  doc.rows.forEach((row, i) => {
    if (!isObject(row)) throw fail(["rows", i], row, "an object with population, outcome, subgroup and level");
    for (const key of ["population", "outcome"]) if (typeof row[key] !== "string") throw fail(["rows", i, key], row[key], "text");
    if (row.subgroup !== null && typeof row.subgroup !== "string") throw fail(["rows", i, "subgroup"], row.subgroup, "text, or null for the overall effect");
    // absent in hand-made rows, which unflattenRow reads as an overall intention-to-treat effect
    if (row.level !== undefined && row.level !== null && typeof row.level !== "string") throw fail(["rows", i, "level"], row.level, "text, or null for the effect on the whole outcome");
    if (row.analysis !== undefined && typeof row.analysis !== "string") throw fail(["rows", i, "analysis"], row.analysis, "text (the estimator, e.g. itt)");
    for (const [key, value] of Object.entries(row)) {
      if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw fail(["rows", i, key], value, "a number, text, true/false or null");
      // null is how JSON writes a number that is not finite; text such as "0.1" would be computed with as text
      if (isNumberField(key) && value !== null && typeof value !== "number") throw fail(["rows", i, key], value, "a number (or null where it is not defined)");
    }
    if (uses && isOverallEffect(row)) for (const key of uses.overallNumbers) if (typeof row[key] !== "number") throw fail(["rows", i, key], row[key], `a number (${uses.reader} computes with it)`);
  });
  if (doc.labels !== undefined) {
    const labels = doc.labels;
    if (!isObject(labels)) throw fail(["labels"], labels, "an object with populations and outcomes (the names tables and plots show)");
    for (const kind of ["populations", "outcomes"]) {
      const named = labels[kind];
      if (!isObject(named)) throw fail(["labels", kind], named, `an object giving each of the ${kind} its label`);
      for (const [name, label] of Object.entries(named)) if (typeof label !== "string") throw fail(["labels", kind, name], label, "text (the label)");
    }
  }
  // the confidence levels are those whose intervals the rows hold (conf_low_95 → 0.95)
  const levels = [...new Set(doc.rows.flatMap((row) => Object.keys(row as object).flatMap((key) => /^conf_low_(\d+(?:\.\d+)?)$/.exec(key)?.[1] ?? [])))]
    .map(levelFromKey)
    .sort((a, b) => a - b);
  return { ...(doc as unknown as ResultsDocument), rows: doc.rows.map((row) => unflattenRow(row as FlatRow, levels)) };
}

/**
 * What a reader of results.json needs beyond the shape every reader does: `overallNumbers` are the
 * fields it computes with on the overall intention-to-treat rows (no subgroup, no level), which must
 * then be numbers, not null; `reader` names it in the message (`trialstat cba`).
 */
export interface ResultsUses {
  reader: string;
  overallNumbers: readonly string[];
}

/** The fields of a result row that hold numbers (EffectRow), intervals included: `conf_low_95`, `effect_conf_high_90`. */
const NUMBER_FIELDS = new Set(["estimate", "std_error", "statistic", "df", "p_value", "p_adjusted", "effect", "effect_std_error", "effect_size", "control_sd", "control_mean", "treated_mean", "relative_change", "n_control", "n_treated", "n_clusters", "interaction_p"]);

function isNumberField(key: string): boolean {
  return NUMBER_FIELDS.has(key) || /^(effect_)?conf_(low|high)_\d+(\.\d+)?$/.test(key);
}

/** The rows an analysis of the whole trial reads (as unflattenRow types them: no `analysis` is itt). */
function isOverallEffect(row: Record<string, unknown>): boolean {
  return (row.analysis ?? "itt") === "itt" && row.subgroup === null && (row.level ?? null) === null;
}

/** A SAP's lock (`SAP.lock`), checked: its SAP's name, a sha256, when it was locked and by which version, and any earlier registrations. */
export function lockFromJson(text: string, file: string): Lock {
  const hint = `${file} is written by trialstat lock; restore it from version control (a lock is never edited by hand)`;
  const doc = parseJson(text, file, "a SAP lock", hint);
  const fail = shapeError(file, hint);
  const registration = (value: unknown, at: (string | number)[]) => {
    if (!isObject(value)) throw fail(at, value, "an object with sha256, locked_at and trialstat_version");
    if (typeof value.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(value.sha256)) throw fail([...at, "sha256"], value.sha256, "a sha256 (64 hexadecimal digits)");
    for (const key of ["locked_at", "trialstat_version"]) if (typeof value[key] !== "string") throw fail([...at, key], value[key], "text");
  };
  if (!isObject(doc)) throw fail([], doc, "an object with sap, sha256, locked_at and trialstat_version");
  if (typeof doc.sap !== "string") throw fail(["sap"], doc.sap, "text (the SAP's file name)");
  registration(doc, []);
  if (doc.history !== undefined) {
    if (!Array.isArray(doc.history)) throw fail(["history"], doc.history, "a list of earlier registrations");
    doc.history.forEach((h, i) => registration(h, ["history", i]));
  }
  return doc as unknown as Lock;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function shapeError(file: string, hint: string) {
  return (at: (string | number)[], value: unknown, expected: string) =>
    inputError(`${at.length ? pathString(at) : "the document"} is ${describeValue(value)}; expected ${expected}`, { location: { file }, hint });
}

/** A JSON value in a few words, for messages: `null`, `a list`, `the number 3`, `the text "abc"`. */
function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === "number" ? "the number " : ""}${String(value)}`;
}
