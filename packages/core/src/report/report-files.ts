import type { PlanRun } from "../analysis/run-plan.js";
import { htmlReport } from "./html-report.js";
import { markdownText } from "./markdown.js";
import { type ReportContents, reportContents } from "./report-contents.js";
import { reportSpreadsheet } from "./report-spreadsheet.js";
import { resultsCsv } from "./results-tables.js";
import { tableCsv, tableMarkdown, tableNotesCsv } from "./table-formats.js";

/**
 * The files `trialstat run` writes besides results.json and flow.json, by relative path — no file
 * system here; the CLI writes them:
 *
 * - `report.html`: the self-contained report (html-report.ts);
 * - `plots/<id>.svg`: every picture in it;
 * - `results.md`: every table in Markdown, with the pictures linked (if `output.tables` has markdown);
 * - `results.csv` (every field of every result row), `tables/<id>.csv` (each report table, tidy)
 *   and `tables/notes.csv` (every table's notes), if it has csv;
 * - `tables.xlsx`: every table in one workbook (report-spreadsheet.ts), if `output.spreadsheet` is
 *   true or `options.spreadsheet` says so (the browser page always offers it).
 */
export function reportFiles(run: PlanRun, options: ReportFileOptions = {}): Record<string, string | Uint8Array> {
  const contents = reportContents(run);
  const formats = run.sap.output?.tables ?? ["markdown", "csv"];
  const files: Record<string, string | Uint8Array> = {};
  if (formats.includes("markdown")) files["results.md"] = reportMarkdown(run, contents);
  if (formats.includes("csv")) {
    files["results.csv"] = resultsCsv(run.results);
    const tables = contents.sections.flatMap((s) => s.items.flatMap((item) => (item.kind === "table" ? [item.table] : [])));
    for (const t of tables) files[`tables/${t.id}.csv`] = tableCsv(t);
    files["tables/notes.csv"] = tableNotesCsv(tables);
  }
  for (const s of contents.sections) for (const item of s.items) if (item.kind === "plot") files[`plots/${item.id}.svg`] = `${item.svg}\n`;
  if (options.spreadsheet ?? run.sap.output?.spreadsheet) files["tables.xlsx"] = reportSpreadsheet(run.results, contents);
  files["report.html"] = htmlReport(run.results, contents);
  return files;
}

export interface ReportFileOptions {
  /** Write tables.xlsx whatever the plan's `output.spreadsheet` says. */
  spreadsheet?: boolean;
}

/** results.md: the identity, deviations, then every section's tables (and links to its pictures); text from the SAP or data through markdownText. */
export function reportMarkdown(run: PlanRun, contents: ReportContents = reportContents(run)): string {
  const r = run.results;
  const md = markdownText;
  const reg = r.sap.registration;
  const lines: string[] = [`# ${md(r.sap.title)}`, ""];
  lines.push(`Registration ${md(reg.id)}, SAP version ${md(reg.sap_version)} (${md(reg.date)}); SAP ${md(r.sap.file)} sha256 \`${r.sap.sha256}\`; trialstat ${r.trialstat_version}.`, "");
  lines.push("## Deviations from the SAP", "", ...(contents.deviations.length ? contents.deviations.map((d) => `- ${md(d)}`) : ["None: the run followed the SAP and recorded no warnings."]), "");
  for (const s of contents.sections) {
    lines.push(`## ${md(s.title)}`, "");
    for (const item of s.items) {
      if (item.kind === "plot") lines.push(`![${md(item.title)}](plots/${item.id}.svg)`, "");
      else lines.push(`### ${md(item.table.title)}`, "", tableMarkdown(item.table).trimEnd(), "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
