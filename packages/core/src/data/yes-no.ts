/**
 * A yes/no answer as written in a data file — a survey's response indicator, or eligibility — as
 * 1 or 0: 1, yes, y, true → 1 and 0, no, n, false → 0 (any case, surrounding spaces ignored), and
 * any other number equal to 1 or 0 (1.0). Anything else is undefined: the caller says why it is an
 * error, since guessing (reading a blank as "no") would move people between respondents and
 * non-respondents.
 *
 * @example
 * yesNo(" Yes "); // 1
 * yesNo("1.0");   // 1
 * yesNo("maybe"); // undefined
 */
export function yesNo(text: string): 0 | 1 | undefined {
  const t = text.trim().toLowerCase();
  const word = WORDS.get(t);
  if (word !== undefined || !DECIMAL.test(t)) return word;
  const v = Number(t);
  return v === 1 ? 1 : v === 0 ? 0 : undefined;
}

/** A number written in decimal (not "0x1", not "Infinity"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/;

const WORDS = new Map<string, 0 | 1>([
  ["1", 1],
  ["yes", 1],
  ["y", 1],
  ["true", 1],
  ["0", 0],
  ["no", 0],
  ["n", 0],
  ["false", 0],
]);
