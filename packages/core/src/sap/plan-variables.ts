import type { EvaluationSpec, MeasureSpec, Sap } from "./types.js";

/**
 * Every variable a plan names, each once per place it is named, with that place (a SAP path, as
 * `parseSap(...).locate` and `pathString` take it) and its role there. The one list that the checks
 * of a plan read — names that must exist (analysis/run-plan.ts), participant keys that must not
 * reach the outputs (participant-keys.ts), outcomes that must not explain themselves
 * (references.ts) — and that says which columns of a source the plan reads (so a long source keeps
 * only those).
 *
 * Two kinds of name:
 * - a variable of the analysis frame (`source` absent): a column of the randomised source,
 *   `source.column` for another wide source, or a derived variable or weight;
 * - a column read straight from one source (`source` set): keys, dates, items, record measures.
 *
 * @example
 * planVariables(sap).filter((v) => v.role === "covariate");
 * // [{ name: "age", path: ["covariates", "variables", 0], role: "covariate" }, …]
 */
export interface PlanVariable {
  /** As the plan writes it. */
  name: string;
  /** Where the plan names it. */
  path: (string | number)[];
  role: VariableRole;
  /** For a column read straight from a source: that source. */
  source?: string;
}

/** What a variable is used for where the plan names it. */
export type VariableRole = FrameRole | ColumnRole;

/** Roles of variables of the analysis frame. */
export type FrameRole =
  | "outcome"
  | "covariate"
  | "outcome covariate"
  | "subgroup"
  | "stratum"
  | "cluster"
  | "reference"
  | "population filter"
  | "weighting covariate"
  | "weighting cell"
  | "recode source"
  | "trial group"
  | "descriptive variable"
  | "descriptive by"
  | "descriptive answer"
  | "balance variable"
  | "randomisation block"
  | "randomisation stratum"
  | "take-up"
  | "site"
  | "measure at start"
  | "measure at end"
  | "flow filter";

/** Roles of columns read straight from a source. */
export type ColumnRole =
  | "key"
  | "treatment"
  | "randomisation date"
  | "withdrawal date"
  | "erasure flag"
  | "duplicates order"
  | "response indicator"
  | "item"
  | "record date"
  | "record measure";

