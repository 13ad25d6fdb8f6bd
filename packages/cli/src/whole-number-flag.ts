import { inputError } from "@trialstat/core";

/**
 * A flag's whole number (a seed, a number of draws), written in digits, from `min` to `max` (by
 * default 0 to 2^53 − 1, the largest whole number a double holds exactly). Anything else — a
 * minus sign, a point, an exponent, a number beyond the range — is refused with the range, so that
 * 18446744073709551616 is not called "not a whole number".
 *
 * @example
 * wholeNumberFlag("--draws", "1e4", { min: 100 }, "e.g. --draws 10000"); // throws '--draws must be a whole number from 100 to 9007199254740991, got "1e4"'
 */
export function wholeNumberFlag(flag: string, text: string, range: { min?: number; max?: number }, hint: string): number {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = range;
  const x = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(x) && x >= min && x <= max)) throw inputError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`, { hint });
  return x;
}

/** --seed, for every command that takes one (fit's --ri and --bootstrap, cba). */
export function seedFlag(text: string): number {
  return wholeNumberFlag("--seed", text, {}, "e.g. --seed 20240101");
}
