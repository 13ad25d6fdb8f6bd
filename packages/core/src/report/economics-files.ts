import type { EconomicsResults } from "../analysis/economics.js";
import type { ResultsDocument } from "../analysis/results.js";
import { version } from "../version.js";
import { benefitCostHistogram } from "./bcr-histogram.js";
import { monteCarloTable, returnsTable, valuesTable } from "./economics-tables.js";
import { markdownText } from "./markdown.js";
import { svgId } from "./svg.js";
import { tableCsv, tableMarkdown } from "./table-formats.js";

/**
 * The files `trialstat cba --out DIR` writes, by path: `economics.json` (the analysis, with the
 * files it came from and their sha256, so that it can be traced and repeated), `economics.md` (the
 * tables of economics-tables.ts and the pictures), `tables/<id>.csv` and `plots/returns-<population>.svg`.
 *
 * @example
 * Object.keys(economicsFiles(e, results.labels, inputs)); // ["economics.json", "economics.md", "tables/economics-returns.csv", …, "plots/returns-scr-iw.svg"]
 */
export interface EconomicsInputs {
  results: { file: string; sha256: string };
  economics: { file: string; sha256: string };
}

export function economicsFiles(e: EconomicsResults, labels: ResultsDocument["labels"], inputs: EconomicsInputs): Record<string, string> {
  const tables = [returnsTable(e, labels), monteCarloTable(e, labels), valuesTable(e, labels)];
  const plots = e.populations.flatMap((p) => {
    const svg = benefitCostHistogram(p, labels.populations[p.population] ?? p.population, e.currency);
    return svg ? [{ id: svgId(svg), population: p.population, svg }] : [];
  });
  const markdown = [
    "# Benefit–cost analysis",
    "",
    markdownText(`From ${inputs.results.file} (sha256 ${inputs.results.sha256}) and ${inputs.economics.file} (sha256 ${inputs.economics.sha256}); trialstat ${version}.`),
    "",
    ...tables.flatMap((t) => [`## ${markdownText(t.title)}`, "", tableMarkdown(t)]),
    ...plots.flatMap((p) => [`![Returns per unit spent: ${markdownText(labels.populations[p.population] ?? p.population)}](plots/${p.id}.svg)`, ""]),
  ];
  return {
    "economics.json": `${JSON.stringify({ trialstat_version: version, inputs, ...e }, null, 2)}\n`,
    "economics.md": `${markdown.join("\n")}\n`,
    ...Object.fromEntries(tables.map((t) => [`tables/${t.id}.csv`, tableCsv(t)])),
    ...Object.fromEntries(plots.map((p) => [`plots/${p.id}.svg`, `${p.svg}\n`])),
  };
}
