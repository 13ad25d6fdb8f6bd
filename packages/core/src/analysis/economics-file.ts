import { economicsProblems } from "../sap/economics-references.js";
import { parseEconomics } from "../sap/parse.js";
import { SapProblems, pathString } from "../sap/problems.js";
import { type EconomicsOptions, type EconomicsResults, benefitCostAnalysis } from "./economics.js";
import type { ResultsUses } from "./conformance-documents.js";
import type { ResultsDocument } from "./results.js";

/**
 * What the benefit–cost analysis reads of results.json beyond its shape (resultsFromJson): each
 * overall effect's estimate and standard error, which it values. `control_sd` (for values per SD)
 * may be null: an outcome without spread among the controls is then reported as not calculated.
 */
export const ECONOMICS_RESULTS_USES: ResultsUses = { reader: "trialstat cba", overallNumbers: ["estimate", "std_error"] };

/** The hint of a problem of the economics file without one of its own: the file holds the keys of a plan's economics section. */
const ECONOMICS_HINT = "the file holds the keys of a SAP's economics: section, described in packages/core/docs/sap.md#economics";

/**
 * The benefit–cost analysis of `trialstat cba`: a run's results.json and an economics file — the
 * keys of a plan's `economics:` section in a file of their own — checked against the same schema
 * and against the populations and outcomes the results hold, then analysed as a plan's section is
 * (economics.ts). Throws SapProblems, every problem located in the economics file.
 *
 * @example
 * economicsFromFile(resultsFromJson(json, "results.json", "results", ECONOMICS_RESULTS_USES), yaml, "economics.yaml", { draws: 10000 });
 */
export function economicsFromFile(results: ResultsDocument, text: string, file: string, options: EconomicsOptions = {}): EconomicsResults {
  const parsed = parseEconomics(text, file);
  if (!parsed.economics) throw new SapProblems(parsed.problems, "the economics file", ECONOMICS_HINT);
  const overall = results.rows.filter((r) => r.analysis === "itt" && r.subgroup === null);
  const names = { populations: [...new Set(overall.map((r) => r.population))], outcomes: [...new Set(overall.map((r) => r.outcome))] };
  const problems = economicsProblems(parsed.economics, names, []).map((p) => ({ file, ...parsed.locate(p.path), path: pathString(p.path), message: p.message, hint: p.hint }));
  // the seed may come from the options instead (cba's --seed); without either, the file lacks it
  if (options.seed === undefined && parsed.economics.seed === undefined) {
    problems.push({ file, ...(parsed.locate([]) ?? { line: 1 }), path: "seed", message: "the benefit–cost Monte Carlo needs a seed", hint: "add seed: with a whole number such as 20240101, and keep it with the results, so that the draws can be made again" });
  }
  if (problems.length) throw new SapProblems(problems, "the economics file", ECONOMICS_HINT);
  return benefitCostAnalysis(results.rows, parsed.economics, options);
}
