import { inputError, listNames } from "../errors.js";

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
  const restrictions = splitTopLevel(text, ",").map((s) => s.trim());
  if (restrictions.length === 0 || restrictions.some((r) => r === "")) {
    throw inputError(`the hypothesis "${text}" has an empty restriction`, { hint: 'write restrictions separated by commas, e.g. "treat = 0, treat:gB = 0"' });
  }
  const matrix: number[][] = [];
  const rhs: number[] = [];
  for (const restriction of restrictions) {
    const sides = splitTopLevel(restriction, "=");
    if (sides.length > 2) throw inputError(`the restriction "${restriction}" has more than one "="`, { hint: 'one "=" per restriction, e.g. "gB = gC"' });
    const row = new Array<number>(names.length).fill(0);
    let constant = 0;
    sides.forEach((side, s) => {
      const sign = s === 0 ? 1 : -1;
      for (const { coefficient, name } of linearTerms(side, restriction)) {
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

/** Splits at `separator` outside parentheses and brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

/** One side of a restriction as signed terms: `2*x1 - x2 + 1` → (2, x1), (−1, x2), (1, constant). */
function linearTerms(side: string, restriction: string): { coefficient: number; name: string | null }[] {
  const out: { coefficient: number; name: string | null }[] = [];
  // split at + and - outside parentheses, keeping the sign; a sign right after e/E of a number is an exponent
  const pieces: { sign: number; text: string }[] = [];
  let depth = 0;
  let sign = 1;
  let current = "";
  for (let i = 0; i < side.length; i++) {
    const c = side[i];
    if (c === "(" || c === "[") depth++;
    if (c === ")" || c === "]") depth--;
    const exponent = /^\s*(\d+(\.\d*)?|\.\d+)[eE]$/.test(current) && current.trim() !== "";
    if ((c === "+" || c === "-") && depth === 0 && !exponent) {
      const step = c === "-" ? -1 : 1;
      if (current.trim() !== "") {
        pieces.push({ sign, text: current.trim() });
        sign = step;
      } else sign *= step; // a leading or repeated sign
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim() !== "") pieces.push({ sign, text: current.trim() });
  if (pieces.length === 0) throw inputError(`the restriction "${restriction}" has an empty side`, { hint: 'e.g. "treat = 0"' });
  for (const piece of pieces) {
    const star = splitTopLevel(piece.text, "*");
    let coefficient = piece.sign;
    let name: string | null = null;
    if (star.length === 2) {
      const n = Number(star[0].trim());
      if (!Number.isFinite(n)) throw inputError(`in "${restriction}", "${piece.text}" is not a number times a coefficient`, { hint: 'e.g. "2*x1 - x2 = 0"' });
      coefficient *= n;
      name = star[1].trim();
    } else if (star.length > 2) {
      throw inputError(`in "${restriction}", "${piece.text}" multiplies more than two things`, { hint: 'e.g. "2*x1 - x2 = 0"' });
    } else {
      const m = NUMBER.exec(piece.text);
      if (m && m[0].length === piece.text.length) {
        out.push({ coefficient: coefficient * Number(piece.text), name: null });
        continue;
      }
      // "0.5 x1": a number, a space and a name
      const spaced = m ? piece.text.slice(m[0].length) : "";
      if (m && /^\s+\S/.test(spaced)) {
        coefficient *= Number(m[0]);
        name = spaced.trim();
      } else name = piece.text;
    }
    out.push({ coefficient, name });
  }
  return out;
}
