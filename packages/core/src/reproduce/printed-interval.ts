import { inputError, quoteValue } from "../errors.js";
import { type PrintedNumber, parsePrintedNumber } from "./printed-number.js";

/**
 * A confidence interval as a table prints it, read back as two printed numbers: "(1.2 to 6.5)",
 * "(−5 to 1,328)", "[−0.6, 4.7]", "−£465 to £882", "1.2–6.5", "(0.04; 0.24) sd". Brackets are
 * optional; the ends are separated by "to", a semicolon, a comma followed by a space (a comma
 * between digits is a thousands separator), an en or em dash after the first number, or a hyphen
 * between spaces or digits. A unit printed at one end only (or after the brackets) is both ends'.
 *
 * @example
 * parsePrintedInterval("(−0.6 to 4.7ppt)"); // low −0.6 ppt, high 4.7 ppt, each with ulp 0.1
 */
export function parsePrintedInterval(printed: string): { low: PrintedNumber; high: PrintedNumber } {
  const fail = (why: string) => inputError(`cannot read ${quoteValue(printed)} as an interval: ${why}`, { hint: "type the interval as printed, e.g. (1.2 to 6.5), (−£465 to £882) or [0.04, 0.24]" });
  let s = printed.trim();
  let outside = "";
  const bracketed = /^[([](.*)[)\]]\s*(\S.*)?$/.exec(s);
  if (bracketed) {
    s = bracketed[1].trim();
    outside = bracketed[2] ?? "";
  }
  const parts = splitEnds(s);
  if (!parts) throw fail('it is not two numbers separated by "to", a dash, a comma or a semicolon');
  const read = (end: string, which: string) => {
    try {
      return parsePrintedNumber(`${end}${outside ? ` ${outside}` : ""}`);
    } catch (e) {
      throw fail(`its ${which} end: ${(e as Error).message.replace(/^cannot read /, "")}`);
    }
  };
  let low = read(parts[0], "low");
  let high = read(parts[1], "high");
  if (low.unit === null && high.unit !== null) low = { ...low, unit: high.unit, currency: high.currency };
  if (high.unit === null && low.unit !== null) high = { ...high, unit: low.unit, currency: low.currency };
  if (low.unit !== high.unit || low.currency !== high.currency) throw fail("its ends are in different units");
  // a reversed interval is a typing slip, not something a table prints: judged, it would compare
  // each end with the wrong one
  if (low.value > high.value) throw fail(`its low end ${low.value} is above its high end ${high.value}`);
  return { low, high };
}

/** The two ends of an interval's text, or undefined when it does not split in two. */
function splitEnds(s: string): [string, string] | undefined {
  const separators = [/\s+to\s+/i, /\s*;\s*/, /,\s+/, /(?<=[\d%a-zA-Z£€$.])\s*[\u2013\u2014]\s*/, /\s+-\s+/, /(?<=\d)-(?=[\d.£€$\u2212])/];
  for (const separator of separators) {
    const parts = s.split(separator);
    if (parts.length === 2 && parts.every((p) => p.trim() !== "")) return [parts[0].trim(), parts[1].trim()];
  }
  return undefined;
}
