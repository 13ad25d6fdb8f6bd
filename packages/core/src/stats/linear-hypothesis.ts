import { isPlainNumber, outOfRangeNote } from "../data/table.js";
import { inputError, listNames } from "../errors.js";
import { LARGEST_MODEL_VALUE, SMALLEST_MODEL_SCALE } from "./design-checks.js";

/**
 * Linear hypotheses about a model's coefficients written as text, as `car::linearHypothesis`
 * reads them: restrictions separated by commas, each `combination = combination`, where a
 * combination is a sum of coefficient names, each optionally multiplied by a number (`2*x1`,
 * `0.5 x1`), and numbers. A side with no `=` means `= 0`. The result is the matrix L and right-hand
 * side r of Lβ = r, over the given coefficient names, for `waldTest` (wald.ts).
 *
 * Coefficient names are matched as written with spaces ignored, so `treat:gB`, `I(x1^2)` and
 * `log(x1 + 20)` all work; commas, `+` and `-` inside parentheses belong to the name.
 *
 * Numbers are held to the model values' bounds (design-checks.ts): one beyond ±1e150, or not 0 but
 * below 1e-150 in size, would overflow or underflow when the test squares it with the variance, and
 * one beyond a double (1e400, 1e-400) is not read as a number at all; each is an input error with
 * the hypothesis and a caret under the number.
 *
 * @example
 * parseLinearHypothesis("treat = 0, treat:gB = 0", ["(Intercept)", "treat", "treat:gB"]);
 * // { matrix: [[0, 1, 0], [0, 0, 1]], rhs: [0, 0], restrictions: ["treat = 0", "treat:gB = 0"] }
 * parseLinearHypothesis("gB = gC", names); // gB − gC = 0
 */
export interface ParsedHypothesis {
  matrix: number[][];
  rhs: number[];
  /** Each restriction as written (trimmed). */
  restrictions: string[];
}

export function parseLinearHypothesis(text: string, names: readonly string[]): ParsedHypothesis {
  const squash = (s: string) => s.replace(/\s+/g, "");
  const index = new Map(names.map((n, j) => [squash(n), j]));
  const spans = splitTopLevel({ text, at: 0 }, ",").map(trimmed);
  const restrictions = spans.map((r) => r.text);
  if (restrictions.length === 0 || restrictions.some((r) => r === "")) {
    throw inputError(`the hypothesis "${text}" has an empty restriction`, { hint: 'write restrictions separated by commas, e.g. "treat = 0, treat:gB = 0"' });
  }
  const matrix: number[][] = [];
  const rhs: number[] = [];
  for (const span of spans) {
    const restriction = span.text;
    const sides = splitTopLevel(span, "=");
    if (sides.length > 2) throw inputError(`the restriction "${restriction}" has more than one "="`, { hint: 'one "=" per restriction, e.g. "gB = gC"' });
    const row = new Array<number>(names.length).fill(0);
    let constant = 0;
    sides.forEach((side, s) => {
      const sign = s === 0 ? 1 : -1;
      for (const { coefficient, name } of linearTerms(side, restriction, text)) {
        if (name === null) {
          constant -= sign * coefficient;
          continue;
        }
        const j = index.get(squash(name));
        if (j === undefined) {
          throw inputError(`the restriction "${restriction}" names ${name}, which is not an estimated coefficient`, { hint: `coefficients: ${listNames([...names])}` });
        }
        row[j] += sign * coefficient;
      }
    });
    if (row.every((v) => v === 0)) throw inputError(`the restriction "${restriction}" names no coefficient`, { hint: 'e.g. "treat = 0"' });
    matrix.push(row);
    rhs.push(constant);
  }
  return { matrix, rhs, restrictions };
}

/** A stretch of the hypothesis and where it starts in the whole text, to put a caret under a fault. */
interface Span {
  text: string;
  at: number;
}

/** The span without the white space around it. */
function trimmed(span: Span): Span {
  const lead = span.text.length - span.text.trimStart().length;
  return { text: span.text.trim(), at: span.at + lead };
}

/** Splits at `separator` outside parentheses and brackets. */
function splitTopLevel(span: Span, separator: string): Span[] {
  const { text } = span;
  const parts: Span[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === separator && depth === 0) {
      parts.push({ text: text.slice(start, i), at: span.at + start });
      start = i + 1;
    }
  }
  parts.push({ text: text.slice(start), at: span.at + start });
  return parts;
}

