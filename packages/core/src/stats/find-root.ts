import { analysisError } from "../errors.js";
import { pow } from "./elementary-functions.js";

/**
 * A zero of a continuous function of one variable on an interval, by Brent's method (bisection
 * combined with linear and inverse quadratic interpolation), step for step as R's `uniroot` — the
 * ZEROIN of Forsythe, Malcolm & Moler (1977, §7.2), which R's C_zeroin2 is. Following the same
 * steps matters: R's power.t.test, power.prop.test and wilcox.test return the point where *their*
 * search stopped (within `tol`, by default .Machine$double.eps^0.25 ≈ 1.2e-4), not the exact root,
 * and wilcox.test even searches a step function; only the same search lands on the same number.
 *
 * Each step keeps b (best so far), c (f(b), f(c) of opposite signs) and a (the previous b); it stops
 * when |c − b|/2 ≤ 2ε|b| + tol/2 or f(b) = 0 and returns b.
 *
 * `extendInterval` mirrors uniroot's `extendInt`: when f has no sign change on [lower, upper], "yes"
 * widens both ends, "up" ("upX": f increases through the root) or "down" ("downX") widens the end
 * that needs it, in steps of 1% of the end's size (at least 1e-6) doubling each time.
 *
 * Reference: Brent, R. P. (1973). Algorithms for Minimization without Derivatives, ch. 4.
 * Forsythe, G. E., Malcolm, M. A. & Moler, C. B. (1977). Computer Methods for Mathematical
 * Computations, §7.2.
 *
 * @example
 * findRoot((x) => x * x - 2, 0, 2, { tol: 1e-12 }).root; // 1.414213562373095
 */
export interface FindRootOptions {
  /** Stop when the root is bracketed to within 2ε|x| + tol/2 either side. R's default: 2^-13. */
  tol?: number;
  maxIterations?: number;
  extendInterval?: "no" | "yes" | "up" | "down";
  /** f(lower) and f(upper) when the caller already has them (uniroot's f.lower, f.upper). */
  fLower?: number;
  fUpper?: number;
}

export interface FoundRoot {
  root: number;
  /** Brent iterations, plus the steps that widened the interval. */
  iterations: number;
  /** The width of the final bracket |c − b| (uniroot's estim.prec). */
  estimatedPrecision: number;
}

/** R's default uniroot tolerance, .Machine$double.eps^0.25. */
export const R_UNIROOT_TOL = pow(Number.EPSILON, 0.25);

export function findRoot(f: (x: number) => number, lower: number, upper: number, options: FindRootOptions = {}): FoundRoot {
  const tol = options.tol ?? R_UNIROOT_TOL;
  const maxIterations = options.maxIterations ?? 1000;
  let fLower = options.fLower ?? f(lower);
  let fUpper = options.fUpper ?? f(upper);
  if (Number.isNaN(fLower) || Number.isNaN(fUpper)) {
    throw analysisError(`the function is not defined at an end of the search interval [${lower}, ${upper}]`);
  }
  const mode = options.extendInterval ?? "no";
  let widened = 0;
  const stepFor = (u: number) => 0.01 * Math.max(1e-4, Math.abs(u));
  if (mode === "yes" && fLower * fUpper > 0) {
    let dLower = stepFor(lower);
    let dUpper = stepFor(upper);
    while (fLower * fUpper > 0 && (Number.isFinite(lower) || Number.isFinite(upper))) {
      if (++widened > maxIterations) throw noSignChange(widened - 1);
      if (Number.isFinite(lower)) {
        const [ol, of] = [lower, fLower];
        lower -= dLower;
        fLower = f(lower);
        if (Number.isNaN(fLower)) [lower, fLower, dLower] = [ol, of, dLower / 4];
      }
      if (Number.isFinite(upper)) {
        const [ou, of] = [upper, fUpper];
        upper += dUpper;
        fUpper = f(upper);
        if (Number.isNaN(fUpper)) [upper, fUpper, dUpper] = [ou, of, dUpper / 4];
      }
      dLower *= 2;
      dUpper *= 2;
    }
  } else if (mode === "up" || mode === "down") {
    const sign = mode === "up" ? 1 : -1;
    let d = stepFor(lower);
    while (sign * fLower > 0) {
      if (++widened > maxIterations) throw noSignChange(widened - 1);
      lower -= d;
      fLower = f(lower);
      d *= 2;
    }
    d = stepFor(upper);
    while (sign * fUpper < 0) {
      if (++widened > maxIterations) throw noSignChange(widened - 1);
      upper += d;
      fUpper = f(upper);
      d *= 2;
    }
  }
  if (!(Math.sign(fLower) * Math.sign(fUpper) <= 0)) {
    throw analysisError(`the function has the same sign at both ends of [${lower}, ${upper}]`, {
      hint: "no value in the interval solves the equation",
    });
  }
  const found = brentZero(f, lower, upper, fLower, fUpper, tol, maxIterations);
  return { ...found, iterations: found.iterations + widened };
}

function noSignChange(steps: number) {
  return analysisError(`no sign change found in ${steps} steps widening the search interval`, {
    hint: "no value solves the equation: check that the requested power is reachable",
  });
}

function brentZero(
  f: (x: number) => number,
  ax: number,
  bx: number,
  faIn: number,
  fbIn: number,
  tol: number,
  maxIterations: number,
): FoundRoot {
  let a = ax;
  let b = bx;
  let fa = faIn;
  let fb = fbIn;
  let c = a;
  let fc = fa;
  if (fa === 0) return { root: a, iterations: 0, estimatedPrecision: 0 };
  if (fb === 0) return { root: b, iterations: 0, estimatedPrecision: 0 };
  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolerance || fb === 0) {
      return { root: b, iterations: iteration, estimatedPrecision: Math.abs(c - b) };
    }
    // interpolate only when the previous step was large enough and went the right way
    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) step = p / q;
    }
    if (Math.abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  throw analysisError(`the root search did not converge in ${maxIterations} iteration${maxIterations === 1 ? "" : "s"}`);
}
