import { type TrialstatError, analysisError, inputError, showValue } from "../errors.js";
import type { Sap } from "../sap/types.js";
import type { AnalysisFrame, FrameColumn } from "./frame.js";

/**
 * What a population's members must have before any effect is estimated in it, checked on the
 * variables the plan names so that the message can name them (a model would only say that a
 * column of its design is constant):
 *
 * - each subgroup has at least two levels among the members (one level has nothing to compare);
 * - each covariate is recorded for at least one member (an adjustment the plan pre-specifies
 *   cannot be made from a column that is empty there);
 * - each numeric outcome analysed in the population is recorded for at least one member;
 * - each of the population's strata is recorded for every member: it is part of how they were
 *   randomised, so a member without one cannot be analysed as randomised (and must not drop out of
 *   the models unannounced, as a missing covariate would).
 *
 * Returns each failure with the SAP path of what failed; `outcomes.k` failures concern that
 * outcome only, the others every analysis in the population.
 *
 * @example
 * populationChecks(frame, sap, "all", members); // [{ path: "subgroups.0", error: … "has one level" … }]
 */
export function populationChecks(frame: AnalysisFrame, sap: Sap, population: string, members: Int32Array): { path: string; error: TrialstatError }[] {
  const out: { path: string; error: TrialstatError }[] = [];
  const where = `population ${population}`;
  (sap.populations[population]?.strata ?? []).forEach((name, j) => {
    const column = frame.get(name);
    const missing = members.find((m) => valueAt(column, m) === null);
    if (missing === undefined) return;
    out.push({
      path: `populations.${population}.strata`,
      error: inputError(`the stratum ${name} is missing for participant ${showValue(frame.linked.keys[missing])}, a member of ${where}`, {
        location: { path: `populations.${population}.strata[${j}]` },
        hint: "every member needs the stratum they were randomised in: fill it in, or check the column the population's strata name",
      }),
    });
  });
  (sap.subgroups ?? []).forEach((name, i) => {
    const levels = new Set<string | number>();
    const column = frame.get(name);
    for (const m of members) {
      const v = valueAt(column, m);
      if (v !== null) levels.add(v);
      if (levels.size > 1) return;
    }
    const message =
      levels.size === 0 ? `the subgroup ${name} is missing for every member of ${where}` : `the subgroup ${name} has one level (${[...levels][0]}) in ${where}, so there is nothing to compare`;
    out.push({ path: `subgroups.${i}`, error: inputError(message, { location: { path: `subgroups[${i}]` }, hint: "a subgroup needs two levels or more among the population's members: check the data, or analyse the subgroup in another population" }) });
  });
  (sap.covariates?.variables ?? []).forEach((name, i) => {
    const column = frame.get(name);
    for (const m of members) if (valueAt(column, m) !== null) return;
    out.push({
      path: `covariates.variables.${i}`,
      error: inputError(`the covariate ${name} is missing for every member of ${where}, so the analysis cannot be adjusted for it`, {
        location: { path: `covariates.variables[${i}]` },
        hint: "check the extract (an empty column?), or remove the covariate from the plan (a deviation, once it is registered)",
      }),
    });
  });
  sap.outcomes.forEach((outcome, k) => {
    if (outcome.populations && !outcome.populations.includes(population)) return;
    const column = frame.get(outcome.name);
    if (column.kind !== "number") return; // reported, with its values, when the outcome is read as a number
    for (const m of members) if (!Number.isNaN(column.values[m])) return;
    out.push({
      path: `outcomes.${k}`,
      error: analysisError(`the outcome ${outcome.name} is missing for every member of ${where}`, {
        location: { path: `outcomes[${k}]` },
        hint: "check the outcome's source and derivation (window, survey wave), or leave this population out of the outcome's populations",
      }),
    });
  });
  return out;
}

function valueAt(column: FrameColumn, i: number): string | number | null {
  if (column.kind === "number") return Number.isNaN(column.values[i]) ? null : column.values[i];
  return column.values[i];
}
