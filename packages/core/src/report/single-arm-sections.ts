import type { PlanRun } from "../analysis/run-plan.js";
import { changeSummaryTable, changeTable } from "./change-tables.js";
import { descriptiveTable } from "./descriptive-tables.js";
import { tableLevel } from "./table-level.js";
import type { ReportSettings } from "./settings.js";
import { countTable, flowBySiteTable, meanTable, rateTable, talkingTherapiesTable } from "./single-arm-tables.js";
import { type TableSection, table } from "./report-section.js";
import { slug } from "./table-model.js";
import { tableText } from "./table-text.js";

/**
 * The report of a single-arm service evaluation (a plan with `evaluation:`), in reading order:
 * the flow by site (the IPS-in-IAPT pilot's Tables 1–2); the change in each measure from start to
 * end, every measure together and then each by site (Tables 6–7); Talking Therapies reliable change
 * and recovery; the outcomes by site — rates, counts and means (Tables 3–5); and any descriptive
 * tables the plan asks for. A population gets a table only where it has rows.
 */
export function singleArmSections(run: PlanRun, settings: ReportSettings): TableSection[] {
  const { results, report, sap } = run;
  const single = results.single_arm!;
  const level = tableLevel(results);
  const labels = results.labels;
  const populations = Object.keys(sap.populations).map((name) => ({ name, label: labels.populations[name] ?? name }));
  const has = (rows: readonly { population: string }[], p: string) => rows.some((r) => r.population === p);
  const sections: TableSection[] = [{ id: "flow", title: "Referral, participation and outcome", items: [table(flowBySiteTable(single, settings))] }];

  const changes = populations.filter((p) => has(single.changes, p.name));
  if (changes.length) {
    sections.push({
      id: "change",
      title: "Change from start to end",
      items: changes.flatMap((p) => [
        table(changeSummaryTable(single, p, settings, level)),
        ...single.measures.filter((m) => single.changes.some((r) => r.population === p.name && r.measure === m.name)).map((m) => table(changeTable(single, p, m.name, settings, level))),
      ]),
    });
  }
  const tt = populations.filter((p) => has(single.talking_therapies, p.name));
  if (tt.length) sections.push({ id: "talking-therapies", title: "NHS Talking Therapies: reliable change and recovery", items: tt.map((p) => table(talkingTherapiesTable(single, p, settings, level))) });
  const outcomes = populations.flatMap((p) => [
    ...(has(single.rates, p.name) ? [table(rateTable(single, p, labels.outcomes, settings, level))] : []),
    ...(has(single.counts, p.name) ? [table(countTable(single, p, labels.outcomes, settings))] : []),
    ...(has(single.means, p.name) ? [table(meanTable(single, p, labels.outcomes, settings, level))] : []),
  ]);
  if (outcomes.length) sections.push({ id: "outcomes", title: "Outcomes by site", items: outcomes });
  if (report.descriptives.length) {
    sections.push({ id: "descriptives", title: "Characteristics of participants", items: report.descriptives.map((d, k) => table(descriptiveTable(d, `descriptive-${k + 1}-${slug(d.title)}`, settings))) });
  }
  return sections;
}

/**
 * What `trialstat run` prints for a single-arm evaluation: the flow by site and each population's
 * change in every measure, aligned for a terminal (the full tables are in the report).
 */
export function singleArmSummaryText(run: PlanRun, settings: ReportSettings): string {
  const sections = singleArmSections(run, settings);
  const tables = sections.flatMap((s) => s.items.map((i) => i.table)).filter((t) => t.id === "flow-by-site" || t.id.startsWith("change-summary-"));
  return tables.map((t) => tableText(t, { notes: false })).join("\n");
}
