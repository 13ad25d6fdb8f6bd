import { missingColumnHint } from "../data/table.js";
import { addMonths } from "../data/dates.js";
import { yesNo } from "../data/yes-no.js";
import { quoteValue } from "../errors.js";
import type { SapProblem } from "../sap/problems.js";
import type { LoadedSource } from "./load-source.js";

/**
 * Who a survey wave expected and who responded — the one place "responded" is decided, for the
 * flow, the response rates, the non-response weights and "not surveyed" exclusions alike.
 *
 * - Expected (eligible): not withdrawn before the wave fell due, `wave.months` after the
 *   participant's randomisation (addMonths). A record of someone withdrawn before then is not used.
 * - Responded: expected, with a record in the wave, and — when the source names a response
 *   indicator (`responded: column`) — that record's indicator says yes (`yesNo`: 1, yes, true).
 *   A record whose indicator says no is a non-respondent exactly as if the row were absent: the
 *   record is not used. An indicator that is missing or not a yes/no answer is a problem (located
 *   at the first such record): guessing would move people between respondents and non-respondents.
 *
 * `rowFor` (each participant's record, −1 for none) is updated in place: records that are not used
 * become −1.
 *
 * @example
 * // wave due at 12 months; P1 responded; P2 withdrew at 6 months (record dropped); P3's row says no
 * surveyResponse(survey, { months: 12 }, rowFor, randomisedOn, withdrawnOn);
 * // eligible [1, 0, 1], responded [1, 0, 0], afterWithdrawal 1, saidNo 1; rowFor [r1, −1, −1]
 */
export interface SurveyResponse {
  eligible: Uint8Array;
  responded: Uint8Array;
  /** Records of participants withdrawn before the wave fell due (not used). */
  afterWithdrawal: number;
  /** Records of expected participants whose response indicator says no (not used). */
  saidNo: Uint8Array;
  problem?: SapProblem;
}

export function surveyResponse(
  S: LoadedSource,
  wave: { months: number },
  rowFor: Int32Array,
  randomisedOn: Float64Array,
  withdrawnOn: Float64Array,
): SurveyResponse {
  const n = rowFor.length;
  const eligible = new Uint8Array(n);
  const responded = new Uint8Array(n);
  const saidNo = new Uint8Array(n);
  const column = S.spec.responded;
  if (column !== undefined && !S.table.hasColumn(column)) {
    return { eligible, responded, afterWithdrawal: 0, saidNo, problem: { path: `sources.${S.name}.responded`, file: S.file, message: `the response indicator "${column}" is not in ${S.file}`, hint: missingColumnHint(column, S.table.columnNames) } };
  }
  const answers = column === undefined ? undefined : S.texts(column);
  let afterWithdrawal = 0;
  let problem: SapProblem | undefined;
  for (let p = 0; p < n; p++) {
    eligible[p] = Number.isNaN(withdrawnOn[p]) || withdrawnOn[p] >= addMonths(randomisedOn[p], wave.months) ? 1 : 0;
    const row = rowFor[p];
    if (row < 0) continue;
    if (!eligible[p]) {
      rowFor[p] = -1;
      afterWithdrawal++;
      continue;
    }
    const answer = answers === undefined ? 1 : answers[row] === null ? undefined : yesNo(answers[row]);
    if (answer === undefined) {
      problem ??= responseIndicatorProblem(S, column!, row, answers![row]);
      continue;
    }
    if (answer === 1) responded[p] = 1;
    else {
      rowFor[p] = -1;
      saidNo[p] = 1;
    }
  }
  return { eligible, responded, afterWithdrawal, saidNo, problem };
}

function responseIndicatorProblem(S: LoadedSource, column: string, row: number, text: string | null): SapProblem {
  return {
    file: S.file,
    line: S.table.lineOf(row),
    column,
    message: `the response indicator ${column} ${text === null ? "is missing" : `is ${quoteValue(text)}`}; it must be 0/1, yes/no or true/false`,
    hint: `code every row of ${S.name} as responded (1, yes) or not (0, no); a participant without a row is a non-respondent already`,
  };
}
