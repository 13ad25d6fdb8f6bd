import stdlibExp from "@stdlib/math-base-special-exp";
import stdlibExpm1 from "@stdlib/math-base-special-expm1";
import stdlibGammaln from "@stdlib/math-base-special-gammaln";
import stdlibLn from "@stdlib/math-base-special-ln";
import stdlibLog10 from "@stdlib/math-base-special-log10";
import stdlibLog1p from "@stdlib/math-base-special-log1p";
import stdlibLog2 from "@stdlib/math-base-special-log2";
import stdlibPow from "@stdlib/math-base-special-pow";

/**
 * The elementary functions every computation in trialstat uses, in place of `Math.exp`, `Math.log`,
 * `Math.pow` (and `**` with a fractional exponent), `Math.log1p`, `Math.expm1`, `Math.log10`,
 * `Math.log2`: the same bits on every JavaScript engine.
 *
 * Why: ECMAScript leaves these functions' last bit to the engine ("implementation-approximated"),
 * and engines differ — Node 20's V8 and Chromium 156's V8 disagree on about one `Math.exp` in ten
 * and one `Math.pow` in ten (measured on 20,000 arguments), so the same plan gave results.json
 * files that differed in the 16th digit. These are stdlib's JavaScript ports of FreeBSD's msun
 * (fdlibm), built from +, −, ×, ÷ and √ alone, which IEEE 754 rounds exactly, so that `trialstat run`
 * (Node) and the browser page (any browser) write the same bytes. Accuracy is that of fdlibm: under
 * one unit in the last place. test/architecture/elementary-functions.test.ts keeps `Math.exp` and
 * the like out of the library's code.
 *
 * `Math.sqrt`, `Math.abs`, `Math.floor` and the like are exact by the standard and stay as they are.
 *
 * @example
 * exp(1);          // 2.718281828459045 everywhere
 * pow(10, -3);     // 0.001
 * logGammaOf(0.5); // log √π = 0.5723649429247001
 */
export const exp: (x: number) => number = stdlibExp;
export const log: (x: number) => number = stdlibLn;
export const log1p: (x: number) => number = stdlibLog1p;
export const expm1: (x: number) => number = stdlibExpm1;
export const pow: (base: number, exponent: number) => number = stdlibPow;
export const log10: (x: number) => number = stdlibLog10;
export const log2: (x: number) => number = stdlibLog2;
/** log Γ(x) for x > 0 (stdlib's port of FreeBSD's lgamma: about 1e-15 relative). */
export const logGammaOf: (x: number) => number = stdlibGammaln;
