import { analysisError, inputError } from "../../errors.js";
import { levelLabel } from "../confidence-level.js";
import { pow } from "../elementary-functions.js";
import type { GroupCodes } from "../../random/groups.js";
import { rowsByGroup } from "../../random/groups.js";
import { RandomStreams } from "../../random/streams.js";
import { rademacherWeights, webbWeights } from "../../random/wild-weights.js";
import { type DenseMatrix, scaleRows } from "../linalg/dense.js";
import { leastSquares } from "../linalg/least-squares.js";
import { regressionGeometry } from "../variance/geometry.js";
import { type BlockMapper, type DrawBlock, type SyncBlockMapper, blockProgress, drawBlocks, joinBlocks, runBlocksInTurn } from "./draw-blocks.js";
import { mthLargest } from "./order-statistic.js";

/**
 * The wild cluster bootstrap-t test of one coefficient of a linear model (OLS or WLS), H0: β_j = r,
 * and its confidence interval, as Stata's `boottest` and R's `fwildclusterboot` compute them by
 * default (docs/statistics.md#wild-cluster-bootstrap).
 *
 * WCR (null imposed, the default): the bootstrap samples are y*_b = Xβ̃ + v_{b,g(i)}·ũ, with β̃, ũ the
 * estimates and residuals of the model fitted under H0 and v_b one auxiliary weight per cluster
 * (Rademacher ±1, or Webb's six points). WCU (`imposeNull: false`): β̂ and û of the unrestricted fit.
 * Each sample gives the bootstrap t statistic t*_b = (β̂*_j − β_j^DGP)/se*, se* the CR1 ("stata")
 * standard error of the sample's own fit, G/(G − 1)·(n − 1)/(n − k) included as in boottest. The
 * p-value is boottest's symmetric one, the share of the B draws with |t*_b| > |t|.
 *
 * No sample is refitted: following Roodman, MacKinnon, Nielsen & Webb (2019, "Fast and wild"), the
 * numerator and the cluster scores of every sample are linear in v_b, so a few per-cluster
 * quantities computed once (O(n·k)) give each draw's statistic in O(G·k) (or O(G²) when G < 2k).
 * Under WCR they are also linear in the null value r, so each draw is kept as five numbers from
 * which its statistic at any r costs O(1): t*_b(r) = (N0 − δN1)/√(κ(D00 − 2δD01 + δ²D11)), δ = r − r₀.
 * The confidence interval inverts the test: the values r whose p-value exceeds 1 − level, that is
 * at least m draws exceeding, m the smallest count with m/B > 1 − level; its ends are found by
 * bisection (see invertRestricted).
 *
 * Rademacher weights with 2^G ≤ draws: every one of the 2^G sign vectors is used once (B = 2^G),
 * as boottest does, and the result is exact — no random numbers. Draw b then has v_g = −1 where bit g
 * of b is set. Otherwise draw b takes its weights from stream ("wild-bootstrap", b) of the seed.
 *
 * Ties: a constant weight vector (all v_g equal; under full enumeration the all-ones and all-minus-ones
 * vectors) reproduces ±t exactly under WCR; such draws never count as exceeding (they stay in B).
 * boottest compares them by their last bits, so its p-value can be 1/B or 2/B higher than this one.
 *
 * Source: A. C. Cameron, J. B. Gelbach, D. L. Miller, "Bootstrap-based improvements for inference
 * with clustered errors", REStat 90(3), 2008; J. G. MacKinnon, M. D. Webb, "Wild bootstrap
 * inference for wildly different cluster sizes", J. Applied Econometrics 32(2), 2017; D. Roodman,
 * J. G. MacKinnon, M. Ø. Nielsen, M. D. Webb, "Fast and wild: bootstrap inference in Stata using
 * boottest", Stata Journal 19(1), 2019.
 *
 * @example
 * const w = wildClusterBootstrap({ design, y, clusters, coefficient: 3, nullValue: 0.04, draws: 999, seed: 1 });
 * w.statistic; w.pValue; w.confidenceInterval; // 2.0194, 0.0703, [0.0382, 0.0713]
 */
