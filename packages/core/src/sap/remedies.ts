import { type Remedy, type RemedyWording, SETTINGS, type SettingId, TrialstatError } from "../errors.js";
import { pathString } from "./problems.js";

/**
 * Remedies worded for the author of a SAP — every wording of the SAP runner in this one file. A
 * setting the plan has is named by its path there (`weights.nr12.trim.cap: 5`); one it does not
 * have is said plainly (`a plan cannot set the raking iteration limit`), never as a command-line
 * flag a plan cannot pass.
 *
 * Which entry of the plan a path names comes from the step that failed: `weights.nr12`,
 * `outcomes.3`, `derive.phq9_12` or `sources.baseline` (as `validatePlan` locates failures).
 *
 * @example
 * planHint(error, "weights.nr12");
 * // "check the response coding, or weight within fewer variables so that this cell joins a larger one (weights.nr12.within)"
 */
export interface PlanContext {
  weights?: string;
  outcome?: number;
  derive?: string;
  source?: string;
}

/** The entry of the plan a failed step names: `weights.nr12` → { weights: "nr12" }. */
export function planContext(step: string): PlanContext {
  const m = /^(weights|outcomes|derive|sources)(?:\.|\[)([^.\]]+)/.exec(step);
  if (!m) return {};
  const [, section, name] = m;
  if (section === "outcomes") return /^\d+$/.test(name) ? { outcome: Number(name) } : {};
  return section === "weights" ? { weights: name } : section === "derive" ? { derive: name } : { source: name };
}

/** How the SAP runner words remedies, for a failure in the given part of the plan. */
export function sapRemedyWording(at: PlanContext): RemedyWording {
  return (r) => SAP_SETTINGS[r.setting](r, at);
}

/** An error's hint with its remedies worded for the plan's author. */
export function planHint(e: TrialstatError, step: string): string | undefined {
  return e.hintWith(sapRemedyWording(planContext(step)));
}

/** The error as the SAP runner reports it: its remedies worded for the plan (and no longer left to the front end). */
export function forPlan(e: TrialstatError, step: string): TrialstatError {
  return e.remedies.length ? new TrialstatError(e.kind, e.message, { location: e.location, hint: planHint(e, step) }) : e;
}

const entry = (section: string, name: string | undefined) => (name === undefined ? `${section}.<name>` : pathString([section, name]));
const setAt = (path: string, value: Remedy["value"]) => (value === undefined ? path : `${path}: ${value}`);
const cannot = (setting: SettingId) => () => `a plan cannot set ${SETTINGS[setting]}`;
const inWeights = (key: string) => (r: Remedy, at: PlanContext) => setAt(`${entry("weights", at.weights)}.${key}`, r.value);
const inDerive = (key: string) => (r: Remedy, at: PlanContext) => setAt(`${entry("derive", at.derive)}.${key}`, r.value);
/** A model family, as an outcome's model says it. */
const MODEL_OF_FAMILY: Record<string, string> = { gaussian: "ols", binomial: "logit" };

const SAP_SETTINGS: Record<SettingId, (r: Remedy, at: PlanContext) => string> = {
  se: (r) => setAt("inference.se", r.value),
  cluster: (r) => setAt("inference.cluster", r.value),
  family: (r, at) => setAt(`${at.outcome === undefined ? "outcomes[…]" : pathString(["outcomes", at.outcome])}.model`, r.value === undefined ? undefined : (MODEL_OF_FAMILY[r.value] ?? r.value)),
  method: inWeights("method"),
  within: inWeights("within"),
  eligible: () => "a plan's survey wave expects everyone not withdrawn before it fell due",
  missing_covariates: inWeights("missing_covariates"),
  "trim.cap": inWeights("trim.cap"),
  "trim.percentile": inWeights("trim.percentile"),
  "rake.tolerance": cannot("rake.tolerance"),
  "rake.max_iterations": cannot("rake.max_iterations"),
  items: inDerive("items"),
  missing_codes: inDerive("missing_codes"),
  labels: inDerive("labels"),
  value_set: inDerive("value_set"),
  sheet: (r, at) => setAt(`${entry("sources", at.source)}.sheet`, r.value),
  arm: () => "treatment.column",
  // a plan's marginal effect is always the arm's
  marginal_effect: () => "treatment.column",
  lin_covariates: (r, at) => setAt(`${at.outcome === undefined ? "outcomes[…]" : pathString(["outcomes", at.outcome])}.lin`, r.value ?? "false"),
  bootstrap: () => "inference.bootstrap",
  "bootstrap.type": (r) => setAt("inference.bootstrap.type", r.value),
};
