import type { ResultsDocument } from "../analysis/results.js";
import { benefitCostHistogram } from "./bcr-histogram.js";
import type { ReportSettings } from "./settings.js";
import { monteCarloTable, returnsTable, valuesTable } from "./economics-tables.js";
import { mdesDetailTable, mdesTable } from "./mdes-table.js";
import { type ReportSection, plot, table } from "./report-section.js";

/**
 * The report's sections for a plan's `design:` and `economics:` parts, when it has them: what each
 * population could detect (mdes-table.ts), and the costs and returns per £1 spent with their Monte
 * Carlo distribution (economics-tables.ts, bcr-histogram.ts). report-contents.ts adds them to the
 * others; every table and picture comes from results.json alone.
 */
export function designAndEconomicsSections(results: ResultsDocument, settings: ReportSettings): ReportSection[] {
  const { decimals } = settings;
  const sections: ReportSection[] = [];
  const labels = results.labels;
  if (results.design) {
    sections.push({
      id: "design",
      title: "Minimum detectable effects",
      items: [table(mdesTable(results.design, labels, decimals)), table(mdesDetailTable(results.design, labels, decimals, { controlCounts: settings.disclosure?.results ?? false }))],
    });
  }
  const e = results.economics;
  if (e) {
    sections.push({
      id: "economics",
      title: "Costs and returns",
      items: [
        table(returnsTable(e, labels)),
        table(monteCarloTable(e, labels)),
        ...e.populations.flatMap((p) => {
          const label = labels.populations[p.population] ?? p.population;
          // false: report.html keeps a caption under it
          return plot(benefitCostHistogram(p, label, e.currency), `Returns per unit spent: ${label}`, false);
        }),
        table(valuesTable(e, labels)),
      ],
    });
  }
  return sections;
}
