import type { CommandName } from "./summaries.js";

/**
 * The examples that end each command's `--help` (and the program's): a comment saying what each
 * does, then the command after `$ `. Every example is runnable as written from the root of
 * trialstat's repository, whose examples/ and test/sap/mini/ folders hold the files they name
 * (test/cli/help-examples.test.ts runs each one in bash, in order, so a later example may use what an
 * earlier one wrote).
 */
const HELP_EXAMPLES: Record<CommandName | "trialstat", readonly (readonly [what: string, command: string])[]> = {
  trialstat: [
    ["fit a model with robust standard errors", 'trialstat fit --data examples/fit/trial.csv --formula "swemwbs12 ~ treat + swemwbs0 + site" --format table'],
    ["check and run an analysis plan", "trialstat validate test/sap/mini/sap.yaml && trialstat run test/sap/mini/sap.yaml --out out"],
    ["a command's options and examples", "trialstat fit --help"],
  ],
  validate: [
    ["list every problem of a plan (exit 0 when it would run)", "trialstat validate test/sap/mini/sap.yaml"],
    ["only the exit code", "trialstat validate test/sap/mini/sap.yaml --quiet && echo runs"],
  ],
  run: [
    ["run a plan: results.json, flow.json, report.html, tables/ and plots/ in out/", "trialstat run test/sap/mini/sap.yaml --out out"],
    ["the same, with the seconds each step took (on standard error)", "trialstat run test/sap/mini/sap.yaml --out out --timings"],
    ["no summary on standard output", "trialstat run test/sap/mini/sap.yaml --out out --quiet"],
  ],
  schema: [["JSON Schema of SAP files, for an editor's YAML support", "trialstat schema > sap-1.json"]],
  lock: [
    ["register a plan: write test/sap/mini/sap.yaml.lock with its hash", "trialstat lock test/sap/mini/sap.yaml"],
    ["register a changed plan again (a deviation, kept in the lock's history)", "trialstat lock test/sap/mini/sap.yaml --force"],
  ],
  check: [
    ["CI gate: the plan matches its lock and results match those expected (exit 3 if not)", "trialstat check test/sap/mini/sap.yaml --expected out/results.json"],
    ["check results written earlier instead of running the plan", "trialstat check test/sap/mini/sap.yaml --results out/results.json --expected out/results.json"],
  ],
  reproduce: [
    ["check a published table, typed in as printed, against the plan's results (exit 3 unless every cell reproduces)", "trialstat reproduce test/sap/mini/sap.yaml --published test/sap/mini/published.csv --results out/results.json"],
    ["the verdicts as JSON", "trialstat reproduce test/sap/mini/sap.yaml --published test/sap/mini/published.csv --results out/results.json --json"],
  ],
  fidelity: [
    ["Project 100's fidelity table from its reviews (item scores, totals, bands)", "trialstat fidelity --data examples/project-100/reviews.csv"],
    ["totals without two items, and fidelity against job outcome rates", "trialstat fidelity --data examples/project-100/reviews.csv --exclude-items 10,21 --outcomes examples/project-100/outcomes.csv"],
  ],
  monitor: [
    ["job outcome rates against the IPS and usual-support benchmarks, caseloads", "trialstat monitor --data examples/monitoring/outcomes.csv"],
    ["the same, with JSON, tables and funnel plots written to monitoring/", "trialstat monitor --data examples/monitoring/outcomes.csv --out monitoring"],
  ],
  fit: [
    ["least squares with HC2 standard errors, as a table", 'trialstat fit --data examples/fit/trial.csv --formula "swemwbs12 ~ treat + swemwbs0 + age + site" --format table'],
    ["cluster-robust (CR2) standard errors, as JSON", 'trialstat fit --data examples/fit/trial.csv --formula "swemwbs12 ~ treat + swemwbs0" --cluster clinic'],
    ["a logit with the average marginal effect of the arm", 'trialstat fit --data examples/fit/trial.csv --formula "employed ~ treat + age" --family binomial --marginal-effect treat --format table'],
    ["Lin's adjustment", 'trialstat fit --data examples/fit/trial.csv --formula "swemwbs12 ~ treat" --lin-covariates "~ swemwbs0 + age" --format table'],
    ["randomisation inference within strata", 'trialstat fit --data examples/fit/trial.csv --formula "swemwbs12 ~ treat + swemwbs0" --ri 2000 --seed 20240101 --strata site --format table'],
    ["data from standard input (-): weight a survey, then fit with the weights", 'trialstat weights --data examples/weights/survey12.csv --response responded12 --eligible eligible12 --covariates age,female --within group,arm --missing-covariates indicator --quiet | trialstat fit --data - --formula "swemwbs12 ~ arm + swemwbs0" --weights weight --format table'],
  ],
  weights: [
    ["logit response weights within group × arm, trimmed at 5; diagnostics printed, rows to a file", "trialstat weights --data examples/weights/survey12.csv --response responded12 --eligible eligible12 --covariates age,female,health --within group,arm --missing-covariates indicator --trim-cap 5 --out weighted.csv --report weights.md"],
    ["weighting classes; the weighted rows to standard output", "trialstat weights --data examples/weights/survey12.csv --response responded12 --eligible eligible12 --within group,arm --method cells --quiet > weighted.csv"],
  ],
  score: [
    ["score the PHQ-9, -9 meaning refused", "trialstat score --instrument phq9 --data examples/score/phq9.csv --missing-codes -9"],
    ["the scores to a file", "trialstat score --instrument phq9 --data examples/score/phq9.csv --missing-codes -9 --out scores.csv"],
    ["data from standard input", "trialstat score --instrument phq9 --data - --missing-codes -9 < examples/score/phq9.csv"],
    ["every instrument's items, ranges, bands and rules", "trialstat score --list"],
  ],
  power: [
    ["people per arm for 80% power to detect 0.2 SD (power.t.test)", "trialstat power --delta 0.2 --power 0.8"],
    ["power of a test of proportions 0.5 vs 0.6 with 400 a group (power.prop.test)", "trialstat power --p1 0.5 --p2 0.6 --n 400"],
    ["minimum detectable effect of a cluster trial, for two cluster sizes", "trialstat power --clusters 40 --cluster-size 20,30 --icc 0.05 --power 0.8"],
    ["what each population of a plan could detect (its design: section), reading the plan only", "trialstat power examples/hlt/sap.yaml"],
  ],
  cba: [
    ["returns per £1 spent (HLT Table 2.2) and their Monte Carlo distribution, from a run's results", "trialstat cba --results out/results.json --economics test/sap/mini/economics.yaml"],
    ["another seed; economics.json, economics.md, tables and plots written to cba/", "trialstat cba --results out/results.json --economics test/sap/mini/economics.yaml --seed 7 --out cba"],
  ],
  completion: [
    ["bash, this shell only", "source <(trialstat completion bash)"],
    ["bash, every new shell", "mkdir -p ~/.local/share/bash-completion/completions && trialstat completion bash > ~/.local/share/bash-completion/completions/trialstat"],
    ["zsh: a file on $fpath (here ~/.zfunc: add fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc)", "mkdir -p ~/.zfunc && trialstat completion zsh > ~/.zfunc/_trialstat"],
  ],
};

/** The examples section of a command's help: "Examples:", then each example's comment and command. */
export function examplesHelp(name: CommandName | "trialstat"): string {
  const lines = HELP_EXAMPLES[name].flatMap(([what, command]) => [`  # ${what}`, `  $ ${command}`]);
  const where = name === "trialstat" ? ["", "Files under examples/ and test/ are in trialstat's source repository."] : [];
  return ["", "Examples:", ...lines, ...where].join("\n");
}
