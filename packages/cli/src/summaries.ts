/** Each command's one-line description, as `trialstat --help` lists it (and its own --help repeats it). */
export const COMMAND_SUMMARIES = {
  validate: "check a SAP against the schema and its data and carry it out without writing anything; list every problem, and the warnings run would give",
  run: "run a SAP over its data and write results.json, flow.json, report.html, tables and plots to --out",
  schema: "print the JSON Schema of SAP files (for editors and other tools)",
  lock: "register a SAP: write SAP.lock with its content hash and a timestamp (--force: re-register a changed plan)",
  check: "CI gate: the SAP matches its lock, every declared analysis is present, results match --expected",
  reproduce: "check the results against a published table as printed, cell by cell (reproduced, within rounding, not reproduced, not found); exit 3 unless all reproduce",
  fit: "fit a linear or logistic regression with robust or cluster-robust standard errors",
  weights: "non-response weights for a survey wave, with diagnostics (response by cell, weight summary, balance)",
  score: "score a questionnaire for every row of a CSV file: score, band, items answered, prorated",
  power: "power, sample size or minimum detectable effect (as power.t.test, power.prop.test; Bloom's MDES for clusters, covariates, response; a SAP's design)",
  cba: "benefit–cost analysis of a run: returns per £1 spent (HLT Table 2.2) and their Monte Carlo distribution",
  fidelity: "IPS-25 fidelity reviews per service and date: Project 100's table (item scores, totals, bands), change between reviews, fidelity against job outcomes",
  monitor: "job outcome rates per service and period with Wilson intervals, against benchmarks (IPS 55%, usual support 25%), caseload per specialist, funnel plots",
  completion: "print a shell completion script: trialstat completion bash (or zsh)",
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;

export function commandSummary(name: CommandName): string {
  return COMMAND_SUMMARIES[name];
}
