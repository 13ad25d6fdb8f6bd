import type { FidelityAgainstOutcomes } from "../fidelity/fidelity-outcomes.js";
import type { FidelityReviews } from "../fidelity/fidelity-reviews.js";
import type { Monitoring } from "../monitoring/outcome-monitoring.js";
import { fidelityChangeTable, fidelityOutcomesTable, fidelityTable } from "./fidelity-tables.js";
import { funnelPlot } from "./funnel-plot.js";
import { monitoringTable } from "./monitoring-tables.js";
import { svgId } from "./svg.js";
import { tableCsv, tableMarkdown } from "./table-formats.js";
import type { ReportTable } from "./table-model.js";
import { tableText } from "./table-text.js";

/**
 * What `trialstat fidelity` and `trialstat monitor` print and write, by relative path (no file
 * system here; the CLI writes them): a JSON document of every number, the tables in Markdown
 * (one file) and CSV (one each), and for monitoring a funnel plot per period and one of every
 * period together.
 *
 * @example
 * const { text, files } = fidelityReport(fidelityReviews(table));
 * Object.keys(files); // ["fidelity.json", "fidelity.md", "tables/fidelity.csv", "tables/fidelity-change.csv"]
 */
export interface ServiceReport {
  /** The tables aligned for a terminal. */
  text: string;
  files: Record<string, string>;
}

export function fidelityReport(reviews: FidelityReviews, relation?: FidelityAgainstOutcomes): ServiceReport {
  const change = fidelityChangeTable(reviews);
  const tables = [fidelityTable(reviews), ...(change ? [change] : []), ...(relation ? [fidelityOutcomesTable(relation)] : [])];
  const json = { reviews: reviews.reviews, services: reviews.services, excluded_items: reviews.excludedItems, ...(relation && { outcomes: relation }) };
  return report("IPS fidelity reviews", "fidelity", json, tables, {});
}

export function monitoringReport(m: Monitoring): ServiceReport {
  const plots: Record<string, string> = {};
  const add = (svg: string | null) => {
    if (svg) plots[`plots/${svgId(svg)}.svg`] = `${svg}\n`;
  };
  if (m.periods.length > 1) add(funnelPlot(m, m.rows.filter((r) => r.period === null), "Job outcome rates, all periods"));
  for (const p of m.periods) add(funnelPlot(m, m.rows.filter((r) => r.period === p), `Job outcome rates, ${p}`));
  return report("Job outcome monitoring", "monitoring", m, [monitoringTable(m)], plots);
}

function report(title: string, name: string, json: unknown, tables: ReportTable[], plots: Record<string, string>): ServiceReport {
  const md = [`# ${title}`, "", ...tables.map((t) => `## ${t.title}\n\n${tableMarkdown(t).trimEnd()}\n`), ...Object.keys(plots).map((p) => `![${p}](${p})\n`)].join("\n");
  const files: Record<string, string> = { [`${name}.json`]: `${JSON.stringify(json, null, 2)}\n`, [`${name}.md`]: `${md.trimEnd()}\n` };
  for (const t of tables) files[`tables/${t.id}.csv`] = tableCsv(t);
  Object.assign(files, plots);
  return { text: tables.map((t) => tableText(t)).join("\n"), files };
}
