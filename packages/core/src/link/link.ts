import type { SapProblem } from "../sap/problems.js";
import type { Sap } from "../sap/types.js";
import { oneRecordEach } from "./duplicates.js";
import { erasedParticipants } from "./erasures.js";
import { type Flow, SINGLE_ARM_NAMES, type SourceFlow, byArm, waveFlow } from "./flow.js";
import type { LoadedSource } from "./load-source.js";
import { randomisedParticipants } from "./randomised.js";
import { ERASED, NOT_RANDOMISED, groupByOwner, recordOwners, unmatchedRecordsProblem } from "./record-owners.js";
import { surveyResponse } from "./survey-response.js";
import { dropRecordsAfterWithdrawal, withdrawalDates } from "./withdrawals.js";

/**
 * Links the extracts on participant keys (docs/sap.md#linkage), step by step:
 *
 * - the randomised source defines the participants (randomised.ts): keys unique, a randomisation
 *   date and a valid arm for everyone, in the order of that file;
 * - erased participants are removed from every source, counted (erasures.ts);
 * - withdrawn participants keep what was collected before their withdrawal date (withdrawals.ts):
 *   later administrative records are dropped, and they are not expected in survey waves that fell
 *   due after it, so they are neither respondents nor non-respondents (survey-response.ts);
 * - records whose key is not randomised are an error unless the SAP says `unmatched_records: drop`
 *   (record-owners.ts);
 * - duplicate keys in a wide source are an error unless the SAP says which record to keep
 *   (duplicates.ts);
 * - a survey wave's respondents: a record, and its response indicator (if the source names one)
 *   saying yes (survey-response.ts).
 *
 * Every exclusion is counted by arm in the returned flow (flow.ts). Problems are collected, not
 * thrown, so that validation lists them all.
 */
export interface Linked {
  readonly n: number;
  readonly keys: readonly string[];
  /** 1 treated, 0 control. */
  readonly arm: Uint8Array;
  readonly randomisedOn: Float64Array;
  /** NaN where not withdrawn. */
  readonly withdrawnOn: Float64Array;
  /** For each wide source, the row of each participant's record (−1 if none). */
  readonly wide: ReadonlyMap<string, Int32Array>;
  /** For each long source, each participant's records: rows[offsets[i] .. offsets[i + 1]). */
  readonly long: ReadonlyMap<string, { offsets: Int32Array; rows: Int32Array }>;
  /** For each survey wave: eligible (1) and responded (1). */
  readonly waves: ReadonlyMap<string, { eligible: Uint8Array; responded: Uint8Array }>;
  readonly flow: Flow;
}

export function linkSources(sap: Sap, sources: ReadonlyMap<string, LoadedSource>): { linked?: Linked; problems: SapProblem[] } {
  const randomisedName = sap.linkage.randomised;
  const R = sources.get(randomisedName)!;
  const { participants, problems } = randomisedParticipants(sap, R);
  if (!participants) return { problems };
  const { index, rowOf } = participants;
  const nAll = rowOf.length;
  const erasures = erasedParticipants(sap, sources, index, nAll);
  const withdrawals = withdrawalDates(sap, sources, index, nAll);
  problems.push(...erasures.problems, ...withdrawals.problems);
  const erasedAll = erasures.erased;

  // the retained participants (randomised, not erased), in randomised-file order
  const keep: number[] = [];
  for (let i = 0; i < nAll; i++) if (!erasedAll[i]) keep.push(i);
  const n = keep.length;
  const keys = keep.map((i) => R.keys[rowOf[i]] as string);
  const arm = Uint8Array.from(keep, (i) => participants.arm[i]);
  const randomisedOn = Float64Array.from(keep, (i) => participants.randomisedOn[i]);
  const withdrawnOn = Float64Array.from(keep, (i) => withdrawals.withdrawnOn[i]);
  const position = new Int32Array(nAll).fill(-1);
  keep.forEach((i, p) => (position[i] = p));
  const participantOf = (k: string) => {
    const i = index.get(k);
    return i === undefined ? NOT_RANDOMISED : erasedAll[i] ? ERASED : position[i];
  };

  const flow: Flow = {
    arms: sap.treatment ? { treated: String(sap.treatment.treated), control: String(sap.treatment.control) } : { ...SINGLE_ARM_NAMES },
    randomised: byArm(participants.arm),
    erased: byArm(participants.arm, (i) => erasedAll[i] === 1),
    withdrawn: byArm(arm, (p) => !Number.isNaN(withdrawnOn[p])),
    retained: byArm(arm),
    sources: {},
    populations: {},
    outcomes: [],
  };

  // every source joined on the key
  const retained: Retained = { n, keys, arm, randomisedOn, withdrawnOn, participantOf, randomisedRows: Int32Array.from(keep, (i) => rowOf[i]) };
  const wide = new Map<string, Int32Array>();
  const long = new Map<string, { offsets: Int32Array; rows: Int32Array }>();
  const waves = new Map<string, { eligible: Uint8Array; responded: Uint8Array }>();
  for (const [name, S] of sources) {
    const joined = joinSource(sap, name, S, retained);
    problems.push(...joined.problems);
    flow.sources[name] = joined.flow;
    if (joined.long) long.set(name, joined.long);
    if (joined.rowFor) wide.set(name, joined.rowFor);
    if (joined.wave) waves.set(name, joined.wave);
  }
  return problems.length ? { problems } : { linked: { n, keys, arm, randomisedOn, withdrawnOn, wide, long, waves, flow }, problems };
}

