import { addMonths } from "../data/dates.js";
import { listNames, quoteValue, showValue } from "../errors.js";
import type { SapProblem } from "../sap/problems.js";
import type { Sap } from "../sap/types.js";
import { type Flow, type SourceFlow, byArm } from "./flow.js";
import type { LoadedSource } from "./load-source.js";

/**
 * Links the extracts on participant keys (docs/sap.md#linkage):
 *
 * - the randomised source defines the participants: keys unique, a randomisation date and a valid
 *   arm for everyone;
 * - erased participants are removed from every source (counted);
 * - withdrawn participants keep what was collected before their withdrawal date: later
 *   administrative records are dropped, and they are not expected in survey waves that fell due
 *   after it (so they are neither respondents nor non-respondents);
 * - records whose key is not randomised are an error unless the SAP says `unmatched_records: drop`;
 * - duplicate keys in a wide source are an error unless the SAP says which record to keep.
 *
 * Every exclusion is counted by arm in the returned flow.
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
  const problems: SapProblem[] = [];
  const randomisedName = sap.linkage.randomised;
  const R = sources.get(randomisedName)!;
  const treatment = sap.treatment;
  const file = R.file;

  // --- the randomised participants
  const index = new Map<string, number>();
  const rowOf: number[] = [];
  R.keys.forEach((k, row) => {
    if (k === null) return;
    const before = index.get(k);
    if (before !== undefined) {
      problems.push({ file, line: R.table.lineOf(row), column: R.spec.key, message: `participant ${showValue(k)} is randomised twice (also line ${R.table.lineOf(rowOf[before])})`, hint: "the randomised source must have one row per participant" });
      return;
    }
    index.set(k, rowOf.length);
    rowOf.push(row);
  });
  const nAll = rowOf.length;
  if (R.table.nRows === 0) {
    problems.push({ path: "linkage.randomised", file, line: 1, message: `${file} has a header but no participants`, hint: "the randomised source must list everyone randomised" });
    return { problems };
  }
  if (!R.table.hasColumn(treatment.column)) {
    problems.push({ path: "treatment.column", file, message: `the treatment column "${treatment.column}" is not in ${file}`, hint: `columns: ${listNames(R.table.columnNames)}` });
    return { problems };
  }
  if (!R.table.hasColumn(sap.linkage.randomisation_date)) {
    problems.push({ path: "linkage.randomisation_date", file, message: `the randomisation date column "${sap.linkage.randomisation_date}" is not in ${file}`, hint: `columns: ${listNames(R.table.columnNames)}` });
    return { problems };
  }
  const armText = R.texts(treatment.column);
  const armAll = new Uint8Array(nAll);
  let badArm = 0;
  rowOf.forEach((row, i) => {
    const v = armText[row];
    if (v === String(treatment.treated)) armAll[i] = 1;
    else if (v === String(treatment.control)) armAll[i] = 0;
    else if (badArm++ === 0) {
      problems.push({ file, line: R.table.lineOf(row), column: treatment.column, message: `arm "${v ?? ""}" is neither the treated value (${treatment.treated}) nor the control value (${treatment.control})`, hint: "every randomised participant needs an arm; check treatment: in the SAP" });
    }
  });
  let datesAll: Float64Array;
  try {
    const d = R.dates(sap.linkage.randomisation_date).days;
    datesAll = Float64Array.from(rowOf, (row) => d[row]);
    const missingAt = rowOf.findIndex((row) => Number.isNaN(d[row]));
    if (missingAt >= 0) problems.push({ file, line: R.table.lineOf(rowOf[missingAt]), column: sap.linkage.randomisation_date, message: "the randomisation date is missing", hint: "every randomised participant needs a randomisation date" });
  } catch (e) {
    const err = e as { message: string; location?: { line?: number }; hint?: string };
    problems.push({ file, line: err.location?.line, column: sap.linkage.randomisation_date, message: err.message, hint: err.hint });
    datesAll = new Float64Array(nAll);
  }

  // --- erasures and withdrawals
  const erasedAll = new Uint8Array(nAll);
  if (sap.linkage.erasure) {
    const { source, column, value } = sap.linkage.erasure;
    const S = sources.get(source)!;
    if (!S.table.hasColumn(column)) problems.push({ path: "linkage.erasure.column", file: S.file, message: `no column "${column}" in ${S.file}` });
    else {
      const flags = S.texts(column);
      S.keys.forEach((k, row) => {
        if (k === null || flags[row] !== String(value)) return;
        const i = index.get(k);
        if (i !== undefined) erasedAll[i] = 1;
      });
    }
  }
  const withdrawnAll = new Float64Array(nAll).fill(NaN);
  if (sap.linkage.withdrawal) {
    const { source, date } = sap.linkage.withdrawal;
    const S = sources.get(source)!;
    try {
      const days = S.dates(date).days;
      S.keys.forEach((k, row) => {
        if (k === null || Number.isNaN(days[row])) return;
        const i = index.get(k);
        if (i !== undefined && !(withdrawnAll[i] <= days[row])) withdrawnAll[i] = days[row]; // earliest date wins
      });
    } catch (e) {
      const err = e as { message: string; location?: { line?: number }; hint?: string };
      problems.push({ path: "linkage.withdrawal.date", file: S.file, line: err.location?.line, column: date, message: err.message, hint: err.hint });
    }
  }

  // --- the retained participants (randomised, not erased), in randomised-file order
  const keep: number[] = [];
  for (let i = 0; i < nAll; i++) if (!erasedAll[i]) keep.push(i);
  const n = keep.length;
  const keys = keep.map((i) => R.keys[rowOf[i]] as string);
  const arm = Uint8Array.from(keep, (i) => armAll[i]);
  const randomisedOn = Float64Array.from(keep, (i) => datesAll[i]);
  const withdrawnOn = Float64Array.from(keep, (i) => withdrawnAll[i]);
  const position = new Int32Array(nAll).fill(-1);
  keep.forEach((i, p) => (position[i] = p));

  const flow: Flow = {
    arms: { treated: String(treatment.treated), control: String(treatment.control) },
    randomised: byArm(armAll),
    erased: byArm(armAll, (i) => erasedAll[i] === 1),
    withdrawn: byArm(arm, (p) => !Number.isNaN(withdrawnOn[p])),
    retained: byArm(arm),
    sources: {},
    populations: {},
    outcomes: [],
  };

  // --- every source joined on the key
  const wide = new Map<string, Int32Array>();
  const long = new Map<string, { offsets: Int32Array; rows: Int32Array }>();
  const waves = new Map<string, { eligible: Uint8Array; responded: Uint8Array }>();
  for (const [name, S] of sources) {
    const shape = S.spec.shape ?? "wide";
    const sf: SourceFlow = {
      file: S.file,
      shape,
      records: S.table.nRows,
      records_erased: 0,
      records_unmatched: 0,
      duplicates_resolved: 0,
      records_after_withdrawal: 0,
      linked: { treated: 0, control: 0, total: 0 },
    };
    flow.sources[name] = sf;
    const due = S.spec.wave ? Float64Array.from(randomisedOn, (d) => addMonths(d, S.spec.wave!.months)) : undefined;
    // each record's participant (position among the retained), in one typed pass: −1 unmatched
    const owner = new Int32Array(S.table.nRows).fill(-1);
    const unmatched: number[] = [];
    // −1 missing key, −2 not randomised, −3 erased, else the participant's position
    const ownerOfKey = (k: string | null) => {
      if (k === null) return -1;
      const i = index.get(k);
      return i === undefined ? -2 : erasedAll[i] ? -3 : position[i];
    };
    const place = (row: number, o: number) => {
      if (o >= 0) owner[row] = o;
      else if (o === -2) unmatched.push(row);
      else if (o === -3) sf.records_erased++;
    };
    if (S.keyCodes) {
      // one lookup per distinct key, then a pass over the codes
      const { codes, dictionary } = S.keyCodes;
      const ownerOfCode = Int32Array.from(dictionary, ownerOfKey);
      for (let row = 0; row < codes.length; row++) place(row, codes[row] < 0 ? -1 : ownerOfCode[codes[row]]);
    } else {
      S.keys.forEach((k, row) => place(row, ownerOfKey(k)));
    }
    sf.records_unmatched = unmatched.length;
    if (unmatched.length && name !== sap.linkage.withdrawal?.source && name !== sap.linkage.erasure?.source && (sap.linkage.unmatched_records ?? "error") === "error") {
      const first = unmatched[0];
      problems.push({
        file: S.file,
        line: S.table.lineOf(first),
        column: S.spec.key,
        message: `${unmatched.length} record${unmatched.length === 1 ? "" : "s"} with a key that is not randomised (first: ${quoteValue(S.keys[first] ?? "")})`,
        hint: "check that keys are written the same way in every extract (leading zeros, spaces), or set linkage.unmatched_records: drop to drop and count them",
      });
    }

    if (name === randomisedName) {
      wide.set(name, Int32Array.from(keep, (i) => rowOf[i]));
      sf.linked = byArm(arm);
      continue;
    }

    // withdrawals: later administrative records are not used; survey waves after withdrawal are not expected
    if (shape === "long" && sap.linkage.withdrawal) {
      const dateColumn = dateColumnOf(sap, name);
      if (dateColumn) {
        try {
          const days = S.dates(dateColumn).days;
          for (let row = 0; row < owner.length; row++) {
            const p = owner[row];
            if (p >= 0 && days[row] >= withdrawnOn[p]) {
              owner[row] = -1;
              sf.records_after_withdrawal++;
            }
          }
        } catch {
          // reported when the derived variable reads the column
        }
      }
    }
    const grouped = groupByOwner(owner, n);
    const recordsOf = (p: number) => grouped.rows.subarray(grouped.offsets[p], grouped.offsets[p + 1]);

    if (shape === "long") {
      long.set(name, grouped);
      sf.linked = byArm(arm, (p) => grouped.offsets[p + 1] > grouped.offsets[p]);
      continue;
    }

    // wide: one record per participant
    const rowFor = new Int32Array(n).fill(-1);
    const order = S.spec.duplicates?.by ? orderValues(S, S.spec.duplicates.by) : undefined;
    let duplicateReported = false;
    for (let p = 0; p < n; p++) {
      const rows = recordsOf(p);
      if (rows.length === 0) continue;
      if (rows.length > 1) {
        if (!S.spec.duplicates) {
          if (!duplicateReported) {
            problems.push({
              file: S.file,
              line: S.table.lineOf(rows[1]),
              column: S.spec.key,
              message: `participant ${showValue(keys[p])} has ${rows.length} records (lines ${Array.from(rows, (r) => S.table.lineOf(r)).join(", ")})`,
              hint: `a wide source has one record per participant; if duplicates are expected, say which to keep: sources.${name}.duplicates: { keep: last, by: <date column> }`,
            });
            duplicateReported = true;
          }
          continue;
        }
        const sorted = order ? Array.from(rows).sort((a, b) => order[a] - order[b] || a - b) : rows;
        rowFor[p] = S.spec.duplicates.keep === "first" ? sorted[0] : sorted[sorted.length - 1];
        sf.duplicates_resolved += rows.length - 1;
      } else {
        rowFor[p] = rows[0];
      }
    }
    if (due) {
      const eligible = new Uint8Array(n);
      const responded = new Uint8Array(n);
      let fromIneligible = 0;
      for (let p = 0; p < n; p++) {
        eligible[p] = Number.isNaN(withdrawnOn[p]) || withdrawnOn[p] >= due[p] ? 1 : 0;
        if (rowFor[p] >= 0) {
          if (eligible[p]) responded[p] = 1;
          else {
            rowFor[p] = -1; // withdrawn before the wave: their record is not used
            fromIneligible++;
          }
        }
      }
      sf.records_after_withdrawal = fromIneligible;
      const rate = (num: number, den: number) => (den === 0 ? null : num / den);
      const el = byArm(arm, (p) => eligible[p] === 1);
      const re = byArm(arm, (p) => responded[p] === 1);
      sf.wave = {
        due_months: S.spec.wave!.months,
        eligible: el,
        withdrawn_before_due: byArm(arm, (p) => eligible[p] === 0),
        responded: re,
        response_rate: { treated: rate(re.treated, el.treated), control: rate(re.control, el.control), total: rate(re.total, el.total) },
      };
      waves.set(name, { eligible, responded });
    }
    wide.set(name, rowFor);
    sf.linked = byArm(arm, (p) => rowFor[p] >= 0);
  }
  return problems.length ? { problems } : { linked: { n, keys, arm, randomisedOn, withdrawnOn, wide, long, waves, flow }, problems };
}

/** Rows grouped by participant (a counting sort, file order kept): rows[offsets[p] .. offsets[p + 1]). */
function groupByOwner(owner: Int32Array, n: number): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (const p of owner) if (p >= 0) offsets[p + 1]++;
  for (let p = 0; p < n; p++) offsets[p + 1] += offsets[p];
  const fill = offsets.slice(0, n);
  const rows = new Int32Array(offsets[n]);
  for (let row = 0; row < owner.length; row++) {
    const p = owner[row];
    if (p >= 0) rows[fill[p]++] = row;
  }
  return { offsets, rows };
}

/** The date column an administrative outcome reads from a long source (for withdrawal cut-offs). */
function dateColumnOf(sap: Sap, source: string): string | undefined {
  for (const d of Object.values(sap.derive ?? {})) if ("from" in d && d.from === source) return d.date;
  return undefined;
}

/** Sort keys for resolving duplicates: dates as day numbers, numbers as numbers, else text order. */
function orderValues(S: LoadedSource, column: string): Float64Array {
  const spec = S.spec.columns?.[column];
  if (spec?.type === "date") return S.dates(column).days;
  const c = S.table.column(column);
  if (c.kind === "number") return c.values;
  const texts = c.values;
  const sorted = [...new Set(texts.filter((t): t is string => t !== null))].sort();
  const rank = new Map(sorted.map((t, i) => [t, i]));
  return Float64Array.from(texts, (t) => (t === null ? -Infinity : rank.get(t)!));
}
