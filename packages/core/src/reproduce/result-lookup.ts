import { quoteValue } from "../errors.js";
import type { EffectRow } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { closest } from "../sap/problems.js";

/**
 * The result row a published cell refers to. A population or outcome is named by its id in the
 * SAP or by its label as the report prints it; subgroups by their variable and level. Names match
 * exactly first, then ignoring case, spacing and the kind of dash ("18–29" as typeset is "18-29").
 * A name that matches nothing, or two things, is not found, with a note saying what there is.
 *
 * @example
 * findRow(results, { population: "WMCA (out of work)", outcome: "employed13w", subgroup: null, level: null });
 * // { row: <the wmca employed13w overall row>, population: "wmca", outcome: "employed13w" }
 */
export type Lookup = { row: EffectRow; population: string; outcome: string } | { row: undefined; note: string; population: string | null; outcome: string | null };

export function findRow(results: ResultsDocument, cell: { population: string; outcome: string; subgroup: string | null; level: string | null }): Lookup {
  // a published table is of intention-to-treat effects (Lin's and the CACE's rows are estimates beside them)
  const rows = results.rows.filter((r) => r.analysis === "itt");
  const population = matchName(cell.population, unique(rows.map((r) => r.population)), results.labels?.populations ?? {});
  if (typeof population !== "string") return { row: undefined, note: `no population ${quoteValue(cell.population)} in the results${population.note}`, population: null, outcome: null };
  const inPopulation = rows.filter((r) => r.population === population);
  const outcome = matchName(cell.outcome, unique(inPopulation.map((r) => r.outcome)), results.labels?.outcomes ?? {});
  if (typeof outcome !== "string") return { row: undefined, note: `no outcome ${quoteValue(cell.outcome)} in population ${population}${outcome.note}`, population, outcome: null };
  const candidates = inPopulation.filter((r) => r.outcome === outcome);
  if (cell.subgroup === null) {
    const row = candidates.find((r) => r.subgroup === null);
    return row ? { row, population, outcome } : { row: undefined, note: `no overall effect on ${outcome} in ${population}`, population, outcome };
  }
  const subgroup = matchName(cell.subgroup, unique(candidates.flatMap((r) => (r.subgroup === null ? [] : [r.subgroup]))), {});
  if (typeof subgroup !== "string") return { row: undefined, note: `no subgroup ${quoteValue(cell.subgroup)} for ${outcome} in population ${population}${subgroup.note}`, population, outcome };
  const levels = candidates.filter((r) => r.subgroup === subgroup);
  const level = matchName(cell.level ?? "", unique(levels.map((r) => r.level ?? "")), {});
  if (typeof level !== "string") return { row: undefined, note: `no level ${quoteValue(cell.level ?? "")} of ${subgroup}${level.note}`, population, outcome };
  return { row: levels.find((r) => r.level === level)!, population, outcome };
}

/** Text compared loosely: lower case, one space, one kind of dash and quote. */
function loose(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/** The id a typed name stands for (by id or label, exactly, then loosely), or why there is none. */
function matchName(typed: string, ids: readonly string[], labels: Readonly<Record<string, string>>): string | { note: string } {
  const labelOf = (id: string) => labels[id] ?? id;
  for (const same of [(a: string, b: string) => a === b, (a: string, b: string) => loose(a) === loose(b)]) {
    const hits = ids.filter((id) => same(id, typed) || same(labelOf(id), typed));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return { note: ` (it matches ${hits.join(" and ")})` };
  }
  const names = unique(ids.flatMap((id) => (labelOf(id) === id ? [id] : [id, labelOf(id)])));
  const guess = closest(typed, names);
  return { note: guess ? ` (did you mean ${quoteValue(guess)}?)` : ` (there are ${names.length > 8 ? `${names.slice(0, 8).join(", ")}, …` : names.join(", ")})` };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
