import type { PlanRun } from "../analysis/run-plan.js";
import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { uniqueFileNames } from "./file-names.js";
import { reportLabels } from "./report-labels.js";
import type { ReportContext, ReportPart, ReportSection, SectionBuilder } from "./report-section.js";
import { annexSections, besideIttSections, characteristicsSections, reproductionSections, responseSections, resultsSections, subgroupSections, summarySections } from "./report-sections.js";
import { type ReportSettings, reportSettings } from "./settings.js";
import { withSvgId } from "./svg.js";
import { designAndEconomicsSections } from "./design-economics-sections.js";
import { singleArmSections } from "./single-arm-sections.js";

/**
 * Everything a run reports, in reading order, as sections of tables (table-model.ts) and pictures
 * (SVG) — the one source that results.md, tables/*.csv, plots/*.svg and report.html are all
 * written from (report-files.ts), so they always agree.
 *
 * The order is that of a published impact report: a one-page summary (headline table with
 * intervals, the primary outcomes' forest plot, the CONSORT diagram), the results by population,
 * subgroups, characteristics and balance, response and weighting, then further analyses, then the
 * annex (the detailed flow). `REPORT_SECTIONS` is that order: a new kind of analysis adds its
 * report with one entry there — in part "further" for analyses beyond the plan's main effects
 * (inference, power, cost–benefit, reproduction), or "annex" for detail.
 */
export interface ReportContents {
  settings: ReportSettings;
  sections: ReportSection[];
  /** Warnings and deviations the run recorded (none: empty). */
  deviations: string[];
}

/** The report's sections in reading order. Add a kind of analysis here, with one entry. */
export const REPORT_SECTIONS: readonly { part: ReportPart; build: SectionBuilder }[] = [
  { part: "summary", build: summarySections },
  { part: "results", build: resultsSections },
  { part: "results", build: subgroupSections },
  { part: "results", build: characteristicsSections },
  { part: "results", build: responseSections },
  { part: "further", build: besideIttSections },
  { part: "further", build: reproductionSections },
  { part: "further", build: (ctx) => designAndEconomicsSections(ctx.run.results, ctx.settings) },
  { part: "annex", build: annexSections },
];

export type { ReportContext, ReportItem, ReportPart, ReportSection, SectionBuilder } from "./report-section.js";
export { PART_TITLES } from "./report-section.js";

export function reportContents(run: PlanRun): ReportContents {
  const { results, sap } = run;
  const settings = reportSettings(sap.output);
  // a single-arm evaluation (evaluation: instead of treatment:) has tables of its own
  if (results.single_arm) return finished(settings, singleArmSections(run, settings).map((s) => ({ ...s, part: "results" as const })), results);
  const ctx: ReportContext = {
    run,
    settings,
    labels: reportLabels(sap),
    populations: Object.keys(sap.populations),
    outcomes: sap.outcomes.map((o) => o.name),
    primary: sap.outcomes.filter((o) => o.role === "primary").map((o) => o.name),
  };
  const sections = REPORT_SECTIONS.flatMap(({ part, build }) => build(ctx).map((s) => ({ ...s, part })));
  return finished(settings, sections, results);
}

/** The contents with every file named and the run's warnings and deviations gathered. */
function finished(settings: ReportSettings, sections: ReportSection[], results: PlanRun["results"]): ReportContents {
  nameFiles(sections);
  const deviations = [
    ...results.deviations,
    ...results.warnings,
    ...Object.entries(results.weights).flatMap(([name, d]) => (d as WeightDiagnostics).warnings.map((w) => `weights ${name}: ${w}`)),
  ];
  return { settings, sections, deviations };
}

/**
 * Gives every table and picture its file name (file-names.ts), in reading order: ids built from
 * names that differ only by case or punctuation (`all`, `All`) or from long titles are made unique
 * and short here, once for all the formats. `notes` is kept for tables/notes.csv.
 */
function nameFiles(sections: ReportSection[]): void {
  const items = sections.flatMap((s) => s.items);
  const names = uniqueFileNames(["notes", ...items.map((i) => (i.kind === "table" ? i.table.id : i.id))]).slice(1);
  items.forEach((item, k) => {
    if (item.kind === "table") item.table.id = names[k];
    else if (item.id !== names[k]) {
      item.svg = withSvgId(item.svg, names[k]);
      item.id = names[k];
    }
  });
}