/** The retained participants, as each source is joined to them. */
interface Retained {
  n: number;
  keys: readonly string[];
  arm: Uint8Array;
  randomisedOn: Float64Array;
  withdrawnOn: Float64Array;
  /** A key's position among the retained, or NOT_RANDOMISED, or ERASED. */
  participantOf(key: string): number;
  /** Each retained participant's row of the randomised source. */
  randomisedRows: Int32Array;
}

/**
 * One source joined to the retained participants: its records' owners (unmatched and erased ones
 * counted), then by shape — a long source's records grouped by participant (those after a
 * withdrawal dropped), a wide source's one record each (duplicates resolved), and a survey wave's
 * response — with the source's line of the flow.
 */
function joinSource(
  sap: Sap,
  name: string,
  S: LoadedSource,
  retained: Retained,
): { flow: SourceFlow; rowFor?: Int32Array; long?: { offsets: Int32Array; rows: Int32Array }; wave?: { eligible: Uint8Array; responded: Uint8Array }; problems: SapProblem[] } {
  const { n, arm } = retained;
  const problems: SapProblem[] = [];
  const shape = S.spec.shape ?? "wide";
  const { owner, unmatched, erased } = recordOwners(S, retained.participantOf);
  const flow: SourceFlow = {
    file: S.file,
    shape,
    records: S.table.nRows,
    records_erased: erased,
    records_unmatched: unmatched.length,
    duplicates_resolved: 0,
    records_after_withdrawal: 0,
    linked: { treated: 0, control: 0, total: 0 },
  };
  const unmatchedAllowed = (sap.linkage.unmatched_records ?? "error") === "drop" || name === sap.linkage.withdrawal?.source || name === sap.linkage.erasure?.source;
  if (unmatched.length && !unmatchedAllowed) problems.push(unmatchedRecordsProblem(S, unmatched));

  if (name === sap.linkage.randomised) {
    flow.linked = byArm(arm);
    return { flow, rowFor: retained.randomisedRows, problems };
  }

  if (shape === "long") {
    // administrative records dated after a withdrawal are not used
    const dateColumn = recordDateColumn(sap, name);
    if (dateColumn && sap.linkage.withdrawal) {
      let days: Float64Array | undefined;
      try {
        days = S.dates(dateColumn).days;
      } catch {
        // reported when the derived variable reads the column
      }
      if (days) flow.records_after_withdrawal = dropRecordsAfterWithdrawal(owner, days, retained.withdrawnOn);
    }
    const grouped = groupByOwner(owner, n);
    flow.linked = byArm(arm, (p) => grouped.offsets[p + 1] > grouped.offsets[p]);
    return { flow, long: grouped, problems };
  }

  const one = oneRecordEach(S, groupByOwner(owner, n), retained.keys, name);
  if (one.problem) problems.push(one.problem);
  flow.duplicates_resolved = one.resolved;
  const rowFor = one.rowFor;
  let wave: { eligible: Uint8Array; responded: Uint8Array } | undefined;
  if (S.spec.wave) {
    const response = surveyResponse(S, S.spec.wave, rowFor, retained.randomisedOn, retained.withdrawnOn);
    if (response.problem) problems.push(response.problem);
    const { eligible, responded, saidNo } = response;
    flow.records_after_withdrawal = response.afterWithdrawal;
    flow.wave = waveFlow(S.spec.wave.months, arm, eligible, responded);
    if (S.spec.responded !== undefined) flow.wave.said_not_responded = byArm(arm, (p) => saidNo[p] === 1);
    wave = { eligible, responded };
  }
  flow.linked = byArm(arm, (p) => rowFor[p] >= 0);
  return { flow, rowFor, wave, problems };
}

/** The date column an administrative outcome reads from a long source (for withdrawal cut-offs). */
function recordDateColumn(sap: Sap, source: string): string | undefined {
  for (const d of Object.values(sap.derive ?? {})) if ("from" in d && d.from === source) return d.date;
  return undefined;
}
