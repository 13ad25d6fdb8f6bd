import type { Sap } from "../sap/types.js";
import type { EffectRow } from "./effect-row.js";
import { plannedOutcomes, requestedAnalyses } from "../sap/plan-analyses.js";
import { type ResultsDocument, flattenRow } from "./results.js";
import { checkDeclaredSingleArm, compareSingleArm, fieldDeviations } from "./single-arm-conformance.js";

/**
 * Conformance of results to a registered plan (the CI gate behind `trialstat check`):
 * - the SAP must be the locked one (same content hash);
 * - every analysis the SAP declares must be in the results, and nothing it does not declare;
 * - results given as a file must be this plan's, computed from the plan's sources as they are now;
 * - optionally, every number must match an expected results file within a tolerance.
 * Each deviation is one line a reviewer can read.
 */
export interface Lock extends Registration {
  sap: string;
  /** Earlier registrations of this SAP, oldest first: each re-registration of a changed plan (`lock --force`) adds one. */
  history?: Registration[];
}

/** One registration of a SAP: its content hash, when, and by which version of trialstat. */
export interface Registration {
  sha256: string;
  locked_at: string;
  trialstat_version: string;
}

/**
 * The lock for a plan registered again after a change (`trialstat lock --force`): the new hash,
 * with the registration it replaces kept in `history`, so that the change stays on record.
 */
export function reRegister(previous: Lock, now: Registration): Lock {
  const { history = [], sap, ...before } = previous;
  return { sap, ...now, history: [...history, { sha256: before.sha256, locked_at: before.locked_at, trialstat_version: before.trialstat_version }] };
}

/**
 * How a SAP stands against its lock, as deviations a reviewer can read: the SAP differs from the
 * registered version, and each time it was registered again after a change. Empty for a plan
 * that is exactly the one registered once. Reported by `check`, recorded in results.json
 * (`deviations`) and shown in the report.
 */
export function registrationDeviations(lock: Lock, sapName: string, sapSha256: string): string[] {
  const out: string[] = [];
  const registrations = [...(lock.history ?? []), lock];
  for (let k = 1; k < registrations.length; k++) {
    const before = registrations[k - 1];
    const after = registrations[k];
    out.push(
      `SAP re-registered: ${sapName} was changed after it was locked on ${before.locked_at} (sha256 ${short(before.sha256)}) and locked again on ${after.locked_at} (sha256 ${short(after.sha256)}) with --force`,
    );
  }
  if (lock.sha256 !== sapSha256) out.push(`SAP changed: ${sapName} no longer matches the version locked on ${lock.locked_at} (sha256 ${short(lock.sha256)} locked, ${short(sapSha256)} now)`);
  return out;
}

const short = (sha256: string) => `${sha256.slice(0, 12)}…`;

/**
 * The analyses a SAP declares: population × outcome, overall and per subgroup (the ITT), and beside
 * the overall effect what the plan asks for (sap/plan-analyses.ts): Lin's adjustment, the CACE,
 * randomisation inference, the bootstrap and each kind of bounds.
 */
export function declaredAnalyses(sap: Sap): string[] {
  const out: string[] = [];
  for (const { population, outcome: o } of plannedOutcomes(sap)) {
    out.push(analysisKey(population, o.name, null));
    for (const s of sap.subgroups ?? []) out.push(analysisKey(population, o.name, s));
    const asked = requestedAnalyses(sap, population, o);
    const beside = [...(asked.lin ? ["lin"] : []), ...(asked.cace ? ["cace"] : []), ...(asked.randomisation ? ["randomisation"] : []), ...(asked.bootstrap ? ["bootstrap"] : []), ...asked.bounds];
    for (const b of beside) out.push(analysisKey(population, o.name, null, b));
  }
  return out;
}

/** What each analysis beside the ITT is called in a deviation. */
const BESIDE: Record<string, string> = {
  lin: "Lin's adjustment",
  cace: "complier average causal effect",
  randomisation: "randomisation inference",
  bootstrap: "bootstrap",
  lee: "Lee bounds",
  worst_case: "worst-case bounds",
};

function analysisKey(population: string, outcome: string, subgroup: string | null, beside?: string): string {
  return `${population} / ${outcome} / ${subgroup === null ? "overall" : `by ${subgroup}`}${beside ? `: ${BESIDE[beside]}` : ""}`;
}

