import { inputError } from "../../errors.js";
import { LOGIT_SE_TYPES, type LogitSeType } from "../logit.js";
import { LINEAR_SE_TYPES, type LinearSeType } from "./types.js";

/**
 * The variance estimator of a model, with the one default rule the library has
 * (docs/statistics.md#variance-estimators): as estimatr, HC2, or CR2 with clusters, for linear
 * models; for a logit, sandwich's HC0, or stata (CR1) with clusters. `CR1` is another name for
 * `stata`; names match case-insensitively. Used by `trialstat fit` and by the plan runner.
 *
 * @example
 * resolveSeType(undefined, "gaussian", true); // "CR2"
 * resolveSeType("cr1", "gaussian", true); // "stata"
 */
export function resolveSeType(se: string | undefined, family: "gaussian" | "binomial", clustered: boolean): LinearSeType | LogitSeType {
  if (se === undefined) return family === "binomial" ? (clustered ? "stata" : "HC0") : clustered ? "CR2" : "HC2";
  const canonical = se === "CR1" ? "stata" : se;
  const allowed: readonly string[] = family === "binomial" ? LOGIT_SE_TYPES : LINEAR_SE_TYPES;
  const match = allowed.find((t) => t.toLowerCase() === canonical.toLowerCase());
  if (!match) {
    throw inputError(`unknown standard-error type "${se}" for a ${family === "binomial" ? "logit" : "linear model"}`, {
      hint: `choose one of: ${allowed.join(", ")}${allowed.includes("stata") ? " (CR1 is another name for stata)" : ""}`,
    });
  }
  return match as LinearSeType | LogitSeType;
}
