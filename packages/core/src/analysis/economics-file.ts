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
  if (!parsed.economics) throw new SapProblems(parsed.problems, "the economics file");
  const overall = results.rows.filter((r) => r.analysis === "itt" && r.subgroup === null);
  const names = { populations: [...new Set(overall.map((r) => r.population))], outcomes: [...new Set(overall.map((r) => r.outcome))] };
  const problems = economicsProblems(parsed.economics, names, []).map((p) => ({ file, ...parsed.locate(p.path), path: pathString(p.path), message: p.message, hint: p.hint }));
  if (problems.length) throw new SapProblems(problems, "the economics file");
  return benefitCostAnalysis(results.rows, parsed.economics, options);
}
