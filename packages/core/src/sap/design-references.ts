import { unknownName } from "./problems.js";
import type { Sap } from "./types.js";

/**
 * The checks of a plan's `design:` section that need no data (docs/sap.md#design): every population
 * and outcome it names exists; each population's planned size is either n (individually randomised)
 * or clusters and cluster_size (cluster-randomised, which the ICC marks), never a mix; a control rate
 * belongs to a binary outcome and an SD to any other, and a control rate by population names
 * populations of the plan.
 *
 * @example
 * designProblems({ ...plan, design: { populations: { scr: { clusters: 40 } } } });
 * // [{ path: ["design", "populations", "scr"], message: "a cluster-randomised population needs clusters and cluster_size …" }, …]
 */
export function designProblems(sap: Sap): { path: (string | number)[]; message: string; hint?: string }[] {
  const design = sap.design;
  if (!design) return [];
  const out: { path: (string | number)[]; message: string; hint?: string }[] = [];
  const populations = Object.keys(sap.populations);
  const cluster = design.icc !== undefined;
  for (const [name, p] of Object.entries(design.populations)) {
    const path = ["design", "populations", name];
    if (!populations.includes(name)) out.push(unknownName(path, "population", name, populations));
    const clusterKeys = p.clusters !== undefined || p.cluster_size !== undefined;
    if (cluster) {
      if (p.n !== undefined || p.clusters === undefined || p.cluster_size === undefined) {
        out.push({ path, message: "a cluster-randomised population needs clusters and cluster_size (and no n)", hint: "design.icc makes the design cluster-randomised: give the clusters randomised and the people per cluster" });
      }
    } else if (clusterKeys) {
      out.push({ path, message: "clusters and cluster_size describe a cluster-randomised design, which needs design.icc", hint: "add icc: (the intracluster correlation), or give n for an individually randomised trial" });
    } else if (p.n === undefined) {
      out.push({ path, message: "the planned size is missing", hint: "give n, the people randomised in both arms together" });
    }
  }
  const outcomes = new Map(sap.outcomes.map((o) => [o.name, o]));
  for (const [name, o] of Object.entries(design.outcomes ?? {})) {
    const path = ["design", "outcomes", name];
    const spec = outcomes.get(name);
    if (!spec) {
      out.push(unknownName(path, "outcome", name, [...outcomes.keys()]));
      continue;
    }
    if (o.control_rate !== undefined && spec.type !== "binary") out.push({ path: [...path, "control_rate"], message: `a control rate is for a binary outcome, and ${name} is ${spec.type}`, hint: "give sd: the outcome's standard deviation in its units" });
    if (o.sd !== undefined && spec.type === "binary") out.push({ path: [...path, "sd"], message: `${name} is binary: its SD follows from the control rate`, hint: "give control_rate instead" });
    if (o.control_rate !== undefined && typeof o.control_rate === "object") {
      for (const p of Object.keys(o.control_rate)) if (!populations.includes(p)) out.push(unknownName([...path, "control_rate", p], "population", p, populations));
    }
  }
  return out;
}
