import { TrialstatError } from "../errors.js";
import { parseSap } from "../sap/parse.js";
import { SapProblems, pathString } from "../sap/problems.js";
import { checkReferences } from "../sap/references.js";
import type { Sap } from "../sap/types.js";
import { type DesignResults, designMdes, weightDesignEffects } from "./design-mdes.js";
import type { ResultsDocument } from "./results.js";
import { planStepError } from "./run-plan.js";

/**
 * The minimum detectable effects of a plan without running it (`trialstat power SAP`): the plan is
 * parsed and checked (schema and references; its data are not read), and its `design:` section
 * gives the MDES at the planned sizes — or, given the results.json of a run, at the sizes achieved.
 * Throws SapProblems, every problem located, when the plan is not valid or has no design section.
 *
 * @example
 * planDesign(text, "sap.yaml").design.rows; // one row per population × outcome, basis "planned"
 */
export function planDesign(sapText: string, sapFile: string, results?: ResultsDocument): { sap: Sap; design: DesignResults; labels: ResultsDocument["labels"] } {
  const parsed = parseSap(sapText, sapFile);
  if (!parsed.sap) throw new SapProblems(parsed.problems);
  const sap = parsed.sap;
  const problems = checkReferences(sap).map((r) => ({ file: sapFile, ...parsed.locate(r.path), path: pathString(r.path), message: r.message, hint: r.hint }));
  if (!sap.design) problems.push({ file: sapFile, path: "design", message: "the plan has no design section", hint: "add design: with the planned size of each population (docs/sap.md#design)" });
  if (problems.length) throw new SapProblems(problems);
  let design: DesignResults;
  try {
    design = designMdes(sap, results ? { rows: results.rows, weightDesignEffects: weightDesignEffects(results.weights ?? {}) } : undefined);
  } catch (e) {
    // located at the plan's line, as validate and run locate the same problem
    throw e instanceof TrialstatError ? planStepError(e, "design", sapFile, parsed.locate) : e;
  }
  const labels = {
    populations: Object.fromEntries(Object.entries(sap.populations).map(([name, p]) => [name, p.label ?? name])),
    outcomes: Object.fromEntries(sap.outcomes.map((o) => [o.name, o.label ?? o.name])),
  };
  return { sap, design, labels };
}
