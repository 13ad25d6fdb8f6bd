import { type FrameRole, frameVariables } from "./plan-variables.js";
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
  for (const v of frameVariables(sap)) {
    const use = KEY_USES[v.role];
    const source = use === undefined ? undefined : keyOf.get(v.name);
    if (source === undefined) continue;
    out.push({
      path: v.path,
      message: `${v.name} is the participant key of ${source}: as ${use} it would put participants' keys in the outputs`,
      hint: "use another variable; if the outputs are meant to carry identifiers, say so with output: { row_level: true }",
    });
  }
  return out;
}

/**
 * The roles in which a variable's values (levels) would be listed in the outputs, each worded for
 * the message. Outcomes, filters, the cluster and recode sources are absent: a key there prints
 * nothing of its own.
 */
const KEY_USES: Partial<Record<FrameRole, string>> = {
  subgroup: "a subgroup (an effect for each participant)",
  covariate: "a covariate (a coefficient named after each participant)",
  "outcome covariate": "a covariate of an outcome (a coefficient named after each participant)",
  stratum: "a stratum",
  "weighting covariate": "a weighting covariate",
  "weighting cell": "a weighting cell (a column of the response table for each participant)",
  "trial group": "the trial group (a column for each participant)",
  "descriptive variable": "a descriptive characteristic (a row for each participant)",
  "descriptive by": "the columns of a descriptive table (a column for each participant)",
  "descriptive answer": "an answer of a multi-response question",
  "balance variable": "a balance variable (a row for each participant)",
  reference: "a variable with a reference level (its levels name coefficients)",
  site: "the site (a row of every table for each participant)",
};
