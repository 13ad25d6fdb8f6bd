import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { exp, log, pow } from "../../packages/core/src/stats/elementary-functions.js";
import { coreSource, sourceFiles } from "./core-sources.js";

/**
 * The library computes with elementary functions that give the same bits on every JavaScript engine
 * (packages/core/src/stats/elementary-functions.ts), so that `trialstat run` on Node and the browser
 * page write the same results.json: engines round `Math.exp`, `Math.log`, `Math.pow` and the like
 * differently in the last bit (ECMAScript leaves it to them). This keeps those functions, and `**`
 * with an exponent that is not a small whole number, out of the library's code (comments and
 * tests aside).
 */
const src = coreSource;


/** The lines of a file's code: comment lines, trailing line comments and the text of quoted strings dropped. */
function codeLines(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .map((line) => line.replace(/\s\/\/\s.*$/, "").replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""'));
}

/** Math's functions whose last bit the engine chooses. */
const MATH = /Math\.(exp|expm1|log|log1p|log10|log2|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\b/g;
/** `base ** exponent`, the base a name, a literal or a bracket's end. */
const POWER = /([\w.]+|\))\s*\*\*\s*(-?[\w.(]+)/g;

/**
 * The engine-rounded calls of a line of code: Math's functions, and `**` unless it is exact —
 * a whole-number literal exponent (`x ** 2`, which engines compute as x·x), or a whole-number
 * literal base with an exponent that is not negated (`2 ** g`, `5 ** (4 - d)`: whole numbers,
 * exact below 2⁵³).
 */
function engineRounded(line: string): string[] {
  const powers = [...line.matchAll(POWER)].filter(([, base, exponent]) => !/^\d+$/.test(exponent) && !(/^\d+$/.test(base) && !exponent.startsWith("-")));
  return [...[...line.matchAll(MATH)].map((m) => m[0]), ...powers.map((m) => m[0])];
}

describe("elementary functions in core", () => {
  it("are elementary-functions.ts's, never Math's (engines differ in the last bit)", () => {
    const found = sourceFiles(src).flatMap((file) =>
      codeLines(readFileSync(file, "utf8")).flatMap((line) => engineRounded(line).map((m) => `${relative(src, file)}: ${m} (use stats/elementary-functions.ts)`)),
    );
    expect(found).toEqual([]);
    // the check sees what it must
    expect(engineRounded("const y = Math.exp(x) + 10 ** -d + a ** b + x ** 2 + 2 ** g + (a - b) ** 2;")).toEqual(["Math.exp", "10 ** -d", "a ** b"]);
  });

  it("are within a unit in the last place of the standard's constants e, ln 10 and √2, and fdlibm's bits (exp(1) is one ulp above e)", () => {
    expect(exp(1)).toBe(2.7182818284590455);
    expect(Math.abs(exp(1) - Math.E)).toBeLessThanOrEqual(Number.EPSILON * Math.E);
    expect(log(10)).toBe(Math.LN10);
    expect(pow(10, -3)).toBe(0.001);
    expect(pow(2, 0.5)).toBe(Math.SQRT2);
  });
});