export interface WildBootstrapInput {
  readonly design: DenseMatrix;
  readonly y: Float64Array;
  /** Analytic (WLS) weights, as `aweight` in Stata. */
  readonly weights?: Float64Array;
  readonly clusters: GroupCodes;
  /** The design column tested. */
  readonly coefficient: number;
  /** r in H0: β_j = r; default 0. */
  readonly nullValue?: number;
  readonly draws: number;
  readonly seed: number;
  /** Told the draws done and the draws in all (2^G when every sign vector is used) as blocks of draws finish. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Default "rademacher". */
  readonly weightType?: WildWeightType;
  /** WCR (true, the default) or WCU. */
  readonly imposeNull?: boolean;
  /** Confidence level of the interval; default 0.95. */
  readonly level?: number;
}

export const WILD_WEIGHT_TYPES = ["rademacher", "webb"] as const;
export type WildWeightType = (typeof WILD_WEIGHT_TYPES)[number];

export interface WildBootstrapResult {
  readonly estimate: number;
  /** The CR1 (stata) standard error of the estimate. */
  readonly standardError: number;
  /** (β̂_j − r)/se, as the bootstrap computes it. */
  readonly statistic: number;
  readonly nullValue: number;
  readonly pValue: number;
  /** Test inversion; an end is ±Infinity when the confidence set is unbounded that side, NaN when the draws cannot resolve it. */
  readonly confidenceInterval: readonly [number, number];
  readonly level: number;
  /** B: the draws used (2^G under full enumeration). */
  readonly draws: number;
  readonly enumerated: boolean;
  readonly imposeNull: boolean;
  readonly weightType: WildWeightType;
  readonly seed: number;
  readonly clusters: number;
  /** t*_b at the tested null, in draw order (boottest's `svmat`). */
  readonly bootstrapStatistics: Float64Array;
}

/** What a thread needs to compute blocks of draws (plain data, so that it can be sent to a worker). */
export interface WildTask {
  readonly seed: number;
  readonly weightType: WildWeightType;
  readonly enumerate: boolean;
  readonly clusters: number;
  readonly rank: number;
  /** Per cluster: a0_g = ρ's0_g and b_g = ρ't_g (see the module comment in docs/statistics.md). */
  readonly a0: Float64Array;
  readonly b: Float64Array;
  /** O(G·k) form: s0_g, t_g and ψ_g, G × k row-major. Empty in the O(G²) form. */
  readonly s0: Float64Array;
  readonly t: Float64Array;
  readonly psi: Float64Array;
  /** O(G²) form: M0[h][g] = ψ_h's0_g and M1[h][g] = ψ_h't_g, G × G row-major. Empty in the O(G·k) form. */
  readonly m0: Float64Array;
  readonly m1: Float64Array;
}

/** Numbers kept per draw: N0, N1, D00, D01, D11 and 1 if the weights are constant (else 0). */
export const WILD_DRAW_WIDTH = 6;

/** The draw's random numbers: stream (WILD_PURPOSE, draw) of the seed. */
export const WILD_PURPOSE = "wild-bootstrap";

/** Rademacher draws are enumerated when 2^G ≤ draws; beyond this many clusters never (2^30 draws is past any budget). */
const MAX_ENUMERATED_CLUSTERS = 30;

/** The test with its blocks of draws run at once: here, one after another, unless `mapBlocks` runs them elsewhere. */
export function wildClusterBootstrap(input: WildBootstrapInput, mapBlocks?: SyncBlockMapper): WildBootstrapResult {
  const prepared = prepareWild(input);
  const { task, blocks, onBlockDone } = prepared;
  const results = mapBlocks ? mapBlocks("wild", task, blocks, onBlockDone) : runBlocksInTurn(blocks, (b) => wildBlock(task, b), onBlockDone);
  return summariseWild(prepared, joinBlocks(results, blocks, WILD_DRAW_WIDTH));
}

/** The same with the blocks of draws run by `mapBlocks` (worker threads in the CLI). */
export async function wildClusterBootstrapAsync(input: WildBootstrapInput, mapBlocks: BlockMapper): Promise<WildBootstrapResult> {
  const prepared = prepareWild(input);
  const { task, blocks, onBlockDone } = prepared;
  return summariseWild(prepared, joinBlocks(await mapBlocks("wild", task, blocks, onBlockDone), blocks, WILD_DRAW_WIDTH));
}