const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

/**
 * The value of a number written in the hypothesis (`whole`), refused beyond the bounds of model
 * values: beyond a double's range (1e400 reads as Infinity, 1e-400 as 0), at or beyond ±1e150, or
 * not 0 and below 1e-150 in size, where the test's products with the variance overflow or underflow.
 */
function hypothesisNumber(number: Span, whole: string): number {
  const value = Number(number.text);
  const size = Math.abs(value);
  const beyond = outOfRangeNote(number.text);
  const why = beyond
    ? `is not read as a number${beyond}`
    : size >= LARGEST_MODEL_VALUE
      ? "is 1e150 or more in size, where the test's products with the variance overflow double precision"
      : value !== 0 && size < SMALLEST_MODEL_SCALE
        ? "is below 1e-150 in size, where the test's products with the variance underflow double precision"
        : undefined;
  if (why === undefined) return value;
  throw inputError(`in the hypothesis, ${number.text} at position ${number.at + 1} ${why}`, {
    location: { column: number.at + 1 },
    excerpt: { text: whole, position: number.at },
    hint: "numbers in a hypothesis must be 0 or from 1e-150 to 1e150 in size, as model values must: rescale the variable (dividing it by 10^k multiplies its coefficient by 10^k) and restate the hypothesis",
  });
}

/** One side of a restriction as signed terms: `2*x1 - x2 + 1` → (2, x1), (−1, x2), (1, constant). */
function linearTerms(side: Span, restriction: string, whole: string): { coefficient: number; name: string | null }[] {
  const out: { coefficient: number; name: string | null }[] = [];
  // split at + and - outside parentheses, keeping the sign; a sign right after e/E of a number is an exponent
  const pieces: { sign: number; span: Span }[] = [];
  let depth = 0;
  let sign = 1;
  let current = "";
  let currentAt = side.at;
  for (let i = 0; i < side.text.length; i++) {
    const c = side.text[i];
    if (c === "(" || c === "[") depth++;
    if (c === ")" || c === "]") depth--;
    const exponent = /^\s*(\d+(\.\d*)?|\.\d+)[eE]$/.test(current) && current.trim() !== "";
    if ((c === "+" || c === "-") && depth === 0 && !exponent) {
      const step = c === "-" ? -1 : 1;
      if (current.trim() !== "") {
        pieces.push({ sign, span: trimmed({ text: current, at: currentAt }) });
        sign = step;
      } else sign *= step; // a leading or repeated sign
      current = "";
      continue;
    }
    if (current === "") currentAt = side.at + i;
    current += c;
  }
  if (current.trim() !== "") pieces.push({ sign, span: trimmed({ text: current, at: currentAt }) });
  if (pieces.length === 0) throw inputError(`the restriction "${restriction}" has an empty side`, { hint: 'e.g. "treat = 0"' });
  for (const piece of pieces) {
    const star = splitTopLevel(piece.span, "*");
    let coefficient = piece.sign;
    let name: string | null = null;
    if (star.length === 2) {
      const multiplier = trimmed(star[0]);
      if (!isPlainNumber(multiplier.text)) {
        throw inputError(`in "${restriction}", "${piece.span.text}" is not a number times a coefficient`, { hint: 'e.g. "2*x1 - x2 = 0"' });
      }
      coefficient *= hypothesisNumber(multiplier, whole);
      name = star[1].text.trim();
    } else if (star.length > 2) {
      throw inputError(`in "${restriction}", "${piece.span.text}" multiplies more than two things`, { hint: 'e.g. "2*x1 - x2 = 0"' });
    } else {
      const text = piece.span.text;
      const m = NUMBER.exec(text);
      if (m && m[0].length === text.length) {
        out.push({ coefficient: coefficient * hypothesisNumber(piece.span, whole), name: null });
        continue;
      }
      // "0.5 x1": a number, a space and a name
      const spaced = m ? text.slice(m[0].length) : "";
      if (m && /^\s+\S/.test(spaced)) {
        coefficient *= hypothesisNumber({ text: m[0], at: piece.span.at }, whole);
        name = spaced.trim();
      } else name = text;
    }
    out.push({ coefficient, name });
  }
  return out;
}
