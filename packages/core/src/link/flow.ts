/**
 * The flow report (CONSORT-like): how many participants and records each step kept and why it
 * dropped the rest, by arm. Written as flow.json by `trialstat run`.
 */
export interface ByArm {
  treated: number;
  control: number;
  total: number;
}

export interface SourceFlow {
  file: string;
  shape: "wide" | "long";
  records: number;
  records_erased: number;
  records_unmatched: number;
  duplicates_resolved: number;
  records_after_withdrawal: number;
  /** Participants with at least one record. */
  linked: ByArm;
  wave?: {
    due_months: number;
    /** Randomised, not erased, not withdrawn before the wave fell due. */
    eligible: ByArm;
    withdrawn_before_due: ByArm;
    responded: ByArm;
    response_rate: { treated: number | null; control: number | null; total: number | null };
    /** Expected participants whose row's response indicator (sources.X.responded) says no: non-respondents. Only with an indicator. */
    said_not_responded?: ByArm;
  };
}

export interface OutcomeFlow {
  population: string;
  outcome: string;
  in_population: ByArm;
  analysed: ByArm;
  excluded: { not_surveyed: ByArm; missing_outcome: ByArm; missing_covariate: ByArm };
  /**
   * By subgroup, the analysed participants without a value of it: in the overall effect, left out of
   * that subgroup's effects (whose levels' counts therefore sum to less). Only subgroups with some.
   */
  subgroup_missing?: Record<string, ByArm>;
}

/** The arms' names in a single-arm evaluation, where everyone is counted as treated (had the service). */
export const SINGLE_ARM_NAMES = { treated: "service", control: "none" } as const;

export interface Flow {
  /** The treated and control codes (SINGLE_ARM_NAMES in a single-arm evaluation). */
  arms: { treated: string; control: string };
  randomised: ByArm;
  erased: ByArm;
  withdrawn: ByArm;
  /** Randomised and not erased: the intention-to-treat base. */
  retained: ByArm;
  sources: Record<string, SourceFlow>;
  populations: Record<string, ByArm>;
  outcomes: OutcomeFlow[];
  /**
   * What deriving each variable left out, where it left something out: for an administrative
   * outcome, participants with no records in its window, participants with a missing value there
   * and (for a sum) such records — made missing, or skipped (`missing: skip`). As results.json's `derived`.
   */
  derived?: Record<string, Record<string, number>>;
}

/**
 * Counts by arm (1 = treated) of everyone, or of those `include` picks. Without a predicate the
 * loop calls no function: the plan runner counts the arms of every model, and a default predicate
 * made this one function V8 deoptimised hundreds of times in a run.
 */
export function byArm(arm: Uint8Array, include?: (i: number) => boolean): ByArm {
  let treated = 0;
  let total = 0;
  if (include === undefined) {
    total = arm.length;
    for (let i = 0; i < arm.length; i++) if (arm[i] === 1) treated++;
  } else {
    for (let i = 0; i < arm.length; i++) {
      if (!include(i)) continue;
      total++;
      if (arm[i] === 1) treated++;
    }
  }
  return { treated, control: total - treated, total };
}

/** A survey wave's part of the flow: who it expected, who withdrew before it fell due, who responded, and the response rates. */
export function waveFlow(dueMonths: number, arm: Uint8Array, eligible: Uint8Array, responded: Uint8Array): NonNullable<SourceFlow["wave"]> {
  const rate = (num: number, den: number) => (den === 0 ? null : num / den);
  const el = byArm(arm, (p) => eligible[p] === 1);
  const re = byArm(arm, (p) => responded[p] === 1);
  return {
    due_months: dueMonths,
    eligible: el,
    withdrawn_before_due: byArm(arm, (p) => eligible[p] === 0),
    responded: re,
    response_rate: { treated: rate(re.treated, el.treated), control: rate(re.control, el.control), total: rate(re.total, el.total) },
  };
}