interface PreparedWild {
  readonly task: WildTask;
  readonly draws: number;
  /** The draws in blocks, and what each tells the input's onProgress as it finishes. */
  readonly blocks: readonly DrawBlock[];
  readonly onBlockDone: ((block: DrawBlock) => void) | undefined;
  readonly estimate: number;
  readonly nullValue: number;
  readonly kappa: number;
  readonly imposeNull: boolean;
  readonly level: number;
}

function prepareWild(input: WildBootstrapInput): PreparedWild {
  const { design, y, weights, clusters, coefficient, seed } = input;
  const nullValue = input.nullValue ?? 0;
  const weightType = input.weightType ?? "rademacher";
  const imposeNull = input.imposeNull ?? true;
  const level = input.level ?? 0.95;
  if (!WILD_WEIGHT_TYPES.includes(weightType)) throw inputError(`unknown wild bootstrap weights "${weightType}"`, { hint: `choose ${WILD_WEIGHT_TYPES.join(" or ")}` });
  if (!Number.isSafeInteger(input.draws) || input.draws < 2) {
    throw inputError(`the wild bootstrap needs a whole number of draws, at least 2, not ${input.draws}`, { hint: "use 999 or 9999 draws" });
  }
  if (!Number.isFinite(nullValue)) throw inputError(`the null value must be a finite number, not ${nullValue}`);
  const n = design.rows;
  const G = clusters.count;
  const index = rowsByGroup(clusters, n, "cluster");
  if (G < 2) throw analysisError("the wild cluster bootstrap needs at least 2 clusters", { hint: "cluster-robust inference is not possible with one cluster" });
  requireResolvableTest(G, weightType, level);

  // whitened geometry of the (weighted) fit: X* = √w·X = P·R, P orthonormal (pivoted order)
  const sqrtW = weights ? Float64Array.from(weights, Math.sqrt) : undefined;
  const xStar = sqrtW ? scaleRows(design, sqrtW) : design;
  const yStar = sqrtW ? Float64Array.from(y, (v, i) => v * sqrtW[i]) : y;
  const ls = leastSquares(xStar, yStar);
  const r = ls.rank;
  const position = Array.from(ls.qr.pivot.subarray(0, r)).indexOf(coefficient);
  if (position < 0) throw inputError(`coefficient ${coefficient + 1} is not estimable (collinear with earlier columns)`, { hint: "drop the collinear term" });
  if (n - r <= 0) throw analysisError(`${n} rows cannot estimate ${r} coefficients with any residual degrees of freedom`, { hint: "use fewer terms or more data" });
  const g = regressionGeometry(xStar, ls.qr, ls.residuals, sqrtW);
  const P = g.whitened.data;
  const e = g.residuals;
  // ρ: row `position` of R⁻¹, so that β_j = ρ'γ with γ = Rβ the coefficients on P
  const rho = new Float64Array(r);
  for (let m = 0; m < r; m++) rho[m] = g.rInverse.data[position + m * r];
  let rhoRho = 0;
  for (const v of rho) rhoRho += v * v;
  // q = Pρ; per cluster ψ_g = P_g'q_g and z_g = P_g'e_g
  const q = new Float64Array(n);
  for (let m = 0; m < r; m++) {
    const c = rho[m];
    if (c === 0) continue;
    for (let i = 0; i < n; i++) q[i] += P[m * n + i] * c;
  }
  const psi = new Float64Array(G * r);
  const z = new Float64Array(G * r);
  for (let m = 0; m < r; m++) {
    const col = m * n;
    for (let i = 0; i < n; i++) {
      const at = index.codes[i] * r + m;
      psi[at] += P[col + i] * q[i];
      z[at] += P[col + i] * e[i];
    }
  }
  const estimate = ls.coefficients[coefficient];
  // DGP residuals u(r) = u(r₀) − δ·Pρ/ρ'ρ (WCR; ũ(r) = û + (β̂_j − r)Pρ/ρ'ρ), or û (WCU)
  const delta0 = estimate - nullValue;
  const s0 = new Float64Array(G * r);
  const t = new Float64Array(G * r);
  for (let i = 0; i < G * r; i++) {
    s0[i] = imposeNull ? z[i] + (delta0 / rhoRho) * psi[i] : z[i];
    t[i] = imposeNull ? psi[i] / rhoRho : 0;
  }
  const a0 = new Float64Array(G);
  const b = new Float64Array(G);
  for (let h = 0; h < G; h++) {
    for (let m = 0; m < r; m++) {
      a0[h] += rho[m] * s0[h * r + m];
      b[h] += rho[m] * t[h * r + m];
    }
  }
  const matrixForm = G < 2 * r;
  let m0 = new Float64Array(0);
  let m1 = new Float64Array(0);
  if (matrixForm) {
    m0 = new Float64Array(G * G);
    m1 = new Float64Array(G * G);
    for (let h = 0; h < G; h++) {
      for (let c = 0; c < G; c++) {
        let u0 = 0;
        let u1 = 0;
        for (let m = 0; m < r; m++) {
          u0 += psi[h * r + m] * s0[c * r + m];
          u1 += psi[h * r + m] * t[c * r + m];
        }
        m0[h * G + c] = u0;
        m1[h * G + c] = u1;
      }
    }
  }
  const enumerate = weightType === "rademacher" && G <= MAX_ENUMERATED_CLUSTERS && 2 ** G <= input.draws;
  const task: WildTask = {
    seed,
    weightType,
    enumerate,
    clusters: G,
    rank: r,
    a0,
    b,
    s0: matrixForm ? new Float64Array(0) : s0,
    t: matrixForm ? new Float64Array(0) : t,
    psi: matrixForm ? new Float64Array(0) : psi,
    m0,
    m1,
  };
  const kappa = (G / (G - 1)) * ((n - 1) / (n - r));
  const draws = enumerate ? 2 ** G : input.draws;
  return { task, draws, blocks: drawBlocks(draws), onBlockDone: blockProgress(draws, input.onProgress), estimate, nullValue, kappa, imposeNull, level };
}

