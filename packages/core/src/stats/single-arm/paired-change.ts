import { pairedTTest } from "./paired-t-test.js";
import { type Spread, spread } from "./spread.js";
import { wilcoxonSignedRank } from "./wilcoxon-signed-rank.js";

/**
 * The change in a measure from a start to an end measurement of the same people, as a service
 * evaluation without a control group reports it (IPS-in-IAPT pilot, Tables 6 and 7):
 *
 * - who has which measurement — both, the start only, the end only, neither — so that people who
 *   did not complete are counted, never silently dropped;
 * - among those with both: the mean (SD, range) at the start and at the end, and of the change
 *   d = end − start (negative: a fall, e.g. fewer symptoms);
 * - the paired t interval for the mean change (R's `t.test(end, start, paired = TRUE)`) and the
 *   Hodges–Lehmann estimate of the change with its Wilcoxon signed-rank interval
 *   (`wilcox.test(end, start, paired = TRUE, conf.int = TRUE)`: exact for fewer than 50 non-zero
 *   changes without ties, else the normal approximation), at each confidence level asked for.
 *
 * A test that the data cannot support is left out (null) with the reason in `notes`: fewer than two
 * people with both for t, every change the same (t is meaningless), nobody changed (nothing to
 * rank). R's warnings from the signed-rank test (ties, zeros, a level that cannot be reached with
 * so few people) are passed on in `notes`, and each interval says the level it achieved.
 *
 * @example
 * pairedChange(Float64Array.from([10, 12, NaN, 15, 9]), Float64Array.from([7, 12, 8, NaN, 5]), [0.95]);
 * // { n: 5, both: 3, startOnly: 1, endOnly: 1, neither: 0, change: { mean: −2.333…, … }, t: { df: 2, … }, … }
 */
export interface PairedChange {
  n: number;
  both: number;
  startOnly: number;
  endOnly: number;
  neither: number;
  /** Among those with both. */
  start: Spread | null;
  end: Spread | null;
  /** end − start, among those with both. */
  change: Spread | null;
  t: { estimate: number; stdError: number; statistic: number; df: number; pValue: number; intervals: ChangeInterval[] } | null;
  wilcoxon: { estimate: number; statistic: number; pValue: number; method: string; zeros: number; intervals: ChangeInterval[] } | null;
  notes: string[];
}

export interface ChangeInterval {
  /** The level asked for. */
  level: number;
  /** The level achieved (smaller than asked when a tiny sample cannot reach it: Wilcoxon only). */
  achieved: number;
  low: number;
  high: number;
}

export function pairedChange(start: ArrayLike<number>, end: ArrayLike<number>, levels: readonly number[]): PairedChange {
  const n = start.length;
  let both = 0;
  let startOnly = 0;
  let endOnly = 0;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = !Number.isNaN(start[i]);
    const e = !Number.isNaN(end[i]);
    if (s && e) {
      both++;
      x.push(end[i]);
      y.push(start[i]);
    } else if (s) startOnly++;
    else if (e) endOnly++;
  }
  const d = x.map((v, k) => v - y[k]);
  const notes: string[] = [];
  const distinct = new Set(d).size;
  let t: PairedChange["t"] = null;
  if (both === 0) notes.push("nobody has both measurements");
  else if (both === 1) notes.push("one person has both measurements: no paired t interval");
  else if (distinct === 1) notes.push(`every change is ${d[0]}: a t interval is meaningless`);
  else {
    const fits = levels.map((level) => pairedTTest(x, y, { level }));
    const f = fits[0];
    t = { estimate: f.estimate, stdError: f.stdError, statistic: f.statistic, df: f.df, pValue: f.pValue, intervals: fits.map((g) => ({ level: g.level, achieved: g.level, low: g.confLow, high: g.confHigh })) };
  }
  let wilcoxon: PairedChange["wilcoxon"] = null;
  if (both > 0 && d.every((v) => v === 0)) notes.push("nobody changed: no signed-rank test");
  else if (both > 0) {
    const fits = levels.map((level) => wilcoxonSignedRank(x, y, { level }));
    const f = fits[0];
    for (const w of new Set(fits.flatMap((g) => g.warnings))) notes.push(`signed-rank test: ${w}`);
    wilcoxon = {
      estimate: f.estimate,
      statistic: f.statistic,
      pValue: f.pValue,
      method: f.method,
      zeros: f.nZeros,
      intervals: fits.map((g, k) => ({ level: levels[k], achieved: g.level, low: g.confLow, high: g.confHigh })),
    };
  }
  return {
    n,
    both,
    startOnly,
    endOnly,
    neither: n - both - startOnly - endOnly,
    start: spread(y),
    end: spread(x),
    change: spread(d),
    t,
    wilcoxon,
    notes,
  };
}
