import type { Sap } from "./types.js";

/**
 * Participant keys never reach an aggregate output unless the SAP asks for row-level output
 * (`output: { row_level: true }`): a source's key column used where the outputs would list its
 * values — a descriptive table's characteristic or columns, a balance variable, a subgroup (one
 * level, and one effect, per participant), the trial group, a covariate or stratum (its levels name
 * coefficients in warnings), a weighting cell or class — is a problem of the plan, found before any
 * data are read.
 *
 * The key of the randomised source is named by its column (`id`) or as `source.column`
 * (`baseline.id`); every other source's key as `source.column` (`survey.id`).
 *
 * @example
 * // descriptives: [{ title: Ids, variable: id }] with sources.baseline.key: id →
 * // { path: ["output", "descriptives", 0, "variable"], message: "id is the participant key of baseline: ..." }
 */
export function participantKeyProblems(sap: Sap): { path: (string | number)[]; message: string; hint: string }[] {
  if (sap.output?.row_level) return [];
  const keyOf = new Map<string, string>();
  for (const [name, spec] of Object.entries(sap.sources)) keyOf.set(`${name}.${spec.key}`, name);
  const randomised = sap.sources[sap.linkage.randomised];
  if (randomised) keyOf.set(randomised.key, sap.linkage.randomised);

  const out: { path: (string | number)[]; message: string; hint: string }[] = [];
  const check = (path: (string | number)[], name: string | undefined, use: string) => {
    const source = name === undefined ? undefined : keyOf.get(name);
    if (source === undefined) return;
    out.push({
      path,
      message: `${name} is the participant key of ${source}: as ${use} it would put participants' keys in the outputs`,
      hint: "use another variable; if the outputs are meant to carry identifiers, say so with output: { row_level: true }",
    });
  };
  (sap.subgroups ?? []).forEach((v, i) => check(["subgroups", i], v, "a subgroup (an effect for each participant)"));
  (sap.covariates?.variables ?? []).forEach((v, i) => check(["covariates", "variables", i], v, "a covariate (a coefficient named after each participant)"));
  for (const [p, spec] of Object.entries(sap.populations)) (spec.strata ?? []).forEach((v, i) => check(["populations", p, "strata", i], v, "a stratum"));
  for (const [w, spec] of Object.entries(sap.weights ?? {})) {
    spec.covariates.forEach((v, i) => check(["weights", w, "covariates", i], v, "a weighting covariate"));
    (spec.within ?? []).forEach((v, i) => check(["weights", w, "within", i], v, "a weighting cell (a column of the response table for each participant)"));
  }
  const output = sap.output ?? {};
  check(["output", "trial_group"], output.trial_group, "the trial group (a column for each participant)");
  (output.descriptives ?? []).forEach((d, i) => {
    check(["output", "descriptives", i, "variable"], d.variable, "a descriptive characteristic (a row for each participant)");
    check(["output", "descriptives", i, "by"], d.by, "the columns of a descriptive table (a column for each participant)");
    (d.multi ?? []).forEach((m, j) => check(["output", "descriptives", i, "multi", j], m, "an answer of a multi-response question"));
  });
  (output.balance?.variables ?? []).forEach((v, i) => check(["output", "balance", "variables", i], v, "a balance variable (a row for each participant)"));
  return out;
}
