import { inputError } from "../../errors.js";
import { normalQuantile, normalUpperTail } from "../distributions/normal.js";
import { EXACT_TOL, POWER_HINT, type PowerAlternative, SIG_LEVEL_HINT, checkOpenRange, checkPowerAboveSigLevel, solveFor, theUnknown } from "./solve-power.js";

/**
 * Power of the two-sample test of proportions (normal approximation, n in *each* group), or the n,
 * p1, p2 or significance level that gives a stated power: R's `power.prop.test`, argument for
 * argument. Leave exactly one of n, p1, p2, power, sigLevel out (sigLevel defaults to 0.05: pass
 * `null` to solve for it).
 *
 * With d = |p1 − p2|, p̄ = (p1 + p2)/2, v = p1(1 − p1) + p2(1 − p2), z = z_{1−α/k} (k = 2 two-sided):
 *
 *   power = Φ( (√n·d − z·√(2p̄(1 − p̄))) / √v )       (+ Φ( −(√n·d + z·√(2p̄(1 − p̄))) / √v ) when strict),
 *
 * the pooled variance under H₀ and the unpooled under H₁ (Fleiss, Levin & Paik 2003, §4.2, without
 * continuity correction). Unknowns are found by Brent's method on R's intervals (n in [1, 10⁷],
 * p1 in [0, p2], p2 in [p1, 1], sig.level in [10⁻¹⁰, 1 − 10⁻¹⁰]); `tol` as in solve-power.ts.
 *
 * Reference: R Core Team, `?power.prop.test` (stats). Fleiss, J. L., Levin, B. & Paik, M. C. (2003).
 * Statistical Methods for Rates and Proportions, 3rd ed., Wiley.
 *
 * @example
 * powerPropTest({ p1: 0.25, p2: 0.55, power: 0.8 }).n; // 40.66146152 (R: power.prop.test(p1 = 0.25, p2 = 0.55, power = 0.8)$n)
 */
export interface PowerPropTestInput {
  n?: number | null;
  p1?: number | null;
  p2?: number | null;
  /** Default 0.05; `null` to solve for it. */
  sigLevel?: number | null;
  power?: number | null;
  alternative?: PowerAlternative;
  strict?: boolean;
  tol?: number;
}

export interface PowerPropTestResult {
  n: number;
  p1: number;
  p2: number;
  sigLevel: number;
  power: number;
  alternative: PowerAlternative;
  strict: boolean;
  solvedFor: "n" | "p1" | "p2" | "sigLevel" | "power";
  method: string;
  note: string;
}

const R_NAMES = { n: "n", p1: "p1", p2: "p2", power: "power", sigLevel: "sig.level" } as const;

export function powerPropTest(input: PowerPropTestInput): PowerPropTestResult {
  const alternative = input.alternative ?? "two.sided";
  const strict = input.strict ?? false;
  const tol = input.tol ?? EXACT_TOL;
  const given = { n: input.n, p1: input.p1, p2: input.p2, power: input.power, sigLevel: input.sigLevel === undefined ? 0.05 : input.sigLevel };
  const unknown = theUnknown(given, ["n", "p1", "p2", "power", "sigLevel"], R_NAMES);
  checkOpenRange(given.sigLevel, "sig.level", 0, 1, SIG_LEVEL_HINT);
  checkOpenRange(given.power, "power", 0, 1, POWER_HINT);
  checkOpenRange(given.p1, "p1", 0, 1, "a proportion such as 0.25");
  checkOpenRange(given.p2, "p2", 0, 1, "a proportion such as 0.35");
  if (unknown !== "sigLevel") checkPowerAboveSigLevel(given.power, given.sigLevel);
  if (given.n !== null && given.n !== undefined && !(Number.isFinite(given.n) && given.n > 0)) {
    throw inputError(`n must be a positive number, got ${given.n}`, { location: { path: "n" }, hint: "n is the number in each group" });
  }
  if (given.p1 !== null && given.p1 !== undefined && given.p1 === given.p2 && unknown !== "power") {
    throw inputError(`p1 and p2 are both ${given.p1}: no sample size gives power to detect no difference`, {
      location: { path: "p2" },
      hint: "give the proportion expected in each group",
    });
  }

  const tside = alternative === "two.sided" ? 2 : 1;
  const twoSidedStrict = strict && tside === 2;
  const powerAt = (n: number, p1: number, p2: number, sigLevel: number): number => {
    const qu = -normalQuantile(sigLevel / tside);
    const d = Math.abs(p1 - p2);
    const spread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    if (!twoSidedStrict) return normalUpperTail(-(Math.sqrt(n) * d - qu * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))) / spread);
    const pbar = (p1 + p2) / 2;
    const pooled = qu * Math.sqrt(2 * pbar * (1 - pbar));
    return normalUpperTail(-(Math.sqrt(n) * d - pooled) / spread) + normalUpperTail((Math.sqrt(n) * d + pooled) / spread);
  };

  let n = given.n ?? NaN;
  let p1 = given.p1 ?? NaN;
  let p2 = given.p2 ?? NaN;
  let sigLevel = given.sigLevel ?? NaN;
  let power = given.power ?? NaN;
  const target = power;
  switch (unknown) {
    case "power":
      power = powerAt(n, p1, p2, sigLevel);
      break;
    case "n":
      n = solveFor("n", (x) => powerAt(x, p1, p2, sigLevel) - target, 1, 1e7, { tol, extendInterval: "up" }, "the power needed is beyond what the search can reach");
      break;
    case "p1":
      p1 = solveFor("p1", (x) => powerAt(n, x, p2, sigLevel) - target, 0, p2, { tol, extendInterval: "yes" }, `even p1 = 0 falls short with n = ${n} and p2 = ${p2}`);
      if (!(p1 >= 0)) throw unreachableProportion("p1", `[0, ${p2}]`);
      break;
    case "p2":
      p2 = solveFor("p2", (x) => powerAt(n, p1, x, sigLevel) - target, p1, 1, { tol, extendInterval: "yes" }, `even p2 = 1 falls short with n = ${n} and p1 = ${p1}`);
      if (!(p2 <= 1)) throw unreachableProportion("p2", `[${p1}, 1]`);
      break;
    case "sigLevel":
      sigLevel = solveFor("sig.level", (x) => powerAt(n, p1, p2, x) - target, 1e-10, 1 - 1e-10, { tol, extendInterval: "up" }, "even α near 1 falls short");
      break;
  }
  return {
    n,
    p1,
    p2,
    sigLevel,
    power,
    alternative,
    strict,
    solvedFor: unknown,
    method: "Two-sample comparison of proportions power calculation",
    note: "n is number in *each* group",
  };
}

function unreachableProportion(name: string, range: string) {
  return inputError(`no ${name} in ${range} gives the requested power with this n`, {
    location: { path: name },
    hint: "increase n or lower the power",
  });
}