export function planVariables(sap: Sap): PlanVariable[] {
  const out: PlanVariable[] = [];
  const add = (role: VariableRole, path: (string | number)[], name: string | undefined, source?: string) => {
    if (name !== undefined) out.push(source === undefined ? { name, path, role } : { name, path, role, source });
  };
  const each = (role: VariableRole, path: (string | number)[], names: readonly string[] | undefined, source?: string) =>
    (names ?? []).forEach((name, i) => add(role, [...path, i], name, source));

  // variables of the analysis frame, in the order the plan's checks report them
  each("covariate", ["covariates", "variables"], sap.covariates?.variables);
  each("subgroup", ["subgroups"], sap.subgroups);
  sap.outcomes.forEach((o, i) => {
    add("outcome", ["outcomes", i, "name"], o.name);
    each("outcome covariate", ["outcomes", i, "covariates"], o.covariates);
  });
  add("cluster", ["inference", "cluster"], sap.inference?.cluster);
  add("randomisation block", ["inference", "randomisation", "blocks"], sap.inference?.randomisation?.blocks);
  each("randomisation stratum", ["inference", "randomisation", "strata"], sap.inference?.randomisation?.strata);
  add("take-up", ["take_up", "variable"], sap.take_up?.variable);
  for (const v of Object.keys(sap.reference ?? {})) add("reference", ["reference", v], v);
  for (const [p, spec] of Object.entries(sap.populations)) {
    for (const v of Object.keys(spec.where ?? {})) add("population filter", ["populations", p, "where", v], v);
    each("stratum", ["populations", p, "strata"], spec.strata);
  }
  for (const [w, spec] of Object.entries(sap.weights ?? {})) {
    each("weighting covariate", ["weights", w, "covariates"], spec.covariates);
    each("weighting cell", ["weights", w, "within"], spec.within);
  }
  for (const [d, spec] of Object.entries(sap.derive ?? {})) if ("recode" in spec) add("recode source", ["derive", d, "recode"], spec.recode);
  const output = sap.output ?? {};
  add("trial group", ["output", "trial_group"], output.trial_group);
  (output.descriptives ?? []).forEach((d, i) => {
    add("descriptive variable", ["output", "descriptives", i, "variable"], d.variable);
    add("descriptive by", ["output", "descriptives", i, "by"], d.by);
    each("descriptive answer", ["output", "descriptives", i, "multi"], d.multi);
  });
  each("balance variable", ["output", "balance", "variables"], output.balance?.variables);
  const evaluation = sap.evaluation;
  if (evaluation) {
    add("site", ["evaluation", "site"], evaluation.site);
    evaluation.measures?.forEach((m, i) => {
      const { start, end } = measureVariables(evaluation, m);
      add("measure at start", ["evaluation", "measures", i, m.start === undefined ? "name" : "start"], start);
      add("measure at end", ["evaluation", "measures", i, m.end === undefined ? "name" : "end"], end);
    });
    evaluation.flow?.forEach((stage, i) => {
      for (const v of Object.keys(stage.where ?? {})) add("flow filter", ["evaluation", "flow", i, "where", v], v);
    });
  }

  // columns read straight from the sources
  const randomised = sap.linkage.randomised;
  for (const [s, spec] of Object.entries(sap.sources)) {
    add("key", ["sources", s, "key"], spec.key, s);
    add("duplicates order", ["sources", s, "duplicates", "by"], spec.duplicates?.by, s);
    add("response indicator", ["sources", s, "responded"], spec.responded, s);
  }
  add("treatment", ["treatment", "column"], sap.treatment?.column, randomised);
  add("randomisation date", ["linkage", "randomisation_date"], sap.linkage.randomisation_date, randomised);
  const { withdrawal, erasure } = sap.linkage;
  if (withdrawal) add("withdrawal date", ["linkage", "withdrawal", "date"], withdrawal.date, withdrawal.source);
  if (erasure) add("erasure flag", ["linkage", "erasure", "column"], erasure.column, erasure.source);
  for (const [d, spec] of Object.entries(sap.derive ?? {})) {
    const path = ["derive", d];
    if ("from" in spec) {
      add("record date", [...path, "date"], spec.date, spec.from);
      add("record measure", [...path, "sum"], spec.sum, spec.from);
      add("record measure", [...path, "count", "column"], spec.count?.column, spec.from);
      add("record measure", [...path, "any", "column"], spec.any?.column, spec.from);
    } else if (!("recode" in spec)) {
      each("item", [...path, "items"], spec.items, spec.source);
    }
  }

  return out;
}

/** The variables of the analysis frame a plan names (every name but the columns read straight from a source). */
export function frameVariables(sap: Sap): (PlanVariable & { role: FrameRole })[] {
  return planVariables(sap).filter((v): v is PlanVariable & { role: FrameRole } => v.source === undefined);
}

/** The columns of one source that the plan reads straight from it. */
export function sourceColumns(sap: Sap, source: string): Set<string> {
  return new Set(planVariables(sap).filter((v) => v.source === source).map((v) => v.name));
}

/**
 * The variables holding a single-arm evaluation's measure at the start and at the end: those the
 * measure names, else the column of its name in the evaluation's start and end sources
 * (`first.gad7`); undefined where neither is given (sap/references.ts says so).
 */
export function measureVariables(evaluation: EvaluationSpec, measure: MeasureSpec): { start: string | undefined; end: string | undefined } {
  return {
    start: measure.start ?? (evaluation.start !== undefined ? `${evaluation.start}.${measure.name}` : undefined),
    end: measure.end ?? (evaluation.end !== undefined ? `${evaluation.end}.${measure.name}` : undefined),
  };
}
