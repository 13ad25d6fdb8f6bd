import { parseDate } from "../data/dates.js";
import { recordMonths, windowOutcome } from "../derive/admin-window.js";
import { recodeBands, recodeMap, recodeQuantiles } from "../derive/recode.js";
import { TrialstatError, inputError, showValue } from "../errors.js";
import type { SapProblem } from "../sap/problems.js";
import { planHint } from "../sap/remedies.js";
import type { AdminDerive, DeriveSpec, RecodeDerive } from "../sap/types.js";
import { scoreInstrumentVariable } from "./instrument-variables.js";
import type { AnalysisFrame, FrameColumn } from "./frame.js";

/**
 * Computes the SAP's derived variables into the frame, each after the variables it reads
 * (a recode of a derived score comes after the score). Problems are collected per variable, so
 * validation lists them all; a cycle of recodes is a problem too.
 *
 * Returns a short record of what each derivation did (participants without records, …) for the
 * results' notes.
 */
export function deriveVariables(frame: AnalysisFrame): { problems: SapProblem[]; notes: Record<string, Record<string, number>> } {
  const specs = frame.sap.derive ?? {};
  const problems: SapProblem[] = [];
  const notes: Record<string, Record<string, number>> = {};
  const state = new Map<string, "doing" | "done" | "failed">();
  // the month of each record of a source's monthly dates, shared by the outcomes derived from it
  const months = new Map<Float64Array, Int32Array>();
  const visit = (name: string, chain: string[]): boolean => {
    const s = state.get(name);
    if (s === "done") return true;
    if (s === "failed") return false;
    if (s === "doing") {
      problems.push({ path: `derive.${name}`, message: `derived variables depend on each other in a cycle: ${[...chain, name].join(" → ")}` });
      state.set(name, "failed");
      return false;
    }
    state.set(name, "doing");
    const spec = specs[name];
    const dependency = "recode" in spec ? spec.recode : undefined;
    if (dependency !== undefined && dependency in specs && !visit(dependency, [...chain, name])) {
      state.set(name, "failed");
      return false;
    }
    try {
      const { column, note } = derive(frame, name, spec, months);
      frame.set(name, column);
      if (note) notes[name] = note;
      state.set(name, "done");
      return true;
    } catch (e) {
      if (!(e instanceof TrialstatError)) throw e;
      problems.push({ path: e.location?.path ?? `derive.${name}`, file: e.location?.file, line: e.location?.line, column: e.location?.column, message: e.message, hint: planHint(e, `derive.${name}`) });
      state.set(name, "failed");
      return false;
    }
  };
  for (const name of Object.keys(specs)) visit(name, []);
  return { problems, notes };
}

/**
 * A derived variable or weight must not take the name of a column of the randomised source: the
 * plan would silently read the derived values wherever it names the column (a covariate `age`
 * would become the derived `age`). Each clash is a problem naming both. (Two derived variables
 * cannot share a name: YAML keys are unique. Columns of other sources are named `source.column`,
 * which no derived name can be.)
 */
export function namesThatHideColumns(frame: AnalysisFrame): SapProblem[] {
  const randomised = frame.sources.get(frame.sap.linkage.randomised)!;
  const problems: SapProblem[] = [];
  const check = (section: "derive" | "weights", name: string) => {
    if (!randomised.table.hasColumn(name)) return;
    const what = section === "derive" ? "derived variable" : "weight";
    problems.push({
      path: `${section}.${name}`,
      message: `the ${what} ${name} has the name of a column of ${randomised.name} (${randomised.file}), which it would hide`,
      hint: `give the ${what} a name of its own (the column keeps its name ${name})`,
    });
  };
  for (const name of Object.keys(frame.sap.derive ?? {})) check("derive", name);
  for (const name of Object.keys(frame.sap.weights ?? {})) check("weights", name);
  return problems;
}

function derive(frame: AnalysisFrame, name: string, spec: DeriveSpec, months: Map<Float64Array, Int32Array>): { column: FrameColumn; note?: Record<string, number> } {
  if ("from" in spec) return adminVariable(frame, name, spec, months);
  if ("recode" in spec) return { column: recodeVariable(frame, name, spec) };
  return scoreInstrumentVariable(frame, name, spec);
}

function adminVariable(frame: AnalysisFrame, name: string, spec: AdminDerive, months: Map<Float64Array, Int32Array>): { column: FrameColumn; note: Record<string, number> } {
  const S = frame.sources.get(spec.from)!;
  const path = `derive.${name}`;
  const records = frame.linked.long.get(spec.from)!;
  let dates: { days: Float64Array; monthly: boolean };
  try {
    dates = S.dates(spec.date);
  } catch (e) {
    if (e instanceof TrialstatError) throw e.restated(`${path}.date: ${e.message}`);
    throw e;
  }
  const measure = spec.sum !== undefined ? "sum" : spec.count !== undefined ? "count" : "any";
  const condition = spec.count ?? spec.any;
  const column = spec.sum ?? condition!.column;
  let values: Float64Array;
  let equals: number | undefined;
  if (condition?.equals !== undefined && typeof condition.equals === "string") {
    // a text code (e.g. a benefit type): qualifying records become 1
    values = S.indicator(column, condition.equals);
    equals = 1;
  } else {
    values = S.numbers(column);
    equals = condition?.equals as number | undefined;
  }
  const out = windowOutcome({
    dates: dates.days,
    monthly: dates.monthly,
    values,
    randomisedOn: frame.linked.randomisedOn,
    window: spec.window,
    measure,
    condition: condition ? { atLeast: condition.at_least, equals } : undefined,
    atLeast: spec.at_least,
    absent: spec.absent,
    missing: spec.missing,
    records,
    recordMonth: dates.monthly ? monthsOf(months, dates.days) : undefined,
  });
  const note: Record<string, number> = { no_records_in_window: out.noRecords, missing_value_in_window: out.missingValue };
  if (measure === "sum") note.records_missing_value_in_window = out.recordsMissingValue;
  return { column: { kind: "number", values: out.values }, note };
}

function monthsOf(months: Map<Float64Array, Int32Array>, days: Float64Array): Int32Array {
  let m = months.get(days);
  if (!m) months.set(days, (m = recordMonths(days)));
  return m;
}

function recodeVariable(frame: AnalysisFrame, name: string, spec: RecodeDerive): FrameColumn {
  const path = `derive.${name}.recode`;
  const source = frame.get(spec.recode, path);
  if (spec.map) {
    const texts = source.kind === "number" ? Array.from(source.values, (v) => (Number.isNaN(v) ? null : String(v))) : source.values;
    return { kind: "text", values: recodeMap(texts, spec.map, (i) => `participant ${showValue(frame.linked.keys[i])}`, spec.recode) };
  }
  if (source.kind !== "number") throw inputError(`${spec.recode} is not numeric, so it cannot be cut into bands`, { location: { path }, hint: "use map: to recode text values" });
  if (spec.bands) {
    // dates are day numbers in the frame; a date limit ("2020-03-23") is compared as one
    const bands = spec.bands.map((b, i) => {
      if (typeof b.below !== "string") return { label: b.label, below: b.below };
      const day = parseDate(b.below);
      if (day === undefined) throw inputError(`"${b.below}" is not a date`, { location: { path: `derive.${name}.bands[${i}].below` }, hint: "write dates as YYYY-MM-DD" });
      return { label: b.label, below: day };
    });
    return { kind: "text", values: recodeBands(source.values, bands) };
  }
  return { kind: "text", values: recodeQuantiles(source.values, spec.quantiles!, spec.labels).labels };
}
