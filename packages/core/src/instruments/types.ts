/**
 * The shape of a questionnaire instrument: its items, the scales it produces, its bands and its
 * missing-item rule. Built-in instruments (phq9.ts, gad7.ts, ...) and SAP-defined Likert scales
 * (likert.ts) are all `InstrumentDefinition`s, scored by `scoreTable` / `scoreItems` (score.ts).
 */
import type { Eq5dValueSet } from "./value-sets.js";

/**
 * A band of a scale, as published: scores from `min` to `max` inclusive.
 *
 * A score takes the first band (in ascending order) whose `max` it does not exceed, so published
 * "≤ x" thresholds are exact for any score, and a non-integer score between two integer bands
 * (possible only when prorated sums are not rounded) goes to the higher band: 4.5 on PHQ-9 is "mild".
 */
export interface Band {
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

export interface ItemDefinition {
  /** Short code, used in default column names `<instrument>_<code>`: "1".."9", "mo", "vas", "satisfied". */
  readonly code: string;
  /** What the item measures, in our own words (never the licensed item wording). */
  readonly description: string;
  /** Allowed values, inclusive. */
  readonly range: readonly [number, number];
  /** Whole numbers only (every Likert item); false for a continuous item such as the EQ VAS. */
  readonly integer: boolean;
  /** False for an item that is checked and passed through but not part of the score (PHQ-9 item 10). */
  readonly scored: boolean;
  /** May be left out of the item columns (PHQ-9 item 10, EQ VAS). Optional items come last. */
  readonly optional: boolean;
  /** Reverse-keyed: scored as min + max − value. */
  readonly reverse: boolean;
  /** Standard response labels and the values they code (matched after `normalizeLabel`). */
  readonly labels?: Readonly<Record<string, number>>;
}

export interface ScaleDefinition {
  /** "score" for the primary scale (column `<id>_score`); otherwise the column suffix: raw, percent, mean, vas, ... */
  readonly name: string;
  readonly description: string;
  readonly range: readonly [number, number];
  /** Bands of this scale; the instrument's band column uses `InstrumentDefinition.bandScale`. */
  readonly bands?: readonly Band[];
}

/**
 * What happens when items are missing (blank, NA, or a declared missing code such as "refused").
 *
 * With up to `maxMissing` items missing the score is prorated from the answered items (a sum becomes
 * mean of answered × number of items; a mean is the mean of the answered items); with more, the
 * score is missing. `prorate: false` allows no missing item (`maxMissing` must then be 0).
 */
export interface MissingRule {
  readonly maxMissing: number;
  readonly prorate: boolean;
  /** How a prorated sum is rounded: "half-up" to a whole number (Arrieta et al. 2017 for PHQ-9), or "none". */
  readonly round: "half-up" | "none";
}

/** Item values after decoding, one Float64Array per item column (NaN = missing); what `compute` receives. */
export interface ComputeInput {
  readonly n: number;
  /** One array per item, in definition order; undefined for an optional item whose column was not given. */
  readonly items: readonly (Float64Array | undefined)[];
  readonly rule: MissingRule | undefined;
  readonly valueSet: Eq5dValueSet | undefined;
  /** Makes an input error located at a respondent's row (file:line). */
  rowError(row: number, message: string, hint: string): Error;
}

export interface ComputeOutput {
  /** One array per scale, keyed by scale name (NaN = no score). */
  readonly scales: Record<string, Float64Array>;
  /** Number of scored items answered. */
  readonly answered: Int32Array;
  /** 1 where the score was prorated from fewer than all items. */
  readonly prorated: Uint8Array;
}

export interface InstrumentDefinition {
  /** Lower-case identifier, used in column names: phq9, eq5d5l, ... */
  readonly id: string;
  readonly name: string;
  /** Citation of the scoring rules. */
  readonly source: string;
  /** A notice that reports using the instrument must carry (SWEMWBS), if any. */
  readonly notice?: string;
  /** One line saying how the score is computed. */
  readonly scoring: string;
  /** How scored items combine, for instruments that sum or average them (and so can be prorated). */
  readonly aggregate?: "sum" | "mean";
  readonly items: readonly ItemDefinition[];
  /** Scales in output order; "score" (if present) is the primary one. */
  readonly scales: readonly ScaleDefinition[];
  /** The scale whose bands give the `<id>_band` column (WHO-5: percent); undefined when there is none. */
  readonly bandScale?: string;
  /** The default missing-item rule; undefined when items are scored separately (ONS4). */
  readonly missingRule?: MissingRule;
  /** Where the default missing-item rule comes from, or that it is our choice (shown by `describeInstrument`). */
  readonly missingRuleSource: string;
  /** Checks a missing-item rule against what this instrument can score; throws an input error located at `names`. */
  checkRule?(rule: MissingRule, names: { readonly maxMissing: string; readonly prorate: string; readonly round: string }): void;
  /** True when scoring needs an EQ-5D value set. */
  readonly usesValueSet?: boolean;
  /** Computes every scale from decoded items. */
  compute(input: ComputeInput): ComputeOutput;
}

/**
 * Scores of one instrument for every respondent, column by column (row i = input row i).
 * `score` is NaN where there is no score; `band` is null there.
 */
export interface ScoreResult {
  readonly instrument: InstrumentDefinition;
  /** The missing-item rule applied (default merged with overrides); undefined for ONS4. */
  readonly missingRule: MissingRule | undefined;
  /** The value set used (EQ-5D-5L), if any. */
  readonly valueSet: Eq5dValueSet | undefined;
  readonly n: number;
  /** The item columns read, in definition order. */
  readonly itemColumns: readonly string[];
  /** Primary score; undefined when the instrument has no total (ONS4). */
  readonly score: Float64Array | undefined;
  /** Band of `bandScale`; undefined when the instrument has no bands. */
  readonly band: readonly (string | null)[] | undefined;
  readonly answered: Int32Array;
  readonly prorated: Uint8Array;
  /** Every scale other than the primary one: raw, percent, mean, vas, satisfied, ... */
  readonly extra: Record<string, Float64Array>;
  /** Bands of banded scales other than `bandScale` (ONS4's four items). */
  readonly extraBands: Record<string, readonly (string | null)[]>;
}