/**
 * The wild bootstrap's resolution: of the k^G weight vectors (k = 2 Rademacher points, 6 Webb points),
 * the k constant ones reproduce ±t exactly under WCR, a tie the p-value never counts, so p = 0 can
 * only mean "below k^(1−G)". When that share reaches α = 1 − level (Rademacher: G ≤ 5 at 95%; Webb:
 * G ≤ 2) the test cannot reject at the level, nor the interval exclude anything, and a p of 0 (shown
 * "<1/B") with a finite interval would be read as strong evidence: refused, never starred.
 */
function requireResolvableTest(G: number, weightType: WildWeightType, level: number): void {
  const points = weightType === "rademacher" ? 2 : 6;
  const constantShare = pow(points, 1 - G);
  if (constantShare < 1 - level) return;
  const name = weightType === "rademacher" ? "Rademacher" : "Webb";
  throw analysisError(
    `with ${G} clusters, ${points} of the ${pow(points, G)} ${name} weight vectors (${formatShare(constantShare)}) are constant and reproduce the test statistic itself, so the wild bootstrap cannot reject at the ${levelLabel(level)} level or bound a ${levelLabel(level)} interval`,
    {
      hint:
        weightType === "rademacher" && pow(6, 1 - G) < 1 - level
          ? "use Webb weights (--bootstrap-weights webb), whose 6^G vectors resolve the test with 3 clusters or more"
          : "no bootstrap resolves a test with so few clusters: report the cluster-robust (CR2) result with its warning, or analyse at the level of the clusters",
    },
  );
}

function formatShare(share: number): string {
  return `${Number((100 * share).toPrecision(3))}%`;
}

/** The weights of draw `draw`: the draw's sign vector under full enumeration, else from its own stream. */
export function wildWeights(task: Pick<WildTask, "seed" | "weightType" | "enumerate" | "clusters">, draw: number, streams = new RandomStreams(task.seed)): Float64Array {
  const G = task.clusters;
  if (task.enumerate) {
    const v = new Float64Array(G);
    for (let g = 0; g < G; g++) v[g] = Math.floor(draw / 2 ** g) % 2 === 1 ? -1 : 1;
    return v;
  }
  const rng = streams.stream(WILD_PURPOSE, draw);
  return task.weightType === "webb" ? webbWeights(rng, G) : rademacherWeights(rng, G);
}

