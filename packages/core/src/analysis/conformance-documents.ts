import { inputError } from "../errors.js";
import { pathString } from "../sap/problems.js";
import type { Lock } from "./conformance.js";
import { type FlatRow, type ResultsDocument, unflattenRow } from "./results.js";

/**
 * The JSON files that `trialstat check` and `trialstat lock` read — a SAP's lock, and results.json
 * given as --results or --expected — parsed and checked for the shape the comparison relies on.
 * A file of the wrong shape (`{}`, `null`, `{"rows":[null]}`, a lock without its hash) is an input
 * error naming the file, the place inside it and what was expected there, never a crash further on.
 * Only what the commands read is required; other fields pass through untouched.
 *
 * @example
 * resultsFromJson('{"rows":[null]}', "results.json", "results");
 * // throws: results.json: rows[0] is null; expected an object with population, outcome, subgroup and level
 */
export function resultsFromJson(text: string, file: string, role: "results" | "expected results"): ResultsDocument {
  const hint = `${role === "results" ? "--results" : "--expected"} takes a results.json written by trialstat run; regenerate it with trialstat run SAP --out DIR`;
  const doc = parseJson(text, file, role, hint);
  const fail = shapeError(file, hint);
  if (!isObject(doc)) throw fail([], doc, "an object with rows (a results.json)");
  if (!Array.isArray(doc.rows)) throw fail(["rows"], doc.rows, "a list of result rows");
  doc.rows.forEach((row, i) => {
    if (!isObject(row)) throw fail(["rows", i], row, "an object with population, outcome, subgroup and level");
    for (const key of ["population", "outcome"]) if (typeof row[key] !== "string") throw fail(["rows", i, key], row[key], "text");
    if (row.subgroup !== null && typeof row.subgroup !== "string") throw fail(["rows", i, "subgroup"], row.subgroup, "text, or null for the overall effect");
    for (const [key, value] of Object.entries(row)) {
      if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw fail(["rows", i, key], value, "a number, text, true/false or null");
    }
  });
  // the confidence levels are those whose intervals the rows hold (conf_low_95 → 0.95)
  const levels = [...new Set(doc.rows.flatMap((row) => Object.keys(row as object).flatMap((key) => /^conf_low_(\d+(?:\.\d+)?)$/.exec(key)?.[1] ?? [])))]
    .map((k) => Number(k) / 100)
    .sort((a, b) => a - b);
  return { ...(doc as unknown as ResultsDocument), rows: doc.rows.map((row) => unflattenRow(row as FlatRow, levels)) };
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

function parseJson(text: string, file: string, what: string, hint: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw inputError(`not valid JSON (${what}): ${(e as Error).message}`, { location: { file }, hint });
  }
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
