import { ownEntry } from "../own-entry.js";
import { unknownName } from "./problems.js";
import type { EconomicsSpec } from "./types.js";

/**
 * The checks of a benefit–cost specification (a plan's `economics:` section, or the file of
 * `trialstat cba`) against the names it may use: every population with a cost and every valued
 * outcome exists; a cost is either per_recruit or pooled from populations that have per_recruit and
 * recruits; covariances name a costed population and valued outcomes, with a square matrix.
 * `path` starts with `prefix` ("economics" in a plan, nothing in a file of its own).
 *
 * @example
 * economicsProblems(spec, { populations: ["scr_iw"], outcomes: ["employed13w"] }, ["economics"]);
 */
export function economicsProblems(
  spec: EconomicsSpec,
  names: { populations: readonly string[]; outcomes: readonly string[] },
  prefix: (string | number)[],
): { path: (string | number)[]; message: string; hint?: string }[] {
  const out: { path: (string | number)[]; message: string; hint?: string }[] = [];
  for (const [name, cost] of Object.entries(spec.costs)) {
    const path = [...prefix, "costs", name];
    if (!names.populations.includes(name)) out.push(unknownName(path, "population", name, names.populations));
    if ((cost.per_recruit === undefined) === (cost.pooled === undefined)) {
      out.push({ path, message: "a cost is either per_recruit or pooled from other populations", hint: "give per_recruit: the cost per person randomised to the treatment group" });
    }
    (cost.pooled ?? []).forEach((part, i) => {
      const partCost = spec.costs[part];
      if (!partCost) out.push({ path: [...path, "pooled", i], message: `${part} has no cost to pool`, hint: `give costs.${part} with per_recruit and recruits` });
      else if (partCost.per_recruit === undefined || partCost.recruits === undefined) {
        out.push({ path: [...path, "pooled", i], message: `${part} needs per_recruit and recruits to be pooled`, hint: "recruits: the people randomised to its treatment group" });
      }
    });
  }
  for (const name of Object.keys(spec.values)) if (!names.outcomes.includes(name)) out.push(unknownName([...prefix, "values", name], "outcome", name, names.outcomes));
  (spec.covariances ?? []).forEach((c, i) => {
    const path = [...prefix, "covariances", i];
    if (!ownEntry(spec.costs, c.population)) out.push({ path: [...path, "population"], message: `${c.population} has no cost, so no benefit–cost analysis` });
    c.outcomes.forEach((o, j) => {
      if (!ownEntry(spec.values, o)) out.push({ path: [...path, "outcomes", j], message: `${o} has no value, so it is not drawn`, hint: "list valued outcomes only" });
    });
    const k = c.outcomes.length;
    if (c.matrix.length !== k || c.matrix.some((row) => row.length !== k)) out.push({ path: [...path, "matrix"], message: `the matrix must be ${k} × ${k}: a row and a column for each outcome, in their order` });
  });
  return out;
}
