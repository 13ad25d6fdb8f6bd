import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { balanceTable } from "./balance-table.js";
import { boundsTable } from "./bounds-table.js";
import { caceTable } from "./cace-table.js";
import { linTable } from "./lin-table.js";
import { descriptiveTable } from "./descriptive-tables.js";
import { flowDiagram } from "./flow-diagram.js";
import { type FlowLabels, analysedTable, flowTable } from "./flow-table.js";
import { evenChunks, populationPanels, subgroupPanels } from "./forest-panels.js";
import { headlineTable } from "./headline.js";
import { type ReportContext, type ReportItem, type ReportSection, plot, table } from "./report-section.js";
import { reproductionSection } from "./reproduction-section.js";
import { responseRateTable } from "./response-table.js";
import { resultsTable, subgroupTable } from "./results-tables.js";
import { slug } from "./table-model.js";
import { weightDiagnosticsTables } from "./weights-report.js";
import { weightsHistogram } from "./weights-plot.js";

/**
 * The builders of the report's sections (report-contents.ts lists them in reading order). Each
 * takes the run and returns its sections, or none when the run has nothing for it.
 */

/** Outcomes per small-multiple forest plot: five panels fit an A4 page's width. */
const PANELS_PER_FIGURE = 5;

function flowLabels(ctx: ReportContext): FlowLabels {
  const { sap } = ctx.run;
  return {
    populations: Object.fromEntries(ctx.populations.map((p) => [p, ctx.labels.population(p)])),
    outcomes: Object.fromEntries(ctx.outcomes.map((o) => [o, ctx.labels.outcome(o)])),
    arm: ctx.labels.arm,
    source: (name) => sap.sources[name]?.label ?? name,
  };
}

/** The one-page summary: headline table with intervals, the primary outcomes in every population, the CONSORT diagram. */
export function summarySections(ctx: ReportContext): ReportSection[] {
  const { run, settings, labels } = ctx;
  const { sap, results, flow } = run;
  const excluded = new Set([sap.linkage.randomised, sap.linkage.withdrawal?.source, sap.linkage.erasure?.source]);
  const items: ReportItem[] = [
    table(headlineTable(results, settings.decimals, { stars: settings.stars, labels, intervals: true })),
    ...plot(populationPanels(results, ctx.primary, labels, "forest-primary", "Primary outcomes: effect in each population"), "Primary outcomes: effect in each population"),
    ...plot(
      flowDiagram(flow, { disclosure: settings.disclosure, labels: flowLabels(ctx), sources: Object.keys(sap.sources).filter((s) => !excluded.has(s)) }),
      "Flow of participants (CONSORT 2010)",
      false,
    ),
  ];
  return [{ id: "summary", title: "Summary of impacts", items }];
}

/** Every outcome's overall effect in each population, then the secondary outcomes across populations. */
export function resultsSections(ctx: ReportContext): ReportSection[] {
  const { run, settings, labels } = ctx;
  const sections: ReportSection[] = [{ id: "results", title: "Results by population", items: ctx.populations.map((p) => table(resultsTable(run.results, p, settings, labels))) }];
  const others = ctx.outcomes.filter((o) => !ctx.primary.includes(o));
  if (ctx.populations.length > 1 && others.length) {
    sections.push({
      id: "across-populations",
      title: "Effects across populations",
      intro: "The primary outcomes are in the summary.",
      items: evenChunks(others, PANELS_PER_FIGURE).flatMap((chunk, k, all) => {
        const title = `${ctx.primary.length ? "Secondary outcomes" : "Outcomes"}: effect in each population${all.length > 1 ? ` (${k + 1} of ${all.length})` : ""}`;
        return plot(populationPanels(run.results, chunk, labels, `forest-populations-${k + 1}`, title), title);
      }),
    });
  }
  return sections;
}