/** Per draw of the block: N0, N1, D00, D01, D11 (without κ) and whether its weights are constant. */
export function wildBlock(task: WildTask, block: DrawBlock): Float64Array {
  const out = new Float64Array(block.count * WILD_DRAW_WIDTH);
  const streams = new RandomStreams(task.seed);
  for (let d = 0; d < block.count; d++) {
    const v = wildWeights(task, block.start + d, streams);
    drawStatistics(task, v, out, d * WILD_DRAW_WIDTH);
  }
  return out;
}

/** Scratch space for drawStatistics, by size (a block reuses it for every draw). */
const scratch = { size: -1, sigma0: new Float64Array(0), sigma1: new Float64Array(0) };

/**
 * N0 = Σ v_g a0_g, N1 = Σ v_g b_g; scores S0_h = v_h a0_h − ψ_h'Σ_g v_g s0_g and S1_h likewise with
 * b and t; D00 = ΣS0², D01 = ΣS0·S1, D11 = ΣS1². Written to out[at … at + 5].
 */
function drawStatistics(task: WildTask, v: Float64Array, out: Float64Array, at: number): void {
  const G = task.clusters;
  const r = task.rank;
  const { a0, b } = task;
  let n0 = 0;
  let n1 = 0;
  for (let g = 0; g < G; g++) {
    n0 += v[g] * a0[g];
    n1 += v[g] * b[g];
  }
  let d00 = 0;
  let d01 = 0;
  let d11 = 0;
  if (task.m0.length > 0) {
    const { m0, m1 } = task;
    for (let h = 0; h < G; h++) {
      let u0 = 0;
      let u1 = 0;
      for (let g = 0; g < G; g++) {
        u0 += m0[h * G + g] * v[g];
        u1 += m1[h * G + g] * v[g];
      }
      const s0 = v[h] * a0[h] - u0;
      const s1 = v[h] * b[h] - u1;
      d00 += s0 * s0;
      d01 += s0 * s1;
      d11 += s1 * s1;
    }
  } else {
    if (scratch.size !== r) {
      scratch.size = r;
      scratch.sigma0 = new Float64Array(r);
      scratch.sigma1 = new Float64Array(r);
    }
    const { sigma0, sigma1 } = scratch;
    sigma0.fill(0);
    sigma1.fill(0);
    const { s0, t, psi } = task;
    for (let g = 0; g < G; g++) {
      const w = v[g];
      for (let m = 0; m < r; m++) {
        sigma0[m] += w * s0[g * r + m];
        sigma1[m] += w * t[g * r + m];
      }
    }
    for (let h = 0; h < G; h++) {
      let u0 = 0;
      let u1 = 0;
      for (let m = 0; m < r; m++) {
        u0 += psi[h * r + m] * sigma0[m];
        u1 += psi[h * r + m] * sigma1[m];
      }
      const s0h = v[h] * a0[h] - u0;
      const s1h = v[h] * b[h] - u1;
      d00 += s0h * s0h;
      d01 += s0h * s1h;
      d11 += s1h * s1h;
    }
  }
  let constant = 1;
  for (let g = 1; g < G; g++) if (v[g] !== v[0]) constant = 0;
  out[at] = n0;
  out[at + 1] = n1;
  out[at + 2] = d00;
  out[at + 3] = d01;
  out[at + 4] = d11;
  out[at + 5] = constant;
}

/** t*(δ) of the draw whose numbers start at `at`: (N0 − δN1)/√(κ(D00 − 2δD01 + δ²D11)). */
function statisticAt(draws: Float64Array, at: number, delta: number, kappa: number): number {
  const numerator = draws[at] - delta * draws[at + 1];
  const variance = kappa * (draws[at + 2] - 2 * delta * draws[at + 3] + delta * delta * draws[at + 4]);
  return numerator / Math.sqrt(variance);
}

