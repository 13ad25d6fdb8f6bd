import { TrialstatError, inputError } from "../../errors.js";
import { type FindRootOptions, findRoot } from "../find-root.js";

/**
 * What power.t.test and power.prop.test share: exactly one unknown among their arguments, checks
 * that a probability is a probability, and a root search that names what could not be solved.
 *
 * `tol` semantics (both functions): R searches with uniroot's tol = .Machine$double.eps^0.25 ≈ 1.2e-4,
 * so its n, delta or p2 is only that close to the true solution (R's delta can be 3e-4 off in
 * relative terms). By default trialstat solves to `EXACT_TOL`; pass `tol: R_UNIROOT_TOL` for R's
 * own stopping point, which the same Brent search reproduces to ~1e-12.
 */
export const EXACT_TOL = 1e-12;

export type PowerAlternative = "two.sided" | "one.sided";
export const POWER_ALTERNATIVES: readonly PowerAlternative[] = ["two.sided", "one.sided"];

/** The one argument left missing, or an error naming what is wrong (R: "exactly one of … must be NULL"). */
export function theUnknown<K extends string>(values: Record<K, number | null | undefined>, order: readonly K[], rNames: Record<K, string>): K {
  const missing = order.filter((k) => values[k] === null || values[k] === undefined);
  if (missing.length === 1) return missing[0];
  const names = order.map((k) => rNames[k]).join(", ");
  if (missing.length === 0) {
    throw inputError(`nothing to solve for: ${names} are all given`, {
      location: { path: rNames[order[0]] },
      hint: `leave out exactly one of ${names}; it is the one computed`,
    });
  }
  throw inputError(`${missing.map((k) => rNames[k]).join(" and ")} are ${missing.length === 2 ? "both" : "all"} missing: only one can be solved for`, {
    location: { path: rNames[missing[1]] },
    hint: `give all but one of ${names}`,
  });
}

/** The hints of the common checks, in words rather than R's argument names (the CLI's flags are spelt otherwise). */
export const SIG_LEVEL_HINT = "a significance level such as 0.05";
export const POWER_HINT = "a power such as 0.8";

/** A finite number strictly inside (low, high), or a located input error. */
export function checkOpenRange(value: number | null | undefined, name: string, low: number, high: number, hint: string): void {
  if (value === null || value === undefined) return;
  if (!(Number.isFinite(value) && value > low && value < high)) {
    throw inputError(`${name} must be a number between ${low} and ${high} (exclusive), got ${value}`, { location: { path: name }, hint });
  }
}

/** Power of at least the significance level is what a test has with no effect at all; asking for less is a mistake. */
export function checkPowerAboveSigLevel(power: number | null | undefined, sigLevel: number | null | undefined): void {
  if (power === null || power === undefined || sigLevel === null || sigLevel === undefined) return;
  if (!(power > sigLevel)) {
    throw inputError(`power ${power} is not above the significance level ${sigLevel}`, {
      location: { path: "power" },
      hint: "a test rejects with probability α when there is no effect, so the power to detect one must exceed α (such as 0.8)",
    });
  }
}

/** Runs the root search; an unreachable target is an impossible combination of inputs, reported as such. */
export function solveFor(name: string, f: (x: number) => number, lower: number, upper: number, options: FindRootOptions, why: string): number {
  try {
    return findRoot(f, lower, upper, options).root;
  } catch (e) {
    if (e instanceof TrialstatError) throw inputError(`no ${name} gives the requested power: ${why}`, { location: { path: name }, hint: e.advice, remedies: e.remedies });
    throw e;
  }
}
