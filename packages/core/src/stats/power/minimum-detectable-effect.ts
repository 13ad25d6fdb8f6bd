import { inputError } from "../../errors.js";
import { normalCdf, normalQuantile } from "../distributions/normal.js";
import { studentTQuantile, studentTUpperQuantile, studentTUpperTail } from "../distributions/student-t.js";
import { EXACT_TOL, POWER_HINT, type PowerAlternative, SIG_LEVEL_HINT, checkOpenRange, checkPowerAboveSigLevel, solveFor, theUnknown } from "./solve-power.js";

/**
 * The minimum detectable effect of a two-arm trial (Bloom 1995; 2005; 2006): the smallest true
 * effect that a test at level α detects with the stated power, and the power or sample size that go
 * with a stated effect. Individually or cluster-randomised, continuous or binary outcome.
 *
 *   MDES = M_ν · SE,   M_ν = t_{1−α/k}(ν) + t_{power}(ν)   (k = 2 two-sided, 1 one-sided; normal
 *   quantiles with `distribution: "normal"`), MDE = MDES · σ in the outcome's units,
 *
 * with SE the standard error of the impact estimate in standard deviations of the outcome:
 *
 *   individual:  SE² = D · (1 − R²) / (P(1 − P) · n · r),                       ν = n·r − K − 2;
 *   cluster:     SE² = D · [ ρ(1 − R²_c) / (P(1 − P) J) + (1 − ρ)(1 − R²) / (P(1 − P) J m r) ],  ν = J − K − 2;
 *
 * n people randomised (J clusters of m), P the share assigned to treatment, R² the share of outcome
 * variance explained by covariates (R²_c of the between-cluster variance by cluster-level ones), K
 * covariates (cluster-level ones in a cluster design), ρ the intracluster correlation, r the survey
 * response rate (only respondents have the outcome), D the design effect of the non-response
 * weights (Kish's 1 + CV², which multiplies the variance of a weighted mean). For a binary outcome
 * with control proportion p1, σ = √(p1(1 − p1)) and p2 = p1 + MDE (null when that is not below 1).
 *
 * Inverting the formula gives power = F_ν(MDES/SE − t_{1−α/k}(ν)) (F_ν the t or normal distribution
 * function): Bloom's approximation, which ignores the far rejection tail and uses a central t where
 * power.t.test uses the noncentral one (the two agree as ν grows). Sample size (n, J or m)
 * for a stated MDES and power is the root of MDES(·) = target, by Brent's method.
 *
 * References: Bloom, H. S. (1995). Minimum detectable effects: a simple way to report the statistical
 * power of experimental designs. Evaluation Review 19(5), 547–556. Bloom, H. S. (2005). Randomizing
 * groups to evaluate place-based programs. In Learning More from Social Experiments, ch. 4. Bloom,
 * H. S. (2006). The core analytics of randomized experiments for social research. MDRC Working
 * Papers on Research Methodology. Dong, N. & Maynard, R. (2013). PowerUp!: a tool for calculating
 * minimum detectable effect sizes and minimum required sample sizes. JREE 6(1), 24–67.
 *
 * @example
 * minimumDetectableEffect({ n: 1000, power: 0.8 }).mdes; // 0.1773611 (M = 2.804325 on 998 df, SE = √(1/(0.25 · 1000)))
 * minimumDetectableEffect({ clusters: 40, clusterSize: 25, icc: 0.05, power: 0.8 }).mdes; // 0.269753 (38 df)
 */
export type MdesDistribution = "t" | "normal";

export interface MdesInput {
  /** Individually randomised: the number randomised, both arms together. */
  n?: number | null;
  /** Cluster-randomised: the number of clusters J (both arms), their mean size m and the ICC ρ. */
  clusters?: number | null;
  clusterSize?: number | null;
  icc?: number;
  /** The effect in the outcome's units (σ · MDES); with `sd` 1 (the default) it is the MDES itself. */
  delta?: number | null;
  sd?: number;
  /** Binary outcome: the control group's proportion (σ = √(p1(1 − p1))); p2 = p1 + delta may be given instead of delta. */
  p1?: number;
  p2?: number | null;
  power?: number | null;
  sigLevel?: number;
  alternative?: PowerAlternative;
  /** P, the share randomised to treatment (0.5: equal allocation). */
  treatedShare?: number;
  /** Share of the outcome variance explained by covariates (individual level in a cluster design). */
  r2?: number;
  /** Cluster designs: share of the between-cluster variance explained by cluster-level covariates. */
  r2Cluster?: number;
  /** Number of covariates K, which cost degrees of freedom. */
  covariates?: number;
  responseRate?: number;
  designEffect?: number;
  distribution?: MdesDistribution;
  tol?: number;
}

