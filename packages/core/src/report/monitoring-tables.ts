import { levelKey } from "../analysis/effect-row.js";
import type { Monitoring, MonitoringRow } from "../monitoring/outcome-monitoring.js";
import { formatFixed } from "./decimals.js";
import { fixedCell } from "./result-cells.js";
import { type ReportTable, type TableRow, num, sectionRow, text } from "./table-model.js";

/**
 * The table of `trialstat monitor`: each service's job outcomes in each period (a section per
 * period) and over every period — people supported, jobs, the rate with its Wilson interval, the
 * rate against the target and comparison benchmarks, its place on the funnel, and the caseload per
 * employment specialist against the guidance's limit — with notes naming every benchmark's source.
 */
export function monitoringTable(m: Monitoring): ReportTable {
  const rows: TableRow[] = [];
  // with one period, every period together is that period: it is not repeated
  const sections: [string, MonitoringRow[]][] = m.periods.map((p) => [p, m.rows.filter((r) => r.period === p)]);
  if (m.periods.length > 1) sections.push(["All periods", m.rows.filter((r) => r.period === null)]);
  for (const [label, these] of sections) {
    rows.push(sectionRow(label));
    for (const r of these) {
      rows.push({
        cells: [
          text(r.service),
          num(r.people, String(r.people)),
          num(r.jobs, String(r.jobs)),
          fixedCell(r.rate === null ? null : r.rate * 100, 1),
          text(r.interval ? `[${formatFixed(r.interval.low * 100, 1)}, ${formatFixed(r.interval.high * 100, 1)}]` : ""),
          text(r.vs_target ?? ""),
          ...(m.comparison ? [text(r.vs_comparison ?? "")] : []),
          text(r.funnel ?? ""),
          fixedCell(r.specialists, 1),
          fixedCell(r.caseload, 1),
          text(r.over_caseload_limit === null ? "" : r.over_caseload_limit ? "over" : "within"),
        ],
      });
    }
  }
  const pct = (x: number) => `${formatFixed(x * 100, 0)}%`;
  const notes = [
    `Rate: people who started a job ÷ people supported, with the Wilson ${levelKey(m.level)}% interval (R's prop.test(x, n, correct = FALSE)). Against a benchmark: above (below) when the whole interval is above (below) it, else consistent.`,
    `Target: ${m.target.label} ${pct(m.target.rate)} — ${m.target.source}.`,
    ...(m.comparison ? [`Comparison: ${m.comparison.label} ${pct(m.comparison.rate)} — ${m.comparison.source}.`] : []),
    `Funnel: the rate against ${m.method === "binomial" ? "exact binomial (interpolated)" : "normal-approximation"} 95% and 99.8% control limits around the target for the service's number of people (Spiegelhalter 2005).`,
    `Caseload: people supported in the period per employment specialist (FTE), against ${formatFixed(m.caseload.limit, 1)} — ${m.caseload.per_year} clients a year${m.caseload.period_months === 12 ? "" : `, pro rata for ${m.caseload.period_months}-month periods`} (${m.caseload.source}).`,
  ];
  return {
    id: "job-outcomes",
    title: "Job outcomes by service and period",
    columns: [
      { header: ["Service"] },
      { header: ["People"] },
      { header: ["Jobs"] },
      { header: ["Rate (%)"] },
      { header: [`${levelKey(m.level)}% CI`] },
      { header: [`vs ${m.target.label} (${pct(m.target.rate)})`] },
      ...(m.comparison ? [{ header: [`vs ${m.comparison.label} (${pct(m.comparison.rate)})`] }] : []),
      { header: ["Funnel"] },
      { header: ["Specialists"] },
      { header: ["Caseload"] },
      { header: [`Caseload limit (${formatFixed(m.caseload.limit, 1)})`] },
    ],
    rows,
    notes,
  };
}
