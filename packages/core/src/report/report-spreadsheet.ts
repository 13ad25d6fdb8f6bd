import type { ResultsDocument } from "../analysis/results.js";
import { gssSpreadsheet } from "./gss-spreadsheet.js";
import type { ReportContents } from "./report-contents.js";
import { adjustmentNote } from "./results-tables.js";
import { levelLabel } from "../stats/confidence-level.js";

/**
 * tables.xlsx (`output: { spreadsheet: true }`): every table of the report (report-contents.ts), in
 * reading order, in one workbook laid out as the Government Statistical Service asks
 * (gss-spreadsheet.ts). Its cover sheet says what report.html's header says — the plan's identity
 * and hash, the inputs and their hashes, the methods, the deviations and warnings the run recorded.
 * Pictures are not in it: they are in report.html and plots/.
 *
 * @example
 * const files = { "tables.xlsx": reportSpreadsheet(run.results, reportContents(run)) };
 */
export function reportSpreadsheet(results: ResultsDocument, contents: ReportContents): Uint8Array {
  const sap = results.sap;
  const s = results.settings;
  // a sentence: adjustmentNote ends with its full stop
  const adjustment = adjustmentNote(results, results.rows);
  // a single-arm evaluation fits no model: no variance estimator or adjustment to state
  const model = results.single_arm
    ? []
    : [`Standard errors: ${s.se_type}${s.cluster ? `, clustered by ${s.cluster}` : ""}.`, `Estimates ${adjustment}`];
  return gssSpreadsheet({
    title: sap.title,
    creator: `trialstat ${results.trialstat_version}`,
    about: `The tables of the analysis of ${sap.title}, written by trialstat ${results.trialstat_version} following its statistical analysis plan (SAP). The same inputs give this file byte for byte.`,
    cover: [
      { heading: "Registration", lines: [`${sap.registration.id}, SAP version ${sap.registration.sap_version} (${sap.registration.date})`] },
      { heading: "Statistical analysis plan", lines: [`${sap.file}, sha256 ${sap.sha256}`] },
      { heading: "Inputs", lines: results.inputs.map((i) => `${i.source}: ${i.file}, ${i.rows} rows, sha256 ${i.sha256}`) },
      {
        heading: "Methods",
        lines: [...model.slice(0, 1), `Confidence levels: ${s.levels.map(levelLabel).join(", ")}.`, ...model.slice(1)],
      },
      { heading: "Deviations from the SAP", lines: contents.deviations.length ? contents.deviations : ["None: the run followed the SAP and recorded no warnings."] },
    ],
    tables: contents.sections.flatMap((section) => section.items.flatMap((item) => (item.kind === "table" ? [{ table: item.table, section: section.title }] : []))),
  });
}
