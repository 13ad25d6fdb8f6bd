import { showValue } from "../errors.js";
import type { SapProblem } from "../sap/problems.js";
import type { Sap } from "../sap/types.js";
import { type LoadedSource, columnsHint } from "./load-source.js";

/**
 * The randomised participants, in the order of the randomised source (which is the order of every
 * output by participant): each key once, with an arm (the treated or the control value of the
 * treatment column) and a randomisation date. A key written twice, an arm that is neither value and
 * a missing date are problems (the first of each kind is reported, located); a file with no rows,
 * or without the treatment or date column, stops here.
 *
 * A single-arm evaluation (no `treatment`: docs/sap.md#evaluation) has everyone in the one arm the
 * service is (arm 1); its date column is optional, and without one every date is NaN (the plan's
 * checks refuse survey waves and administrative windows then, which need it).
 *
 * @example
 * // baseline.csv: id,arm,randomised_on / P1,T,2020-01-02 / P2,C,2020-01-03
 * randomisedParticipants(sap, baseline).participants;
 * // { index: Map { P1 → 0, P2 → 1 }, rowOf: [0, 1], arm: [1, 0], randomisedOn: [18263, 18264] }
 */
export interface RandomisedParticipants {
  /** Each key's participant number. */
  readonly index: ReadonlyMap<string, number>;
  /** Each participant's row of the randomised source. */
  readonly rowOf: readonly number[];
  /** 1 treated, 0 control. */
  readonly arm: Uint8Array;
  /** Day numbers (NaN where missing, which is a problem). */
  readonly randomisedOn: Float64Array;
}

export function randomisedParticipants(sap: Sap, R: LoadedSource): { participants?: RandomisedParticipants; problems: SapProblem[] } {
  const problems: SapProblem[] = [];
  const { treatment } = sap;
  const file = R.file;
  const dateColumn = sap.linkage.randomisation_date;

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
  if (R.table.nRows === 0) {
    problems.push({ path: "linkage.randomised", file, line: 1, message: `${file} has a header but no participants`, hint: "the randomised source must list everyone randomised" });
    return { problems };
  }
  if (treatment && !R.table.hasColumn(treatment.column)) {
    problems.push({ path: "treatment.column", message: `the treatment column "${treatment.column}" is not in ${file}`, hint: columnsHint(treatment.column, R.table.columnNames) });
    return { problems };
  }
  if (dateColumn !== undefined && !R.table.hasColumn(dateColumn)) {
    problems.push({ path: "linkage.randomisation_date", message: `the randomisation date column "${dateColumn}" is not in ${file}`, hint: columnsHint(dateColumn, R.table.columnNames) });
    return { problems };
  }

  // a single-arm evaluation: everyone had the service
  const arm = new Uint8Array(rowOf.length).fill(1);
  if (treatment) {
    const armText = R.texts(treatment.column);
    let badArm = 0;
    rowOf.forEach((row, i) => {
      const v = armText[row];
      if (v === String(treatment.treated)) arm[i] = 1;
      else if (v === String(treatment.control)) arm[i] = 0;
      else if (badArm++ === 0) {
        problems.push({ file, line: R.table.lineOf(row), column: treatment.column, message: `arm "${v ?? ""}" is neither the treated value (${treatment.treated}) nor the control value (${treatment.control})`, hint: "every randomised participant needs an arm; check treatment: in the SAP" });
      }
    });
  }

  let randomisedOn: Float64Array;
  if (dateColumn === undefined) return { participants: { index, rowOf, arm, randomisedOn: new Float64Array(rowOf.length).fill(NaN) }, problems };
  try {
    const days = R.dates(dateColumn).days;
    randomisedOn = Float64Array.from(rowOf, (row) => days[row]);
    const missingAt = rowOf.findIndex((row) => Number.isNaN(days[row]));
    if (missingAt >= 0) problems.push({ file, line: R.table.lineOf(rowOf[missingAt]), column: dateColumn, message: "the randomisation date is missing", hint: "every randomised participant needs a randomisation date" });
  } catch (e) {
    const err = e as { message: string; location?: { line?: number }; hint?: string };
    problems.push({ file, line: err.location?.line, column: dateColumn, message: err.message, hint: err.hint });
    randomisedOn = new Float64Array(rowOf.length);
  }
  return { participants: { index, rowOf, arm, randomisedOn }, problems };
}
