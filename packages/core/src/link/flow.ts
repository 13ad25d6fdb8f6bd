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
  };
}

export interface OutcomeFlow {
  population: string;
  outcome: string;
  in_population: ByArm;
  analysed: ByArm;
  excluded: { not_surveyed: ByArm; missing_outcome: ByArm; missing_covariate: ByArm };
}

export interface Flow {
  arms: { treated: string; control: string };
  randomised: ByArm;
  erased: ByArm;
  withdrawn: ByArm;
  /** Randomised and not erased: the intention-to-treat base. */
  retained: ByArm;
  sources: Record<string, SourceFlow>;
  populations: Record<string, ByArm>;
  outcomes: OutcomeFlow[];
}

export function byArm(arm: Uint8Array, include: (i: number) => boolean = () => true): ByArm {
  let treated = 0;
  let control = 0;
  for (let i = 0; i < arm.length; i++) {
    if (!include(i)) continue;
    if (arm[i] === 1) treated++;
    else control++;
  }
  return { treated, control, total: treated + control };
}
