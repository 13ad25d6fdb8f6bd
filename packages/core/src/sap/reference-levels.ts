import { ownEntry } from "../own-entry.js";
import { closest } from "./problems.js";
import { type FrameRole, type PlanVariable, frameVariables } from "./plan-variables.js";
import type { Sap } from "./types.js";

/**
 * Checks of `reference: { variable: level }` (the reference level of a categorical variable of the
 * models, as R's `relevel`) that need no data:
 * - the variable is on the right-hand side of a model — a covariate (of every model or of an
 *   outcome), a subgroup or a stratum — since anywhere else a reference level changes nothing;
 * - where the plan itself says what the variable's levels are, the level is one of them: a recode's
 *   labels (its bands, the values of its map, its quantile labels, Q1 … Qq by default), a declared
 *   column's `values`; a variable the plan makes numeric (a column declared number or date, a Likert
 *   score, an administrative outcome) has no levels at all.
 * Whether the level occurs in the data is checked when the plan runs.
 *
 * @example
 * // reference: { age_band: "30-39" } with age_band a recode into 18-29, 30-39, 40+ → no problem
 * // reference: { age_band: "30-40" } → { path: ["reference", "age_band"], message: 'age_band has no level "30-40"', hint: 'did you mean "30-39"? …' }
 */
export function referenceLevelProblems(sap: Sap, variables: readonly PlanVariable[] = frameVariables(sap)): { path: (string | number)[]; message: string; hint?: string }[] {
  const out: { path: (string | number)[]; message: string; hint?: string }[] = [];
  const modelled = new Set(variables.filter((v) => MODEL_ROLES.has(v.role as FrameRole)).map((v) => v.name));
  for (const [variable, level] of Object.entries(sap.reference ?? {})) {
    const path = ["reference", variable];
    if (!modelled.has(variable)) {
      out.push({ path, message: `${variable} is not a covariate, subgroup or stratum of the plan, so a reference level for it changes nothing`, hint: "name a categorical variable of the models, or remove this entry" });
      continue;
    }
    const levels = knownLevels(sap, variable);
    if (levels === "numeric") {
      out.push({ path, message: `${variable} is numeric, so it has no levels to choose a reference from`, hint: "recode it into bands (derive: { recode: … }) to treat it as categorical" });
    } else if (levels && !levels.includes(String(level))) {
      const guess = closest(String(level), levels);
      out.push({ path, message: `${variable} has no level "${level}"`, hint: `${guess ? `did you mean "${guess}"? ` : ""}levels: ${levels.join(", ")}` });
    }
  }
  return out;
}

const MODEL_ROLES = new Set<FrameRole>(["covariate", "outcome covariate", "subgroup", "stratum"]);

/** The levels of a variable as the plan declares them, "numeric" if it has none, undefined if only the data can tell. */
function knownLevels(sap: Sap, variable: string): string[] | "numeric" | undefined {
  const derived = ownEntry(sap.derive, variable);
  if (derived) {
    if ("recode" in derived) {
      if (derived.bands) return derived.bands.map((b) => b.label);
      if (derived.map) return [...new Set(Object.values(derived.map))];
      if (derived.quantiles !== undefined) return derived.labels ?? Array.from({ length: derived.quantiles }, (_, k) => `Q${k + 1}`);
      return undefined;
    }
    // a questionnaire's scale may be a band (text); a Likert score and an administrative outcome are numbers
    return "instrument" in derived ? undefined : "numeric";
  }
  const column = declaredColumn(sap, variable);
  if (!column) return undefined;
  if (column.type !== "string") return "numeric";
  return column.values?.map(String);
}

/** A column's declaration: `name` in the randomised source, `source.column` in another wide source. */
function declaredColumn(sap: Sap, variable: string) {
  const declared = ownEntry(ownEntry(sap.sources, sap.linkage.randomised)?.columns, variable);
  if (declared) return declared;
  const dot = variable.indexOf(".");
  if (dot <= 0) return undefined;
  const source = ownEntry(sap.sources, variable.slice(0, dot));
  return source && (source.shape ?? "wide") === "wide" ? ownEntry(source.columns, variable.slice(dot + 1)) : undefined;
}
