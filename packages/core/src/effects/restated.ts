import { TrialstatError } from "../errors.js";
import type { EffectInput } from "./effect-input.js";

/**
 * Runs an estimator on an input, and when it fails says which model of a plan failed and how it was
 * being estimated — its remedies kept for the front end to word (TrialstatError.restated).
 *
 * @example
 * restated(input, "Lin's adjustment", () => fitLinearModel(…));
 * // fails with "outcome y, population all (Lin's adjustment): HC2 standard errors are undefined: …"
 */
export function restated<T>(input: EffectInput, what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof TrialstatError)) throw e;
    throw e.restated(`${input.where ?? input.outcomeName} (${what}): ${e.message}`);
  }
}
