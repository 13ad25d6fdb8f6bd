/**
 * Change between two time points by the NHS Talking Therapies (formerly IAPT) definitions, from paired
 * PHQ-9 and GAD-7 scores.
 *
 * - Caseness: PHQ-9 ≥ 10 or GAD-7 ≥ 8.
 * - Reliable change: PHQ-9 by 6 points or more, GAD-7 by 4 or more.
 * - Reliable improvement: a reliable decrease on at least one measure and no reliable increase on the other.
 * - Reliable deterioration: a reliable increase on at least one measure and no reliable decrease on the other.
 * - Recovery: a case at the first measurement and not a case on either measure at the last.
 * - Reliable recovery: recovery and reliable improvement.
 * - Denominators: only people with both measures at both times; recovery and reliable recovery only
 *   among those who were cases at the start. Outside its denominator a measure is NaN.
 *
 * Source: NHS Talking Therapies for anxiety and depression manual (NHS England), key performance
 * indicator definitions.
 */
import { inputError } from "../errors.js";

export const TALKING_THERAPIES_THRESHOLDS = {
  /** PHQ-9 at or above this is a case. */
  phq9Case: 10,
  /** GAD-7 at or above this is a case. */
  gad7Case: 8,
  /** A PHQ-9 change of at least this many points is reliable. */
  phq9Reliable: 6,
  /** A GAD-7 change of at least this many points is reliable. */
  gad7Reliable: 4,
} as const;

export interface TalkingTherapiesInput {
  /** Scores per person (NaN = missing), all four the same length. */
  readonly phq9Before: Float64Array;
  readonly gad7Before: Float64Array;
  readonly phq9After: Float64Array;
  readonly gad7After: Float64Array;
}

/** Per person, 1 (yes), 0 (no) or NaN (not defined: outside the denominator). */
export interface TalkingTherapiesChange {
  readonly n: number;
  /** Defined where both scores at the first time are present. */
  readonly caseBefore: Float64Array;
  /** Defined where both scores at the last time are present. */
  readonly caseAfter: Float64Array;
  /** Defined where all four scores are present. */
  readonly reliableImprovement: Float64Array;
  readonly reliableDeterioration: Float64Array;
  /** Defined where all four scores are present and the person was a case at the first time. */
  readonly recovery: Float64Array;
  readonly reliableRecovery: Float64Array;
}

function check(values: Float64Array, name: string, max: number, n: number): void {
  if (!(values instanceof Float64Array) || values.length !== n) {
    throw inputError(`${name} must be a Float64Array of ${n} scores (as phq9Before)`, { location: { path: name }, hint: "give the four scores for the same people, in the same order" });
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === v && !(v >= 0 && v <= max)) {
      throw inputError(`${name}[${i}] is ${v}, outside 0-${max}`, { location: { path: `${name}[${i}]` }, hint: `${name.startsWith("phq9") ? "PHQ-9" : "GAD-7"} scores run from 0 to ${max}; check the columns are the right scores` });
    }
  }
}

/**
 * @example
 * talkingTherapiesChange({ phq9Before: F([15]), gad7Before: F([12]), phq9After: F([7]), gad7After: F([5]) })
 * // caseBefore 1, caseAfter 0, reliableImprovement 1, recovery 1, reliableRecovery 1
 */
export function talkingTherapiesChange(input: TalkingTherapiesInput): TalkingTherapiesChange {
  const n = input.phq9Before?.length ?? 0;
  check(input.phq9Before, "phq9Before", 27, n);
  check(input.gad7Before, "gad7Before", 21, n);
  check(input.phq9After, "phq9After", 27, n);
  check(input.gad7After, "gad7After", 21, n);
  const t = TALKING_THERAPIES_THRESHOLDS;
  const caseBefore = new Float64Array(n);
  const caseAfter = new Float64Array(n);
  const reliableImprovement = new Float64Array(n);
  const reliableDeterioration = new Float64Array(n);
  const recovery = new Float64Array(n);
  const reliableRecovery = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p0 = input.phq9Before[i];
    const g0 = input.gad7Before[i];
    const p1 = input.phq9After[i];
    const g1 = input.gad7After[i];
    const haveBefore = p0 === p0 && g0 === g0;
    const haveAfter = p1 === p1 && g1 === g1;
    const wasCase = p0 >= t.phq9Case || g0 >= t.gad7Case;
    const isCase = p1 >= t.phq9Case || g1 >= t.gad7Case;
    caseBefore[i] = haveBefore ? +wasCase : NaN;
    caseAfter[i] = haveAfter ? +isCase : NaN;
    if (!(haveBefore && haveAfter)) {
      reliableImprovement[i] = reliableDeterioration[i] = recovery[i] = reliableRecovery[i] = NaN;
      continue;
    }
    const phqDown = p0 - p1 >= t.phq9Reliable;
    const phqUp = p1 - p0 >= t.phq9Reliable;
    const gadDown = g0 - g1 >= t.gad7Reliable;
    const gadUp = g1 - g0 >= t.gad7Reliable;
    const improved = (phqDown && !gadUp) || (gadDown && !phqUp);
    reliableImprovement[i] = +improved;
    reliableDeterioration[i] = +((phqUp && !gadDown) || (gadUp && !phqDown));
    if (wasCase) {
      recovery[i] = +!isCase;
      reliableRecovery[i] = +(!isCase && improved);
    } else {
      recovery[i] = reliableRecovery[i] = NaN;
    }
  }
  return { n, caseBefore, caseAfter, reliableImprovement, reliableDeterioration, recovery, reliableRecovery };
}

export interface Rate {
  readonly count: number;
  readonly denominator: number;
  /** count / denominator; NaN when the denominator is 0. */
  readonly rate: number;
}

/** Counts and rates of each measure over its own denominator. */
export function talkingTherapiesSummary(change: TalkingTherapiesChange): Record<Exclude<keyof TalkingTherapiesChange, "n">, Rate> {
  const rate = (values: Float64Array): Rate => {
    let count = 0;
    let denominator = 0;
    for (const v of values) {
      if (v === v) {
        denominator++;
        count += v;
      }
    }
    return { count, denominator, rate: denominator ? count / denominator : NaN };
  };
  return {
    caseBefore: rate(change.caseBefore),
    caseAfter: rate(change.caseAfter),
    reliableImprovement: rate(change.reliableImprovement),
    reliableDeterioration: rate(change.reliableDeterioration),
    recovery: rate(change.recovery),
    reliableRecovery: rate(change.reliableRecovery),
  };
}
