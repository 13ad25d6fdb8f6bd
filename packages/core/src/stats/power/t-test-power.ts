import { inputError } from "../../errors.js";
import { noncentralTCdf } from "../distributions/noncentral-t.js";
import { studentTUpperQuantile } from "../distributions/student-t.js";
import { EXACT_TOL, POWER_HINT, type PowerAlternative, SIG_LEVEL_HINT, checkOpenRange, checkPowerAboveSigLevel, solveFor, theUnknown } from "./solve-power.js";

/**
 * Power of the t test, or the n, delta, sd or significance level that gives a stated power: R's
 * `power.t.test`, argument for argument. Leave exactly one of n, delta, power, sd, sigLevel out
 * (sd and sigLevel default to 1 and 0.05, so pass `null` to solve for them); it is computed.
 *
 * With s = 2 for two samples (n in *each* group) and 1 for one sample or pairs (n pairs, sd of the
 * differences), ν = (n − 1)·s, λ = √(n/s)·δ/σ and c = t_{1−α/k}(ν) (k = 2 two-sided, 1 one-sided):
 *
 *   power = P(T_{ν,λ} > c)                      (+ P(T_{ν,λ} < −c) when strict and two-sided),
 *
 * T_{ν,λ} noncentral t. Two-sided, δ is taken as |δ|. Unknowns are found by Brent's method on the
 * same intervals as R (n in [2, 10⁷], delta in σ·[10⁻⁷, 10⁷], sd in δ·[10⁻⁷, 10⁷], sig.level in
 * [10⁻¹⁰, 1 − 10⁻¹⁰], widened as uniroot's extendInt); `tol` as in solve-power.ts (exact by default,
 * `R_UNIROOT_TOL` for R's own stopping point).
 *
 * Reference: R Core Team, `?power.t.test` (stats); Cohen, J. (1988). Statistical Power Analysis for
 * the Behavioral Sciences, 2nd ed., ch. 2.
 *
 * @example
 * powerTTest({ delta: 0.2, power: 0.8 }).n;  // 393.4066562 (R: power.t.test(delta = 0.2, power = 0.8)$n)
 * powerTTest({ n: 20, delta: 1 }).power;     // 0.8689528017 (R: power.t.test(n = 20, delta = 1)$power)
 * powerTTest({ n: 200, power: 0.8 }).delta;  // 0.2808368 (R prints 0.2808303, where its uniroot stopped)
 */
export type TTestPowerType = "two.sample" | "one.sample" | "paired";
export const T_TEST_POWER_TYPES: readonly TTestPowerType[] = ["two.sample", "one.sample", "paired"];

export interface PowerTTestInput {
  n?: number | null;
  delta?: number | null;
  /** Default 1; `null` to solve for it. */
  sd?: number | null;
  /** Default 0.05; `null` to solve for it. */
  sigLevel?: number | null;
  power?: number | null;
  type?: TTestPowerType;
  alternative?: PowerAlternative;
  strict?: boolean;
  tol?: number;
}

export interface PowerTTestResult {
  n: number;
  delta: number;
  sd: number;
  sigLevel: number;
  power: number;
  type: TTestPowerType;
  alternative: PowerAlternative;
  strict: boolean;
  solvedFor: "n" | "delta" | "sd" | "sigLevel" | "power";
  /** R's heading and note, e.g. "Two-sample t test power calculation", "n is number in *each* group". */
  method: string;
  note: string | null;
}

const R_NAMES = { n: "n", delta: "delta", sd: "sd", power: "power", sigLevel: "sig.level" } as const;

