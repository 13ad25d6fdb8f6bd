import { closest, unknownName } from "./problems.js";
import { measureVariables } from "./plan-variables.js";
import type { Sap } from "./types.js";

type Problem = { path: (string | number)[]; message: string; hint?: string };

/**
 * Checks that need no data for the choice between a randomised trial (`treatment:`) and a
 * single-arm service evaluation (`evaluation:`, docs/sap.md#evaluation):
 *
 * - a plan has exactly one of the two;
 * - a trial names its randomisation date (the windows, waves and withdrawals count from it); an
 *   evaluation may leave it out, and then has no survey waves or administrative windows, which need it;
 * - an evaluation's start and end are wide sources; each measure has a start and an end variable
 *   (its own, or its name in the start and end sources), a name of its own, and populations that
 *   exist; the Talking Therapies measures are measures of the plan;
 * - what only a treatment effect uses — covariates, subgroups, strata, reference levels, weighted or
 *   logit outcomes, variance estimators, clusters, multiplicity families, balance tables — is an
 *   error in an evaluation rather than silently ignored (an evaluation estimates no effect).
 *
 * @example
 * evaluationProblems({ ...plan, treatment: undefined, evaluation: undefined });
 * // [{ path: [], message: "the plan has neither treatment: (a randomised trial) nor evaluation: (a single-arm service evaluation)", … }]
 */
export function evaluationProblems(sap: Sap): Problem[] {
  const out: Problem[] = [];
  const evaluation = sap.evaluation;
  if (sap.treatment && evaluation) {
    out.push({ path: ["evaluation"], message: "the plan has both treatment: (a randomised trial) and evaluation: (a single-arm service evaluation)", hint: "keep treatment: for a trial, or evaluation: for a service without a control group" });
  } else if (!sap.treatment && !evaluation) {
    out.push({ path: [], message: "the plan has neither treatment: (a randomised trial) nor evaluation: (a single-arm service evaluation)", hint: "add treatment: { column, treated, control }, or evaluation: { start, end, site } for a service without a control group" });
  }
  if (sap.treatment && sap.linkage.randomisation_date === undefined) {
    out.push({ path: ["linkage"], message: "a randomised trial needs linkage.randomisation_date", hint: "name the randomised source's date-of-randomisation column" });
  }
  if (sap.linkage.randomisation_date === undefined) {
    const why = "counts from each person's date of entry, which linkage.randomisation_date names";
    for (const [name, spec] of Object.entries(sap.sources)) {
      if (spec.wave) out.push({ path: ["sources", name, "wave"], message: `a survey wave ${why}`, hint: "add randomisation_date: (e.g. the referral date) to linkage:" });
    }
    for (const [name, d] of Object.entries(sap.derive ?? {})) {
      if ("from" in d) out.push({ path: ["derive", name, "window"], message: `an administrative outcome's window ${why}`, hint: "add randomisation_date: (e.g. the referral date) to linkage:" });
    }
  }
  if (!evaluation || sap.treatment) return out;

  const sources = Object.keys(sap.sources);
  for (const end of ["start", "end"] as const) {
    const source = evaluation[end];
    if (source === undefined) continue;
    if (!sources.includes(source)) {
      out.push(unknownName(["evaluation", end], "source", source, sources));
    } else if (sap.sources[source].shape === "long") {
      out.push({ path: ["evaluation", end], message: `the ${end} measurement is read from a wide source (one row per person), but ${source} is long` });
    }
  }
  const populations = Object.keys(sap.populations);
  const measures = new Set<string>();
  (evaluation.measures ?? []).forEach((m, i) => {
    const path = ["evaluation", "measures", i];
    if (measures.has(m.name)) out.push({ path: [...path, "name"], message: `the measure ${m.name} is listed twice` });
    measures.add(m.name);
    const variables = measureVariables(evaluation, m);
    for (const end of ["start", "end"] as const) {
      if (variables[end] === undefined) {
        out.push({ path, message: `the measure ${m.name} has no ${end} variable`, hint: `give it ${end}: (a variable), or name the source of the ${end} measurement in evaluation.${end}` });
      }
    }
    (m.populations ?? []).forEach((p, j) => {
      if (!populations.includes(p)) out.push({ path: [...path, "populations", j], message: `no population named "${p}"`, hint: `populations: ${populations.join(", ")}` });
    });
  });
  const tt = evaluation.talking_therapies;
  for (const which of ["phq9", "gad7"] as const) {
    if (tt && !measures.has(tt[which])) {
      const guess = closest(tt[which], [...measures]);
      out.push({ path: ["evaluation", "talking_therapies", which], message: `no measure named "${tt[which]}"`, hint: guess ? `did you mean "${guess}"?` : "list it under evaluation.measures" });
    }
  }

  // `what` says "a …" for one thing, else it names several
  const effectOnly = (path: (string | number)[], what: string) =>
    out.push({ path, message: `${what} belong${/^an? /.test(what) ? "s" : ""} to a treatment effect, which a single-arm evaluation does not estimate`, hint: "remove it: an evaluation reports change, rates and counts, unadjusted" });
  if (sap.covariates) effectOnly(["covariates"], "covariates");
  if (sap.subgroups?.length) effectOnly(["subgroups"], "subgroups");
  if (sap.reference) effectOnly(["reference"], "reference levels");
  if (sap.weights) effectOnly(["weights"], "non-response weights");
  for (const [name, p] of Object.entries(sap.populations)) if (p.strata?.length) effectOnly(["populations", name, "strata"], "strata");
  sap.outcomes.forEach((o, i) => {
    if (o.covariates?.length) effectOnly(["outcomes", i, "covariates"], "an outcome's covariates");
    if (o.weights !== undefined) effectOnly(["outcomes", i, "weights"], "non-response weights");
    if (o.model !== undefined) effectOnly(["outcomes", i, "model"], "a model");
  });
  const inference = sap.inference ?? {};
  if (inference.se !== undefined) effectOnly(["inference", "se"], "a variance estimator");
  if (inference.cluster !== undefined) effectOnly(["inference", "cluster"], "a cluster");
  if (inference.multiplicity?.length) effectOnly(["inference", "multiplicity"], "multiplicity adjustments");
  if (sap.output?.balance) effectOnly(["output", "balance"], "balance tables by arm");
  return out;
}
