import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { type BalanceTable, baselineBalance } from "./balance.js";
import { type DescriptiveCounts, describeCharacteristic } from "./descriptives.js";
import { type AnalysisFrame, TREATED } from "./frame.js";
import { type ResponseCounts, responseCounts } from "./response-counts.js";

/**
 * What a run's report needs from the analysis frame beyond results.json and flow.json — all of it
 * aggregates (counts, means, the distribution of weights), never a participant's identifier:
 * the descriptive tables and baseline balance the SAP asks for (`output.descriptives`,
 * `output.balance`), response by trial group × arm, and each weight's values among respondents by
 * arm (for the distribution plot).
 */
export interface ReportData {
  descriptives: DescriptiveCounts[];
  balance: BalanceTable[];
  responses: ResponseCounts;
  weights: { name: string; survey: string; treated: number[]; control: number[]; /** The trimming cap (weights have mean 1 in each cell), if the SAP sets one. */
    cap: number | null }[];
}

export function reportData(
  frame: AnalysisFrame,
  membersOf: ReadonlyMap<string, Int32Array>,
  weights: ReadonlyMap<string, Float64Array>,
  diagnostics: Readonly<Record<string, WeightDiagnostics>>,
): ReportData {
  const output = frame.sap.output ?? {};
  const everyone = Int32Array.from({ length: frame.n }, (_, i) => i);
  // a single-arm evaluation's tables are by site (or in one column: everyone is .treated = 1)
  const defaultBy = output.trial_group ?? frame.sap.treatment?.column ?? frame.sap.evaluation?.site ?? TREATED;
  const descriptives = (output.descriptives ?? []).map((spec, i) =>
    describeCharacteristic(frame, spec, spec.by ?? defaultBy, spec.population ? membersOf.get(spec.population)! : everyone, `output.descriptives[${i}]`),
  );
  const balance = output.balance
    ? (output.balance.populations ?? [...membersOf.keys()]).map((p) => baselineBalance(frame, p, membersOf.get(p)!, output.balance!.variables))
    : [];
  const weightData = [...weights.entries()].map(([name, values]) => {
    const split: { treated: number[]; control: number[] } = { treated: [], control: [] };
    values.forEach((w, i) => {
      if (!Number.isNaN(w)) (frame.linked.arm[i] === 1 ? split.treated : split.control).push(w);
    });
    return { name, survey: frame.sap.weights![name].survey, ...split, cap: diagnostics[name].trim?.cap ?? null };
  });
  return { descriptives, balance, responses: responseCounts(frame, output.trial_group ?? null), weights: weightData };
}