function summariseWild(prepared: PreparedWild, draws: Float64Array): WildBootstrapResult {
  const { task, kappa, estimate, nullValue, imposeNull, level } = prepared;
  const B = prepared.draws;
  // the observed statistic, through the same arithmetic as the draws (all weights 1)
  const observed = new Float64Array(WILD_DRAW_WIDTH);
  drawStatistics(task, new Float64Array(task.clusters).fill(1), observed, 0);
  const standardError = Math.sqrt(kappa * observed[2]);
  // WCR: t(δ) from the all-ones draw (the DGP's null moves with r); WCU: (β̂ − r)/se
  const observedAt = (delta: number) => (imposeNull ? statisticAt(observed, 0, delta, kappa) : (estimate - nullValue - delta) / standardError);
  // draws that count: under WCR a constant weight vector reproduces ±t exactly
  const counted: number[] = [];
  for (let d = 0; d < B; d++) if (!(imposeNull && draws[d * WILD_DRAW_WIDTH + 5] === 1)) counted.push(d * WILD_DRAW_WIDTH);
  const statistic = observedAt(0);
  const bootstrapStatistics = new Float64Array(B);
  for (let d = 0; d < B; d++) bootstrapStatistics[d] = statisticAt(draws, d * WILD_DRAW_WIDTH, 0, kappa);
  let exceed = 0;
  for (const at of counted) if (!(Math.abs(bootstrapStatistics[at / WILD_DRAW_WIDTH]) <= Math.abs(statistic))) exceed++;
  const alpha = 1 - level;
  // the fewest exceeding draws that keep r in the confidence set: m/B > α
  let m = Math.floor(alpha * B) + 1;
  while (m > 1 && (m - 1) / B > alpha) m--;
  while (m / B <= alpha) m++;
  const confidenceInterval: [number, number] =
    m > counted.length
      ? [NaN, NaN]
      : imposeNull
        ? shift(invertRestricted(draws, counted, m, kappa, observedAt, estimate - nullValue, standardError), nullValue)
        : unrestrictedInterval(draws, counted, m, kappa, estimate, standardError);
  return {
    estimate,
    standardError,
    statistic,
    nullValue,
    pValue: exceed / B,
    confidenceInterval,
    level,
    draws: B,
    enumerated: task.enumerate,
    imposeNull,
    weightType: task.weightType,
    seed: task.seed,
    clusters: task.clusters,
    bootstrapStatistics,
  };
}

/** WCU: the bootstrap statistics do not move with r, so the set {r: |β̂ − r|/se < Q} is β̂ ± se·Q. */
function unrestrictedInterval(draws: Float64Array, counted: readonly number[], m: number, kappa: number, estimate: number, se: number): [number, number] {
  const abs = Float64Array.from(counted, (at) => Math.abs(statisticAt(draws, at, 0, kappa)));
  const q = mthLargest(abs, m);
  return [estimate - se * q, estimate + se * q];
}

/**
 * WCR: the ends of the set of r with p(r) > α, p(r) the share of draws with |t*_b(r)| > |t(r)|, so
 * r is inside exactly when at least m draws exceed. From the estimate (where t = 0, inside) each side
 * steps out by se, 2se, 4se, … until a point is outside, then bisection between the last inside
 * point and the first outside one finds where the count crosses m, to 10⁻¹² se. Bisection on the
 * count rather than a root search on |t(r)| − (m-th largest |t*_b(r)|): with designs whose clusters
 * share covariate values some draws tie with t over whole ranges of r, and a tie never counts. An
 * end is ±Infinity if no outside point is found within 2^40·se (the set is unbounded that side,
 * which happens with few clusters). The ends are returned as δ = r − r₀.
 */
function invertRestricted(draws: Float64Array, counted: readonly number[], m: number, kappa: number, observedAt: (delta: number) => number, deltaHat: number, se: number): [number, number] {
  const inside = (delta: number): boolean => {
    const observed = Math.abs(observedAt(delta));
    let exceed = 0;
    for (const at of counted) if (!(Math.abs(statisticAt(draws, at, delta, kappa)) <= observed)) exceed++;
    return exceed >= m;
  };
  const end = (direction: 1 | -1): number => {
    let low = deltaHat;
    for (let step = 0; step <= 40; step++) {
      const outside = deltaHat + direction * se * 2 ** step;
      if (inside(outside)) {
        low = outside;
        continue;
      }
      let high = outside;
      while (Math.abs(high - low) > 1e-12 * se) {
        const mid = (low + high) / 2;
        if (mid === low || mid === high) break;
        if (inside(mid)) low = mid;
        else high = mid;
      }
      return (low + high) / 2;
    }
    return direction * Infinity;
  };
  if (!inside(deltaHat)) return [NaN, NaN];
  return [end(-1), end(1)];
}

function shift([low, high]: [number, number], by: number): [number, number] {
  return [low + by, high + by];
}
