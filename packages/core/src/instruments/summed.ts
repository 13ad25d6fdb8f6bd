/**
 * The arithmetic shared by summed and averaged scales: reverse keying, the missing-item rule,
 * prorating with exact half-up rounding, and bands.
 */
import type { Band, ComputeInput, ComputeOutput, InstrumentDefinition, ItemDefinition, MissingRule } from "./types.js";

/**
 * Items 1..n with one range (codes "1".."n"), all scored.
 *
 * @example numberedItems(7, [0, 3], { labels: FREQUENCY }) // GAD-7's items
 */
export function numberedItems(
  n: number,
  range: readonly [number, number],
  options: { labels?: Readonly<Record<string, number>>; reverse?: readonly number[]; describe?: (k: number) => string } = {},
): ItemDefinition[] {
  return Array.from({ length: n }, (_, j) => ({
    code: String(j + 1),
    description: options.describe?.(j + 1) ?? `item ${j + 1}`,
    range,
    integer: true,
    scored: true,
    optional: false,
    reverse: options.reverse?.includes(j + 1) ?? false,
    labels: options.labels,
  }));
}

/** One scored integer item with its own code (EQ-5D dimensions, ONS4 questions). */
export function namedItem(code: string, description: string, range: readonly [number, number]): ItemDefinition {
  return { code, description, range, integer: true, scored: true, optional: false, reverse: false };
}

export interface Summed {
  /** Sum (prorated and rounded as the rule says) or mean of the scored items; NaN where there is no score. */
  readonly score: Float64Array;
  /** Mean of the answered scored items (unrounded) wherever there is a score. */
  readonly mean: Float64Array;
  readonly answered: Int32Array;
  readonly prorated: Uint8Array;
}

/**
 * Sum or mean of the scored items after reverse keying (min + max − value).
 *
 * With every item answered: the sum (or sum / k). With 1..maxMissing items missing and `prorate`:
 * a sum becomes Σ answered × k / answered, rounded half up when `round` is "half-up" — computed as
 * ⌊(2·Σ·k + a) / (2·a)⌋ on whole numbers, so 4.5 always gives 5, never 4.499… → 4; a mean is the mean of
 * the answered items. With more missing, or none answered: no score.
 */
function summedScore(items: readonly ItemDefinition[], input: ComputeInput, aggregate: "sum" | "mean"): Summed {
  const rule = input.rule as MissingRule;
  const columns: Float64Array[] = [];
  const flip: number[] = [];
  items.forEach((item, j) => {
    if (!item.scored) return;
    const column = input.items[j];
    if (!column) throw new Error(`summedScore: scored item ${item.code} has no column`);
    columns.push(column);
    flip.push(item.reverse ? item.range[0] + item.range[1] : NaN);
  });
  const n = input.n;
  const k = columns.length;
  const score = new Float64Array(n);
  const mean = new Float64Array(n);
  const answered = new Int32Array(n);
  const prorated = new Uint8Array(n);
  const maxMissing = rule.maxMissing;
  const roundHalfUp = rule.round === "half-up";
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let a = 0;
    for (let j = 0; j < k; j++) {
      const v = columns[j][i];
      if (v === v) {
        const f = flip[j];
        sum += f === f ? f - v : v;
        a++;
      }
    }
    answered[i] = a;
    if (a === k) {
      mean[i] = sum / k;
      score[i] = aggregate === "sum" ? sum : sum / k;
    } else if (a > 0 && k - a <= maxMissing) {
      prorated[i] = 1;
      mean[i] = sum / a;
      score[i] = aggregate === "mean" ? sum / a : roundHalfUp ? Math.floor((2 * sum * k + a) / (2 * a)) : (sum * k) / a;
    } else {
      mean[i] = NaN;
      score[i] = NaN;
    }
  }
  return { score, mean, answered, prorated };
}

/**
 * The `compute` of a summed or averaged instrument: `score` from `summedScore`, plus any scales
 * derived from it (which may also replace `score`, as SWEMWBS's metric score does).
 */
export function summedCompute(
  aggregate: "sum" | "mean",
  derive?: (s: Summed, input: ComputeInput) => Record<string, Float64Array>,
): (this: InstrumentDefinition, input: ComputeInput) => ComputeOutput {
  return function (this: InstrumentDefinition, input: ComputeInput) {
    const s = summedScore(this.items, input, aggregate);
    return { scales: { score: s.score, ...derive?.(s, input) }, answered: s.answered, prorated: s.prorated };
  };
}

/** The band of each score: the first band whose max the score does not exceed (null for NaN). */
export function classify(values: Float64Array, bands: readonly Band[]): (string | null)[] {
  const out: (string | null)[] = new Array(values.length);
  const m = bands.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let label: string | null = null;
    if (v === v) {
      for (let b = 0; b < m; b++) {
        if (v <= bands[b].max) {
          label = bands[b].label;
          break;
        }
      }
    }
    out[i] = label;
  }
  return out;
}

/** Applies f to every non-missing value (NaN stays NaN). */
export function mapScores(values: Float64Array, f: (v: number) => number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === v ? f(v) : NaN;
  }
  return out;
}

/** The standard PHQ/GAD response labels ("over the last 2 weeks, how often ..."). */
export const PHQ_FREQUENCY_LABELS: Readonly<Record<string, number>> = {
  "Not at all": 0,
  "Several days": 1,
  "More than half the days": 2,
  "Nearly every day": 3,
};

/** Bands of PHQ-9 severity (Kroenke et al. 2001); PHQ-8 uses them with 20–24 severe. */
export function phqBands(max: number): Band[] {
  return [
    { label: "minimal", min: 0, max: 4 },
    { label: "mild", min: 5, max: 9 },
    { label: "moderate", min: 10, max: 14 },
    { label: "moderately severe", min: 15, max: 19 },
    { label: "severe", min: 20, max },
  ];
}

/** A missing-rule setting given a value, as the caller names it: `--round half-up` on the command line, `missing_rule.round: half-up` in a plan. */
export function settingTo(name: string, value: string | number): string {
  return name.startsWith("--") ? `${name} ${value}` : `${name}: ${value}`;
}