export function powerTTest(input: PowerTTestInput): PowerTTestResult {
  const type = input.type ?? "two.sample";
  const alternative = input.alternative ?? "two.sided";
  const strict = input.strict ?? false;
  const tol = input.tol ?? EXACT_TOL;
  const given = {
    n: input.n,
    delta: input.delta,
    sd: input.sd === undefined ? 1 : input.sd,
    power: input.power,
    sigLevel: input.sigLevel === undefined ? 0.05 : input.sigLevel,
  };
  const unknown = theUnknown(given, ["n", "delta", "sd", "power", "sigLevel"], R_NAMES);
  checkOpenRange(given.sigLevel, "sig.level", 0, 1, SIG_LEVEL_HINT);
  checkOpenRange(given.power, "power", 0, 1, POWER_HINT);
  if (unknown !== "sigLevel") checkPowerAboveSigLevel(given.power, given.sigLevel);
  if (given.n !== null && given.n !== undefined && !(Number.isFinite(given.n) && given.n > 1)) {
    throw inputError(`n must be a number above 1, got ${given.n}`, { location: { path: "n" }, hint: "n is the number in each group (two-sample) or of pairs" });
  }
  if (given.sd !== null && !(Number.isFinite(given.sd) && given.sd > 0)) {
    throw inputError(`sd must be a positive number, got ${given.sd}`, { location: { path: "sd" }, hint: "e.g. sd 1 to state delta in standard deviations" });
  }
  if (given.delta !== null && given.delta !== undefined) {
    if (!Number.isFinite(given.delta)) throw inputError(`delta must be a number, got ${given.delta}`, { location: { path: "delta" } });
    if (unknown === "sd" && alternative === "one.sided" && given.delta < 0) {
      throw inputError(`delta is ${given.delta}: a one-sided power calculation for sd needs a positive delta`, { location: { path: "delta" }, hint: "give the difference in the direction the test looks" });
    }
    if (given.delta === 0 && unknown !== "power") {
      throw inputError("delta is 0: no sample size or sd gives power to detect no difference", { location: { path: "delta" }, hint: "give the smallest difference worth detecting" });
    }
  }

  const tsample = type === "two.sample" ? 2 : 1;
  const tside = alternative === "two.sided" ? 2 : 1;
  const twoSidedStrict = strict && tside === 2;
  const powerAt = (n: number, delta: number, sd: number, sigLevel: number): number => {
    const nu = Math.max(1e-7, n - 1) * tsample;
    const qu = studentTUpperQuantile(sigLevel / tside, nu);
    const ncp = (Math.sqrt(n / tsample) * delta) / sd;
    const upper = noncentralTCdf(qu, nu, ncp, false);
    return twoSidedStrict ? upper + noncentralTCdf(-qu, nu, ncp, true) : upper;
  };

  let n = given.n ?? NaN;
  let delta = given.delta ?? NaN;
  if (tside === 2 && !Number.isNaN(delta)) delta = Math.abs(delta);
  let sd = given.sd ?? NaN;
  let sigLevel = given.sigLevel ?? NaN;
  let power = given.power ?? NaN;
  const target = power;
  const unreachable = "the power needed is beyond what the search can reach";
  switch (unknown) {
    case "power":
      power = powerAt(n, delta, sd, sigLevel);
      break;
    case "n":
      n = solveFor("n", (x) => powerAt(x, delta, sd, sigLevel) - target, 2, 1e7, { tol, extendInterval: "up" }, unreachable);
      break;
    case "sd":
      sd = solveFor("sd", (x) => powerAt(n, delta, x, sigLevel) - target, delta * 1e-7, delta * 1e7, { tol, extendInterval: "down" }, unreachable);
      break;
    case "delta":
      delta = solveFor("delta", (x) => powerAt(n, x, sd, sigLevel) - target, sd * 1e-7, sd * 1e7, { tol, extendInterval: "up" }, unreachable);
      break;
    case "sigLevel":
      sigLevel = solveFor("sig.level", (x) => powerAt(n, delta, sd, x) - target, 1e-10, 1 - 1e-10, { tol, extendInterval: "yes" }, unreachable);
      break;
  }
  const method = `${type === "one.sample" ? "One-sample" : type === "two.sample" ? "Two-sample" : "Paired"} t test power calculation`;
  const note =
    type === "paired" ? "n is number of *pairs*, sd is std.dev. of *differences* within pairs" : type === "two.sample" ? "n is number in *each* group" : null;
  return { n, delta, sd, sigLevel, power, type, alternative, strict, solvedFor: unknown, method, note };
}
