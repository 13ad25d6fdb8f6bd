import { inputError, quoteValue } from "../errors.js";
import { DEFAULT_STAR_THRESHOLDS } from "../report/stars.js";

/**
 * A table's significance marks and the p-value each stands for: a mark is printed when p is below
 * its threshold and not below the next smaller one. trialstat's own tables and UK trial reports
 * (HLT Table 2.1) use `*` p < 0.10, `**` p < 0.05, `***` p < 0.01 (90%, 95%, 99% confidence);
 * medical journals often `*` 0.05, `**` 0.01, `***` 0.001; some print † for 0.10. A published file
 * or the SAP states another convention (docs/reproduce.md#stars).
 *
 * @example
 * const c = parseStarConvention("* 90%, ** 95%, *** 99%");   // the default, written as confidence
 * starsFor(c, 0.032);                                          // "**"
 * starRange(c, "**");                                          // { below: 0.05, atLeast: 0.01 }
 */
export interface StarConvention {
  /** From the largest threshold to the smallest. */
  marks: { symbol: string; threshold: number }[];
}

/** The report's default stars (report/stars.ts): * p < 0.1, ** p < 0.05, *** p < 0.01. */
export const DEFAULT_STARS: StarConvention = { marks: DEFAULT_STAR_THRESHOLDS.map((threshold, k) => ({ symbol: "*".repeat(k + 1), threshold })) };

/** Marks as some tables print them, read as their plain form. */
const STAR_LOOKALIKES = /[\u2217\uff0a\u204e\u2731]/g;

/** Printed text meaning "no mark": nothing, "ns", "n.s.", a dash. */
const NO_MARK = /^(?:|n\.?\s?s\.?|[-\u2013\u2014\u2212])$/i;

/** A mark as printed, in its plain form ("∗∗" → "**"); "" for none. */
export function normaliseStars(printed: string): string {
  const s = printed.replace(STAR_LOOKALIKES, "*").replace(/\s+/g, "");
  return NO_MARK.test(s) ? "" : s;
}

/** The mark a p-value earns. */
export function starsFor(c: StarConvention, p: number): string {
  let mark = "";
  for (const m of c.marks) if (p < m.threshold) mark = m.symbol;
  return mark;
}

/** The p-values a mark stands for: atLeast ≤ p < below (below = 1 for no mark above the largest threshold). */
export function starRange(c: StarConvention, symbol: string): { below: number; atLeast: number } | undefined {
  if (symbol === "") return { below: Infinity, atLeast: c.marks[0]?.threshold ?? 0 };
  const k = c.marks.findIndex((m) => m.symbol === symbol);
  if (k < 0) return undefined;
  return { below: c.marks[k].threshold, atLeast: c.marks[k + 1]?.threshold ?? 0 };
}

/** "* p < 0.10, ** p < 0.05, *** p < 0.01". */
export function starConventionText(c: StarConvention): string {
  return c.marks.map((m) => `${m.symbol} p < ${m.threshold}`).join(", ");
}

/**
 * A convention from marks and thresholds (SAP: `{ "*": 0.10, "**": 0.05 }`), checked: marks of
 * symbols only (no letters or digits), thresholds between 0 and 1, no two the same.
 */
export function starConvention(marks: Readonly<Record<string, number>>): StarConvention {
  const list = Object.entries(marks).map(([symbol, threshold]) => ({ symbol: normaliseStars(symbol), threshold }));
  for (const m of list) {
    if (m.symbol === "" || /[\p{L}\p{N}\s,]/u.test(m.symbol)) throw inputError(`${quoteValue(m.symbol)} is not a significance mark`, { hint: "a mark is made of symbols such as * † ‡, e.g. * 0.10, ** 0.05, *** 0.01" });
    if (!(m.threshold > 0 && m.threshold < 1)) throw inputError(`the threshold of ${m.symbol} is ${m.threshold}, not a p-value between 0 and 1`, { hint: "give the p-value below which the mark is printed (0.05), or the confidence level (95%)" });
  }
  const thresholds = new Set(list.map((m) => m.threshold));
  if (thresholds.size < list.length) throw inputError("two marks share a threshold", { hint: "each mark stands for its own level, e.g. * 0.10, ** 0.05, *** 0.01" });
  return { marks: list.sort((a, b) => b.threshold - a.threshold) };
}

/**
 * A convention as a published file states it (`# stars: * 0.10, ** 0.05, *** 0.01`): marks each
 * followed by a p threshold ("0.05", "p<0.05") or a confidence level ("95%"), separated by commas
 * or semicolons.
 */
export function parseStarConvention(text: string): StarConvention {
  const marks: Record<string, number> = {};
  for (const part of text.split(/[,;]/).map((p) => p.trim()).filter((p) => p !== "")) {
    const m = /^(\S+?)\s*(?:[pP]\s*<\s*)?(\d*\.?\d+)\s*(%)?$/.exec(part);
    if (!m) throw inputError(`cannot read the mark ${quoteValue(part)}`, { hint: "write each mark and its level: * 0.10, ** 0.05, *** 0.01 (or * 90%, ** 95%, *** 99%)" });
    const [, symbol, number, percent] = m;
    if (normaliseStars(symbol) in marks) throw inputError(`the mark ${symbol} is given twice`, { hint: "give each mark once" });
    marks[normaliseStars(symbol)] = percent ? Number((1 - Number(number) / 100).toFixed(10)) : Number(number);
  }
  if (Object.keys(marks).length === 0) throw inputError("no marks are stated", { hint: "write each mark and its level: * 0.10, ** 0.05, *** 0.01" });
  return starConvention(marks);
}

/** Whether two conventions are the same marks at the same thresholds. */
export function sameStars(a: StarConvention, b: StarConvention): boolean {
  return starConventionText(a) === starConventionText(b);
}