/** The analyses a results row holds: its own, and those whose fields it carries. */
function rowAnalyses(r: EffectRow): string[] {
  if (r.analysis !== "itt") return [analysisKey(r.population, r.outcome, r.subgroup, r.analysis)];
  const beside = [
    ...(r.randomisation ? ["randomisation"] : []),
    ...(r.bootstrap ? ["bootstrap"] : []),
    ...(r.bounds?.lee ? ["lee"] : []),
    ...(r.bounds?.worst_case ? ["worst_case"] : []),
  ];
  return [analysisKey(r.population, r.outcome, r.subgroup), ...beside.map((b) => analysisKey(r.population, r.outcome, r.subgroup, b))];
}

function rowKey(r: Pick<EffectRow, "population" | "outcome" | "subgroup" | "level" | "analysis">): string {
  const key = `${r.population} / ${r.outcome} / ${r.subgroup === null ? "overall" : `${r.subgroup} = ${r.level}`}`;
  return r.analysis === "itt" ? key : `${key}: ${BESIDE[r.analysis]}`;
}

export function checkDeclared(sap: Sap, results: ResultsDocument): string[] {
  if (!sap.treatment) return checkDeclaredSingleArm(sap, results);
  const declared = new Set(declaredAnalyses(sap));
  const present = new Set(results.rows.flatMap(rowAnalyses));
  const deviations: string[] = [];
  for (const d of declared) if (!present.has(d)) deviations.push(`missing analysis: ${d} is declared in the SAP but not in the results`);
  for (const p of present) if (!declared.has(p)) deviations.push(`undeclared analysis: ${p} is in the results but not in the SAP`);
  return deviations;
}

/**
 * Whether results given as a file (`check --results`) are this plan's, computed from its data as
 * they are now: the plan's sha256 against the one the results record, and each of the plan's
 * sources (its file as the plan names it, and `sourceHash(file)`, the sha256 of its bytes now)
 * against the input the results record for it. Without this, another plan's results, or results
 * of older data, pass the gate whenever they hold the declared analyses.
 *
 * @example
 * provenanceDeviations(sap, sapHash(text), results, (file) => sha256Of(file));
 * // ["the results are of another plan: they record other.yaml, sha256 b6b6b26e8b12…; this plan's is 3f0c…"]
 */
export function provenanceDeviations(sap: Sap, planSha256: string, results: ResultsDocument, sourceHash: (file: string) => string): string[] {
  const short = (hash: string) => `${hash.slice(0, 12)}…`;
  const deviations: string[] = [];
  if (results.sap.sha256 !== planSha256) {
    deviations.push(`the results are of another plan: they record ${results.sap.file}, sha256 ${short(results.sap.sha256)}; this plan's is ${short(planSha256)}`);
  }
  const recorded = new Map(results.inputs.map((i) => [i.source, i]));
  for (const [name, spec] of Object.entries(sap.sources)) {
    const input = recorded.get(name);
    if (!input) deviations.push(`the results record no input for the source ${name} (${spec.file})`);
    else if (input.file !== spec.file) deviations.push(`the source ${name} was read from ${input.file} for the results; the plan reads ${spec.file}`);
    else {
      const now = sourceHash(spec.file);
      if (input.sha256 !== now) deviations.push(`the source ${name} (${spec.file}) has changed since the results were computed: sha256 ${short(input.sha256)} then, ${short(now)} now`);
    }
  }
  for (const input of results.inputs) {
    if (!Object.hasOwn(sap.sources, input.source)) deviations.push(`the results were computed from a source the plan does not have: ${input.source} (${input.file})`);
  }
  return deviations;
}

/**
 * Compares two results documents row by row (matched on population, outcome, subgroup and level).
 * Numbers differ when |a − b| > tolerance · max(|a|, |b|), with magnitudes below 1e-12 treated as
 * equal; text and counts must match exactly.
 */
export function compareResults(actual: ResultsDocument, expected: ResultsDocument, tolerance: number): string[] {
  const deviations: string[] = [];
  // compared as results.json holds them: every field, intervals spread by level
  const byKey = new Map(actual.rows.map((r) => [rowKey(r), flattenRow(r)]));
  const expectedKeys = new Set(expected.rows.map(rowKey));
  for (const row of expected.rows) {
    const key = rowKey(row);
    const e = flattenRow(row);
    const a = byKey.get(key);
    if (!a) {
      deviations.push(`${key}: in the expected results but not produced`);
      continue;
    }
    deviations.push(...fieldDeviations(key, e, a, tolerance));
  }
  for (const key of byKey.keys()) if (!expectedKeys.has(key)) deviations.push(`${key}: produced but not in the expected results`);
  // a single-arm evaluation's rows (results.json's single_arm)
  deviations.push(...compareSingleArm(actual, expected, tolerance));
  return deviations;
}
