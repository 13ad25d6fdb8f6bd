import { ownEntry } from "../own-entry.js";
import type { Sap } from "../sap/types.js";

/**
 * The words a report prints for the plan's codes, from the SAP: populations and outcomes by their
 * `label`; arms, subgroup levels and other categories by the plan-level `labels` (a variable's
 * values → labels, e.g. `labels: { arm: { T: IPS, C: Usual support } }`); variables by
 * `variable_labels` (e.g. `variable_labels: { age_band: Age }`). Every lookup falls back to the
 * code itself, so a plan without labels reports its codes. See docs/sap.md#labels.
 *
 * @example
 * const l = reportLabels(sap);
 * l.arm("treated");            // "IPS" (or "T" without a label)
 * l.value("gender", "F");      // "Female"
 * l.variable("age_band");      // "Age"
 */
export interface ReportLabels {
  population(name: string): string;
  outcome(name: string): string;
  /** A variable's name as the report prints it (subgroups, covariates). */
  variable(name: string): string;
  /** A value of a variable as the report prints it. */
  value(variable: string, value: string): string;
  /** An arm's label: the treatment column's value label, else its code. */
  arm(arm: "treated" | "control"): string;
  /** The codes of the arms, as in the data. */
  armCodes: { treated: string; control: string };
}

export function reportLabels(sap: Sap): ReportLabels {
  const values = sap.labels ?? {};
  const value = (variable: string, v: string) => ownEntry(ownEntry(values, variable), v) ?? v;
  // a single-arm evaluation has no treatment: no arms to label
  const codes = { treated: String(sap.treatment?.treated ?? ""), control: String(sap.treatment?.control ?? "") };
  const column = sap.treatment?.column ?? "";
  return {
    population: (name) => ownEntry(sap.populations, name)?.label ?? name,
    outcome: (name) => sap.outcomes.find((o) => o.name === name)?.label ?? name,
    variable: (name) => ownEntry(sap.variable_labels, name) ?? name,
    value,
    arm: (arm) => value(column, codes[arm]),
    armCodes: codes,
  };
}
