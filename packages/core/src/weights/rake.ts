import { analysisError, inputError, listNames } from "../errors.js";

/**
 * Raking (iterative proportional fitting), exactly as `survey::rake`.
 *
 * Each iteration post-stratifies the weights to every margin in turn: for margin m and level l,
 * wᵢ ← wᵢ · N_ml / Σ_{j at l} w_j (`survey::postStratify`). After each full sweep the weighted
 * cross-table of all margin variables together is compared with the one before the sweep (the one
 * before the first sweep is that of the starting weights); raking stops when the largest absolute
 * change of a table cell is below ε, and fails after `maxIterations` sweeps. As in survey, a
 * tolerance below 1 is relative — ε = tolerance × Σ starting weights — and one of 1 or more is an
 * absolute weighted count. survey's defaults are `maxit = 10, epsilon = 1`; trialstat's are
 * tighter (`RAKE_DEFAULTS`), and the R oracle passes the same values to `rake(control = )`.
 *
 * A level with a population count but no sample unit cannot be matched (survey stops with "Some
 * strata absent from sample"); here it is an analysis error naming the margin and level. Not
 * converging is an analysis error naming the margins (survey only warns). Margins that cannot be
 * met together are an error too (survey returns the cycling weights as if converged; see
 * `checkMarginsMet`).
 *
 * @example
 * // two units at level a of one margin, population a = 6: weights 1, 2 → 2, 4 after one sweep
 * rake(Float64Array.of(1, 2), [{ name: "g", levels: ["a"], codes: Int32Array.of(0, 0), population: Float64Array.of(6) }]);
 */
export interface RakeMargin {
  readonly name: string;
  readonly levels: readonly string[];
  /** The level of each sample unit. */
  readonly codes: Int32Array;
  /** The population count (target total) of each level. */
  readonly population: Float64Array;
}

export interface RakeOptions {
  /** survey's `epsilon`: below 1 a fraction of the total starting weight, else a weighted count. */
  tolerance: number;
  /** survey's `maxit`: the most sweeps over the margins. */
  maxIterations: number;
}

export const RAKE_DEFAULTS: RakeOptions = { tolerance: 1e-7, maxIterations: 100 };

export interface RakeResult {
  readonly weights: Float64Array;
  /** Sweeps made (survey's `iter` + 1 at convergence). */
  readonly iterations: number;
  /** The largest change of a weighted cross-table cell in the last sweep. */
  readonly change: number;
  /** ε in weighted counts. */
  readonly epsilon: number;
}

export function rake(start: Float64Array, margins: readonly RakeMargin[], options: RakeOptions = RAKE_DEFAULTS): RakeResult {
  checkRakeOptions(options);
  const n = start.length;
  const w = Float64Array.from(start);
  const total = w.reduce((s, v) => s + v, 0);
  const epsilon = options.tolerance < 1 ? options.tolerance * total : options.tolerance;

  for (const m of margins) {
    const count = new Int32Array(m.levels.length);
    for (let i = 0; i < n; i++) count[m.codes[i]]++;
    const empty = m.levels.filter((_, l) => count[l] === 0 && m.population[l] > 0);
    if (empty.length) {
      const detail = empty.map((l) => `${m.name}=${l} (target count ${m.population[m.levels.indexOf(l)]})`);
      throw analysisError(`raking cannot reach ${listNames(detail)}: no respondent has ${empty.length === 1 ? "that value" : "those values"}`, {
        hint: `merge sparse categories of ${m.name}, or use fewer covariates`,
      });
    }
  }

  // the cross-table of all margins: one slot per combination of levels that occurs in the sample
  const slotOf = new Map<string, number>();
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = margins.map((m) => m.codes[i]).join(",");
    let s = slotOf.get(key);
    if (s === undefined) slotOf.set(key, (s = slotOf.size));
    slot[i] = s;
  }
  const crossTable = () => {
    const t = new Float64Array(slotOf.size);
    for (let i = 0; i < n; i++) t[slot[i]] += w[i];
    return t;
  };

  let old = crossTable();
  let change = Infinity;
  for (let iter = 1; iter <= options.maxIterations; iter++) {
    for (const m of margins) {
      const sums = new Float64Array(m.levels.length);
      for (let i = 0; i < n; i++) sums[m.codes[i]] += w[i];
      const ratio = Float64Array.from(sums, (s, l) => m.population[l] / s);
      for (let i = 0; i < n; i++) w[i] *= ratio[m.codes[i]];
    }
    const now = crossTable();
    change = 0;
    for (let s = 0; s < now.length; s++) change = Math.max(change, Math.abs(now[s] - old[s]));
    if (change < epsilon) {
      checkMarginsMet(w, margins, epsilon);
      return { weights: w, iterations: iter, change, epsilon };
    }
    old = now;
  }
  throw analysisError(
    `raking to the margins of ${listNames(margins.map((m) => m.name))} did not converge in ${options.maxIterations} iteration${options.maxIterations === 1 ? "" : "s"}: the weighted table still changed by ${change.toPrecision(3)} in the last one (tolerance ${epsilon.toPrecision(3)})`,
    {
      hint: "merge sparse categories so that the margins can be met together",
      remedies: [
        { setting: "rake.max_iterations", value: 10 * options.maxIterations, reason: "allow more iterations" },
        { setting: "rake.tolerance", reason: "loosen the tolerance" },
      ],
    },
  );
}

/**
 * survey's criterion (the cross-table stopped changing) is also met when the margins cannot be met
 * together — the sweep then cycles through the same weights, the last margin met and the others not
 * — and survey returns those weights silently. Here a margin more than 10ε from its target after
 * convergence is an analysis error.
 */
function checkMarginsMet(w: Float64Array, margins: readonly RakeMargin[], epsilon: number): void {
  for (const m of margins) {
    const sums = new Float64Array(m.levels.length);
    for (let i = 0; i < w.length; i++) sums[m.codes[i]] += w[i];
    const worst = m.levels.reduce((j, _, l) => (Math.abs(sums[l] - m.population[l]) > Math.abs(sums[j] - m.population[j]) ? l : j), 0);
    if (Math.abs(sums[worst] - m.population[worst]) > 10 * epsilon) {
      throw analysisError(
        `raking cannot meet the margins together: the weighted count of ${m.name}=${m.levels[worst]} stays at ${sums[worst].toPrecision(4)}, not its target ${m.population[worst]}`,
        { hint: "among the respondents some category occurs only with certain categories of another covariate: merge sparse categories or use fewer covariates" },
      );
    }
  }
}

/** Options out of range are input errors (they come from the command line or a SAP). */
export function checkRakeOptions(options: RakeOptions): void {
  if (!(options.tolerance > 0) || !Number.isFinite(options.tolerance)) {
    throw inputError(`the raking tolerance must be a positive number, got ${options.tolerance}`, {
      remedies: [{ setting: "rake.tolerance", value: "1e-7", reason: "a fraction of the total weight, or 1 for one person" }],
    });
  }
  if (!Number.isInteger(options.maxIterations) || options.maxIterations < 1) {
    throw inputError(`the raking iteration limit must be a whole number of at least 1, got ${options.maxIterations}`, { remedies: [{ setting: "rake.max_iterations", value: RAKE_DEFAULTS.maxIterations, reason: "a whole number of sweeps" }] });
  }
}