/** Per population: the subgroup table, then its forest plots, several outcomes per figure. */
export function subgroupSections(ctx: ReportContext): ReportSection[] {
  const { run, settings, labels } = ctx;
  if (!(run.sap.subgroups ?? []).length) return [];
  return [
    {
      id: "subgroups",
      title: "Subgroups",
      newPage: true,
      items: ctx.populations.flatMap((p) => [
        table(subgroupTable(run.results, p, settings, labels)),
        ...evenChunks(ctx.outcomes, PANELS_PER_FIGURE).flatMap((chunk, k) =>
          plot(subgroupPanels(run.results, p, chunk, settings, labels, `forest-${slug(p)}-${k + 1}`), `Effects by subgroup: ${labels.population(p)}`),
        ),
      ]),
    },
  ];
}

/** Characteristics of participants (descriptive tables) and baseline balance. */
export function characteristicsSections(ctx: ReportContext): ReportSection[] {
  const { run, settings, labels } = ctx;
  const { sap, report } = run;
  const sections: ReportSection[] = [];
  const armNames = { treated: labels.arm("treated"), control: labels.arm("control") };
  if (report.descriptives.length) {
    const columnLabel = (by: string) => (value: string) =>
      by === sap.treatment?.column ? (value === labels.armCodes.treated ? armNames.treated : value === labels.armCodes.control ? armNames.control : value) : labels.value(by, value);
    sections.push({
      id: "descriptives",
      title: "Characteristics of participants",
      newPage: true,
      items: report.descriptives.map((d, k) => table(descriptiveTable(d, `descriptive-${k + 1}-${slug(d.title)}`, settings, columnLabel(d.by)))),
    });
  }
  if (report.balance.length) {
    const rowLabels = { ...(sap.variable_labels ?? {}), ...(sap.output?.balance?.labels ?? {}) };
    sections.push({
      id: "balance",
      title: "Baseline balance",
      items: report.balance.map((b) => table(balanceTable(b, settings, labels.population(b.population), rowLabels, armNames))),
    });
  }
  return sections;
}

/** Data sets and survey response, and the weighting diagnostics. */
export function responseSections(ctx: ReportContext): ReportSection[] {
  const { run, settings, labels } = ctx;
  const { report, results } = run;
  const armNames = { treated: labels.arm("treated"), control: labels.arm("control") };
  const sections: ReportSection[] = [{ id: "response", title: "Data sets and survey response", items: [table(responseRateTable(report.responses, settings, armNames))] }];
  if (report.weights.length) {
    sections.push({
      id: "weights",
      title: "Weighting diagnostics",
      items: report.weights.flatMap((w) => [
        ...plot(weightsHistogram(w, { disclosure: settings.disclosure, arms: armNames }), `Distribution of non-response weights ${w.name}`),
        ...weightDiagnosticsTables(results.weights[w.name] as WeightDiagnostics, w.name, settings).map(table),
      ]),
    });
  }
  return sections;
}

/** The analyses the plan asks for beside the ITT, each a table per population that has its estimates. */
const BESIDE_ITT = [
  ["lin", "Lin's covariate adjustment", linTable],
  ["cace", "Complier average causal effects", caceTable],
  ["bounds", "Bounds for missing outcomes", boundsTable],
] as const;

export function besideIttSections(ctx: ReportContext): ReportSection[] {
  return BESIDE_ITT.flatMap(([id, title, build]) => {
    const tables = ctx.populations.flatMap((p) => build(ctx.run.results, p, ctx.settings) ?? []);
    return tables.length ? [{ id, title, items: tables.map(table) }] : [];
  });
}

/** The reproduction of a published table the plan names (`published:`), cell by cell. */
export function reproductionSections(ctx: ReportContext): ReportSection[] {
  return ctx.run.reproduction ? [reproductionSection(ctx.run.reproduction)] : [];
}

/** The detailed flow of participants. */
export function annexSections(ctx: ReportContext): ReportSection[] {
  const { run, settings } = ctx;
  const labels = flowLabels(ctx);
  return [{ id: "flow", title: "Flow of participants in detail", items: [table(flowTable(run.flow, settings, labels)), table(analysedTable(run.flow, settings, labels))] }];
}
