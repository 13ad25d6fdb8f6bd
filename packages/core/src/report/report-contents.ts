import type { PlanRun } from "../analysis/run-plan.js";
import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { balanceTable } from "./balance-table.js";
import { boundsTable } from "./bounds-table.js";
import { caceTable } from "./cace-table.js";
import { linTable } from "./lin-table.js";
import { descriptiveTable } from "./descriptive-tables.js";
import { flowDiagram } from "./flow-diagram.js";
import { uniqueFileNames } from "./file-names.js";
import { flowTable } from "./flow-table.js";
import { populationForest, subgroupForest } from "./forest-plot.js";
import { headlineTable } from "./headline.js";
import { reproductionSection } from "./reproduction-section.js";
import { responseRateTable } from "./response-table.js";
import { resultsTable, subgroupTable } from "./results-tables.js";
import { type ReportSettings, reportSettings } from "./settings.js";
import { type ReportTable, slug } from "./table-model.js";
import { weightDiagnosticsTables } from "./weights-report.js";
import { weightsHistogram } from "./weights-plot.js";
import { withSvgId } from "./svg.js";
import { designAndEconomicsSections } from "./design-economics-sections.js";
import { singleArmSections } from "./single-arm-sections.js";

/**
 * Everything a run reports, in reading order, as sections of tables (table-model.ts) and pictures
 * (SVG) — the one source that results.md, tables/*.csv, plots/*.svg and report.html are all
 * written from (report-files.ts), so they always agree.
 */
export interface ReportContents {
  settings: ReportSettings;
  sections: ReportSection[];
  /** Warnings and deviations the run recorded (none: empty). */
  deviations: string[];
}

export interface ReportSection {
  id: string;
  title: string;
  intro?: string;
  items: ({ kind: "table"; table: ReportTable } | { kind: "plot"; id: string; title: string; svg: string })[];
}

export function reportContents(run: PlanRun): ReportContents {
  const { results, flow, sap, report } = run;
  const settings = reportSettings(sap.output);
  // a single-arm evaluation (evaluation: instead of treatment:) has tables of its own
  if (results.single_arm) return finished(settings, singleArmSections(run, settings), results);
  const labels = results.labels;
  const arms = flow.arms;
  const armNames = { treated: `Treated (${arms.treated})`, control: `Control (${arms.control})` };
  const populations = Object.keys(sap.populations);
  const plot = (svg: string | null, title: string) => (svg ? [{ kind: "plot" as const, id: /id="([^"]+)"/.exec(svg)![1], title, svg }] : []);
  const table = (t: ReportTable) => ({ kind: "table" as const, table: t });
  const sections: ReportSection[] = [];

  const excluded = new Set([sap.linkage.randomised, sap.linkage.withdrawal?.source, sap.linkage.erasure?.source]);
  sections.push({
    id: "flow",
    title: "Flow of participants",
    items: [
      ...plot(flowDiagram(flow, { disclosure: settings.disclosure, labels, sources: Object.keys(sap.sources).filter((s) => !excluded.has(s)) }), "Flow of participants (CONSORT style)"),
      table(flowTable(flow, settings, labels)),
    ],
  });
  sections.push({ id: "headline", title: "Headline impacts", items: [table(headlineTable(results, settings.decimals))] });
  if (run.reproduction) sections.push(reproductionSection(run.reproduction));
  const outcomes = sap.outcomes.map((o) => o.name);
  if (populations.length > 1) {
    sections.push({
      id: "across-populations",
      title: "Effects across populations",
      items: outcomes.flatMap((o) => plot(populationForest(results, o, settings.decimals), `${labels.outcomes[o]}: effect in each population`)),
    });
  }
  sections.push({ id: "results", title: "Results by population", items: populations.map((p) => table(resultsTable(results, p, settings))) });
  for (const [id, title, build] of BESIDE_ITT) {
    const tables = populations.flatMap((p) => build(results, p, settings) ?? []);
    if (tables.length) sections.push({ id, title, items: tables.map(table) });
  }
  if ((sap.subgroups ?? []).length) {
    sections.push({
      id: "subgroups",
      title: "Subgroups",
      items: populations.flatMap((p) => [
        table(subgroupTable(results, p, settings)),
        ...outcomes.flatMap((o) => plot(subgroupForest(results, p, o, settings.decimals), `${labels.outcomes[o]}: effect by subgroup, ${labels.populations[p]}`)),
      ]),
    });
  }
  if (report.descriptives.length) {
    const columnLabel = (by: string) => (value: string) => (by === sap.treatment?.column ? (value === arms.treated ? armNames.treated : value === arms.control ? armNames.control : value) : value);
    sections.push({
      id: "descriptives",
      title: "Characteristics of participants",
      items: report.descriptives.map((d, k) => table(descriptiveTable(d, `descriptive-${k + 1}-${slug(d.title)}`, settings, columnLabel(d.by)))),
    });
  }
  if (report.balance.length) {
    sections.push({
      id: "balance",
      title: "Baseline balance",
      items: report.balance.map((b) => table(balanceTable(b, settings, labels.populations[b.population] ?? b.population, sap.output?.balance?.labels, armNames))),
    });
  }
  sections.push({ id: "response", title: "Data sets and survey response", items: [table(responseRateTable(report.responses, settings, armNames))] });
  if (report.weights.length) {
    sections.push({
      id: "weights",
      title: "Weighting diagnostics",
      items: report.weights.flatMap((w) => [
        ...plot(weightsHistogram(w, { disclosure: settings.disclosure, arms }), `Distribution of non-response weights ${w.name}`),
        ...weightDiagnosticsTables(results.weights[w.name] as WeightDiagnostics, w.name, settings).map(table),
      ]),
    });
  }
  sections.push(...designAndEconomicsSections(results, settings));
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

/** The tables of the analyses beside the ITT, each a section of its own after the results (when the plan asks for it). */
const BESIDE_ITT = [
  ["lin", "Lin's covariate adjustment", linTable],
  ["cace", "Complier average causal effects", caceTable],
  ["bounds", "Bounds for missing outcomes", boundsTable],
] as const;

/**
 * Gives every table and picture its file name (file-names.ts), in reading order: ids built from
 * names that differ only by case or punctuation (`all`, `All`) or from long titles are made unique
 * and short here, once for all the formats.
 */
function nameFiles(sections: ReportSection[]): void {
  const items = sections.flatMap((s) => s.items);
  const names = uniqueFileNames(items.map((i) => (i.kind === "table" ? i.table.id : i.id)));
  items.forEach((item, k) => {
    if (item.kind === "table") item.table.id = names[k];
    else if (item.id !== names[k]) {
      item.svg = withSvgId(item.svg, names[k]);
      item.id = names[k];
    }
  });
}