export type MdesUnknown = "n" | "clusters" | "clusterSize" | "delta" | "power";

export interface MdesResult {
  design: "individual" | "cluster";
  /** People randomised (J·m in a cluster design) and in each arm. */
  n: number;
  nTreated: number;
  nControl: number;
  clusters: number | null;
  clusterSize: number | null;
  icc: number | null;
  /** The minimum detectable effect in standard deviations, and in the outcome's units. */
  mdes: number;
  delta: number;
  sd: number;
  p1: number | null;
  p2: number | null;
  power: number;
  sigLevel: number;
  alternative: PowerAlternative;
  treatedShare: number;
  r2: number;
  r2Cluster: number | null;
  covariates: number;
  responseRate: number;
  designEffect: number;
  distribution: MdesDistribution;
  /** ν, the multiplier M_ν and SE (in standard deviations) at the solution. */
  df: number;
  multiplier: number;
  standardError: number;
  solvedFor: MdesUnknown;
}

export function minimumDetectableEffect(input: MdesInput): MdesResult {
  const cluster = input.clusters !== undefined || input.clusterSize !== undefined || input.icc !== undefined;
  if (cluster && input.n !== undefined && input.n !== null) {
    throw inputError("n and clusters are both given: a cluster design's size is its clusters × cluster size", {
      location: { path: "n" },
      hint: "give clusters and cluster size (and ICC) for a cluster-randomised trial, or n alone for an individually randomised one",
    });
  }
  const sigLevel = input.sigLevel ?? 0.05;
  const alternative = input.alternative ?? "two.sided";
  const treatedShare = input.treatedShare ?? 0.5;
  const r2 = input.r2 ?? 0;
  const r2Cluster = input.r2Cluster ?? 0;
  const covariates = input.covariates ?? 0;
  const responseRate = input.responseRate ?? 1;
  const designEffect = input.designEffect ?? 1;
  const distribution = input.distribution ?? "t";
  const icc = input.icc ?? 0;
  checkOpenRange(sigLevel, "sig.level", 0, 1, SIG_LEVEL_HINT);
  checkOpenRange(input.power, "power", 0, 1, POWER_HINT);
  checkOpenRange(treatedShare, "treated share", 0, 1, "the share randomised to treatment, e.g. 0.5 (or a ratio such as 2:1)");
  checkUnitInterval(r2, "r2", "the share of outcome variance explained by covariates, e.g. 0.3");
  checkUnitInterval(r2Cluster, "r2 cluster", "the share of between-cluster variance explained by cluster-level covariates");
  checkUnitInterval(icc, "icc", "the intracluster correlation, e.g. 0.05");
  if (!(responseRate > 0 && responseRate <= 1)) {
    throw inputError(`response rate must be above 0 and at most 1, got ${responseRate}`, { location: { path: "response rate" }, hint: "e.g. 0.45 if 45% answer the follow-up survey" });
  }
  if (!(designEffect >= 1 && Number.isFinite(designEffect))) {
    throw inputError(`design effect must be a number of at least 1, got ${designEffect}`, { location: { path: "deff" }, hint: "Kish's design effect of the weights, 1 + CV² (1 without weights)" });
  }
  if (!(Number.isInteger(covariates) && covariates >= 0)) {
    throw inputError(`covariates must be a whole number of at least 0, got ${covariates}`, { location: { path: "covariates" }, hint: "the number of covariates in the model, e.g. 3 (0 without covariates)" });
  }

  // the outcome's scale: σ given, or √(p1(1 − p1)) for a binary outcome
  let sd = input.sd ?? 1;
  let givenDelta = input.delta;
  const p1 = input.p1 ?? null;
  if (p1 !== null) {
    checkOpenRange(p1, "p1", 0, 1, "the control group's proportion, such as 0.25");
    if (input.sd !== undefined) throw inputError("sd and p1 are both given", { location: { path: "sd" }, hint: "a binary outcome's sd is √(p1(1 − p1)); leave sd out" });
    sd = Math.sqrt(p1 * (1 - p1));
    if (input.p2 !== undefined && input.p2 !== null) {
      checkOpenRange(input.p2, "p2", 0, 1, "the treatment group's proportion");
      if (givenDelta !== undefined && givenDelta !== null) throw inputError("delta and p2 are both given", { location: { path: "p2" }, hint: "give p2, or delta = p2 − p1, not both" });
      givenDelta = input.p2 - p1;
    }
  } else if (input.p2 !== undefined && input.p2 !== null) {
    throw inputError("p2 needs p1", { location: { path: "p2" }, hint: "give the control proportion p1 too" });
  }
  if (!(sd > 0 && Number.isFinite(sd))) throw inputError(`sd must be a positive number, got ${sd}`, { location: { path: "sd" } });

  const sizeKeys = cluster ? (["clusters", "clusterSize"] as const) : (["n"] as const);
  const values: Record<MdesUnknown, number | null | undefined> = {
    n: input.n,
    clusters: input.clusters,
    clusterSize: input.clusterSize,
    delta: givenDelta,
    power: input.power,
  };
  const order: MdesUnknown[] = [...sizeKeys, "delta", "power"];
  const effectName = input.p2 !== undefined && input.p2 !== null ? "p2" : "delta";
  const unknown = theUnknown(values, order, { n: "n", clusters: "clusters", clusterSize: "cluster size", delta: effectName, power: "power" });
  checkPowerAboveSigLevel(input.power, sigLevel);
  if (cluster && input.icc === undefined) throw inputError("a cluster design needs the ICC", { location: { path: "icc" }, hint: "e.g. icc 0.05" });
  if (givenDelta !== undefined && givenDelta !== null && !(Number.isFinite(givenDelta) && givenDelta !== 0)) {
    throw inputError(`delta must be a non-zero number, got ${givenDelta}`, { location: { path: "delta" }, hint: "the effect worth detecting, in the outcome's units" });
  }
  const checkSize = (value: number | null | undefined, name: string, min: number) => {
    if (value !== null && value !== undefined && !(Number.isFinite(value) && value >= min)) {
      throw inputError(`${name} must be a number of at least ${min}, got ${value}`, {
        location: { path: name },
        hint:
          name === "cluster size"
            ? "a cluster has at least one person"
            : `the t multiplier needs ν = ${name === "clusters" ? "clusters" : "respondents (n × response rate)"} − covariates − 2 ≥ 1 degree of freedom`,
      });
    }
  };
  // ν must stay positive: at least K + 3 responding people (or clusters)
  const minimumSize = (covariates + 3) / (cluster ? 1 : responseRate);
  checkSize(input.n, "n", minimumSize);
  checkSize(input.clusters, "clusters", covariates + 3);
  checkSize(input.clusterSize, "cluster size", 1);

  const tside = alternative === "two.sided" ? 2 : 1;
  const spread = treatedShare * (1 - treatedShare);
  const dfAt = (n: number, clusters: number) => (distribution === "normal" ? Infinity : cluster ? clusters - covariates - 2 : n * responseRate - covariates - 2);
  const seAt = (n: number, clusters: number, m: number) =>
    Math.sqrt(
      cluster
        ? designEffect * ((icc * (1 - r2Cluster)) / (spread * clusters) + ((1 - icc) * (1 - r2)) / (spread * clusters * m * responseRate))
        : (designEffect * (1 - r2)) / (spread * n * responseRate),
    );
  const critical = (df: number) => (df === Infinity ? -normalQuantile(sigLevel / tside) : studentTUpperQuantile(sigLevel / tside, df));
  const multiplierAt = (df: number, power: number) => critical(df) + (df === Infinity ? normalQuantile(power) : studentTQuantile(power, df));
  const mdesAt = (n: number, clusters: number, m: number, power: number) => multiplierAt(dfAt(n, clusters), power) * seAt(n, clusters, m);

  let n = input.n ?? NaN;
  let clusters = input.clusters ?? NaN;
  let clusterSize = input.clusterSize ?? NaN;
  let power = input.power ?? NaN;
  let mdes = givenDelta === undefined || givenDelta === null ? NaN : Math.abs(givenDelta) / sd;
  const tol = input.tol ?? EXACT_TOL;
  switch (unknown) {
    case "delta":
      mdes = mdesAt(n, clusters, clusterSize, power);
      break;
    case "power": {
      const df = dfAt(n, clusters);
      const shortfall = mdes / seAt(n, clusters, clusterSize) - critical(df);
      power = df === Infinity ? normalCdf(shortfall) : 1 - studentTUpperTail(shortfall, df);
      break;
    }
    case "n":
      n = solveFor("n", (x) => mdesAt(x, NaN, NaN, power) - mdes, minimumSize, 1e9, { tol, extendInterval: "down" }, `even 10⁹ people leave the MDES above ${mdes}`);
      break;
    case "clusters":
      clusters = solveFor("clusters", (x) => mdesAt(NaN, x, clusterSize, power) - mdes, covariates + 3, 1e9, { tol, extendInterval: "down" }, "too few clusters can be afforded");
      break;
    case "clusterSize": {
      // as m grows the within-cluster term vanishes; the between-cluster term sets a floor
      const floor = multiplierAt(dfAt(NaN, clusters), power) * Math.sqrt((designEffect * icc * (1 - r2Cluster)) / (spread * clusters));
      if (!(mdes > floor)) {
        throw inputError(`no cluster size reaches an MDES of ${fmt(mdes)} with ${clusters} clusters: the ICC alone keeps it above ${fmt(floor)}`, {
          location: { path: "cluster size" },
          hint: "add clusters (larger clusters cannot help), or accept a larger MDES",
        });
      }
      clusterSize = solveFor("cluster size", (x) => mdesAt(NaN, clusters, x, power) - mdes, 1, 1e9, { tol }, "even clusters of 10⁹ leave the MDES above the target");
      break;
    }
  }
  if (cluster) n = clusters * clusterSize;
  checkArms(cluster ? clusters : n, treatedShare, cluster ? "cluster" : "person");
  const df = dfAt(n, clusters);
  const delta = mdes * sd;
  const sign = givenDelta !== undefined && givenDelta !== null && givenDelta < 0 ? -1 : 1;
  return {
    design: cluster ? "cluster" : "individual",
    n,
    nTreated: n * treatedShare,
    nControl: n * (1 - treatedShare),
    clusters: cluster ? clusters : null,
    clusterSize: cluster ? clusterSize : null,
    icc: cluster ? icc : null,
    mdes,
    delta: sign * delta,
    sd,
    p1,
    // a p2 outside (0, 1) means no such effect is possible on this scale
    p2: p1 === null || !(p1 + sign * delta > 0 && p1 + sign * delta < 1) ? null : p1 + sign * delta,
    power,
    sigLevel,
    alternative,
    treatedShare,
    r2,
    r2Cluster: cluster ? r2Cluster : null,
    covariates,
    responseRate,
    designEffect,
    distribution,
    df,
    multiplier: multiplierAt(df, power),
    standardError: seAt(n, clusters, clusterSize),
    solvedFor: unknown,
  };
}

/**
 * Each arm must get at least one of what is randomised (a person, or a cluster): a split that
 * leaves an arm 0.001 people has no comparison to make, though the formula gives an MDES.
 */
function checkArms(units: number, treatedShare: number, unit: "person" | "cluster"): void {
  const arms: [string, number][] = [
    ["treatment", units * treatedShare],
    ["control", units * (1 - treatedShare)],
  ];
  for (const [arm, size] of arms) {
    if (size < 1) {
      const plural = unit === "person" ? "people" : "clusters";
      throw inputError(`a treated share of ${treatedShare} leaves ${fmt(size)} ${plural} of ${fmt(units)} in the ${arm} arm: each arm needs at least 1 ${unit}`, {
        location: { path: "treated share" },
        hint: `randomise more ${plural}, or a share nearer 0.5, e.g. 0.5 (or a ratio such as 2:1)`,
      });
    }
  }
}

function checkUnitInterval(value: number, name: string, hint: string): void {
  if (!(Number.isFinite(value) && value >= 0 && value < 1)) {
    throw inputError(`${name} must be at least 0 and below 1, got ${value}`, { location: { path: name }, hint });
  }
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
