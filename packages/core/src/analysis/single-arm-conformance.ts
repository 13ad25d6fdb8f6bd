import { measureVariables } from "../sap/plan-variables.js";
import type { Sap } from "../sap/types.js";
import type { ResultsDocument } from "./results.js";
import type { SingleArmResults } from "./single-arm-rows.js";

/**
 * `trialstat check` for a single-arm evaluation (a plan with `evaluation:`; conformance.ts for the
 * trial's rows): the analyses the plan declares — each measure's change, each outcome and the
 * Talking Therapies measures, in each population they apply to — must all be in results.json's
 * `single_arm`, and nothing else; and, against expected results, every row (matched on its list,
 * population, name and site) must agree, numbers within the tolerance and everything else exactly.
 *
 * @example
 * declaredSingleArm(sap); // ["evaluated / gad7 (change)", …, "ips_users / paid_job", "evaluated / Talking Therapies"]
 */
function declaredSingleArm(sap: Sap): string[] {
  const out: string[] = [];
  const evaluation = sap.evaluation;
  if (!evaluation) return out;
  const applies = (o: { populations?: string[] }, p: string) => !o.populations || o.populations.includes(p);
  for (const p of Object.keys(sap.populations)) {
    for (const m of evaluation.measures ?? []) if (applies(m, p) && measureVariables(evaluation, m).start !== undefined) out.push(`${p} / ${m.name} (change)`);
    for (const o of sap.outcomes) if (applies(o, p)) out.push(`${p} / ${o.name}`);
    const tt = evaluation.talking_therapies;
    const both = tt && [tt.phq9, tt.gad7].map((name) => evaluation.measures?.find((m) => m.name === name));
    if (both && both.every((m) => m && applies(m, p))) out.push(`${p} / Talking Therapies`);
  }
  return out;
}

function presentSingleArm(results: SingleArmResults): Set<string> {
  return new Set([
    ...results.changes.map((r) => `${r.population} / ${r.measure} (change)`),
    ...[...results.rates, ...results.counts, ...results.means].map((r) => `${r.population} / ${r.outcome}`),
    ...results.talking_therapies.map((r) => `${r.population} / Talking Therapies`),
  ]);
}

export function checkDeclaredSingleArm(sap: Sap, results: ResultsDocument): string[] {
  const declared = new Set(declaredSingleArm(sap));
  const present = results.single_arm ? presentSingleArm(results.single_arm) : new Set<string>();
  return [
    ...[...declared].filter((d) => !present.has(d)).map((d) => `missing analysis: ${d} is declared in the SAP but not in the results`),
    ...[...present].filter((p) => !declared.has(p)).map((p) => `undeclared analysis: ${p} is in the results but not in the SAP`),
  ];
}

/** Every single-arm row as `list / population / name / site` → its fields flattened to dotted paths. */
function flatRows(results: SingleArmResults | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (!results) return out;
  const lists = { flow: results.flow, changes: results.changes, rates: results.rates, counts: results.counts, means: results.means, talking_therapies: results.talking_therapies } as const;
  for (const [list, rows] of Object.entries(lists)) {
    for (const row of rows as readonly object[]) {
      const r = row as Record<string, unknown>;
      const name = r.measure ?? r.outcome ?? r.label;
      // as results.json holds it (NaN as null), whether the row was just computed or read back
      out.set(`${list} / ${r.population ?? "flow"} / ${String(name)} / ${r.site ?? "total"}`, flatten(JSON.parse(JSON.stringify(r))));
    }
  }
  return out;
}

function flatten(value: unknown, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
}

export function compareSingleArm(actual: ResultsDocument, expected: ResultsDocument, tolerance: number): string[] {
  const deviations: string[] = [];
  const got = flatRows(actual.single_arm);
  const want = flatRows(expected.single_arm);
  for (const [key, e] of want) {
    const a = got.get(key);
    if (!a) {
      deviations.push(`${key}: in the expected results but not produced`);
      continue;
    }
    deviations.push(...fieldDeviations(key, e, a, tolerance));
  }
  for (const key of got.keys()) if (!want.has(key)) deviations.push(`${key}: produced but not in the expected results`);
  return deviations;
}

/**
 * How one row's fields differ from the expected: numbers when |a − b| > tolerance · max(|a|, |b|)
 * (magnitudes below 1e-12 equal), anything else when not identical; one line each.
 */
export function fieldDeviations(key: string, expected: Readonly<Record<string, unknown>>, actual: Readonly<Record<string, unknown>>, tolerance: number): string[] {
  const out: string[] = [];
  for (const [field, want] of Object.entries(expected)) {
    const got = actual[field];
    if (typeof want === "number" && typeof got === "number") {
      const scale = Math.max(Math.abs(want), Math.abs(got));
      if (scale > 1e-12 && Math.abs(got - want) > tolerance * scale) out.push(`${key}: ${field} is ${got}, expected ${want} (relative difference ${(Math.abs(got - want) / scale).toExponential(2)} > ${tolerance})`);
    } else if (got !== want) out.push(`${key}: ${field} is ${JSON.stringify(got ?? null)}, expected ${JSON.stringify(want)}`);
  }
  return out;
}
