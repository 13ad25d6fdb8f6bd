import { intervalAt, levelKey } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { formatCount } from "./decimals.js";
import { shareCell, unitCell } from "./result-cells.js";
import { OUTCOME_COLUMNS, outcomeCells } from "./beside-itt.js";
import { label } from "./results-tables.js";
import { tableLevel } from "./table-level.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, type TableColumn, slug } from "./table-model.js";

/**
 * Bounds for missing outcomes beside the analysed effect, per population (`bounds` on an outcome):
 * the share of each arm with the outcome, the effect as analysed (weighted for non-response when the
 * outcome is) with its interval, and Lee's and the worst/best-case bounds — the columns of the kinds
 * some outcome asks for — all in the effect's unit. Null when the population has no bounds.
 *
 * @example
 * boundsTable(results, "all", settings)?.columns.at(-1)?.header; // ["Worst/best case", "upper"]
 */
export function boundsTable(results: ResultsDocument, population: string, settings: ReportSettings): ReportTable | null {
  const rows = results.rows.filter((r) => r.population === population && r.analysis === "itt" && r.bounds);
  if (!rows.length) return null;
  const level = tableLevel(results);
  const ci = `${levelKey(level)}% CI`;
  const lee = rows.some((r) => r.bounds!.lee);
  const worst = rows.some((r) => r.bounds!.worst_case);
  const columns: TableColumn[] = [
    ...OUTCOME_COLUMNS,
    { header: ["With outcome", "Control"] },
    { header: ["With outcome", "Treated"] },
    { header: ["Analysed", "Effect"] },
    { header: [`Analysed ${ci}`, "low"] },
    { header: [`Analysed ${ci}`, "high"] },
    ...(lee ? [{ header: ["Lee bounds", "lower"] }, { header: ["Lee bounds", "upper"] }] : []),
    ...(worst ? [{ header: ["Worst/best case", "lower"] }, { header: ["Worst/best case", "upper"] }] : []),
  ];
  const weighted = rows.filter((r) => r.weights).map((r) => `${label(results, "outcomes", r.outcome)} (${r.weights})`);
  return {
    id: `bounds-${slug(population)}`,
    title: `Bounds for missing outcomes: ${label(results, "populations", population)}`,
    columns,
    rows: rows.map((r) => {
      const b = r.bounds!;
      const interval = intervalAt(r.intervals, level);
      return {
        cells: [
          ...outcomeCells(results, r),
          shareCell(b.response_control, settings.decimals),
          shareCell(b.response_treated, settings.decimals),
          unitCell(r, r.estimate, settings.decimals),
          unitCell(r, interval?.low ?? null, settings.decimals),
          unitCell(r, interval?.high ?? null, settings.decimals),
          ...(lee ? [unitCell(r, b.lee?.lower ?? null, settings.decimals), unitCell(r, b.lee?.upper ?? null, settings.decimals)] : []),
          ...(worst ? [unitCell(r, b.worst_case?.lower ?? null, settings.decimals), unitCell(r, b.worst_case?.upper ?? null, settings.decimals)] : []),
        ],
      };
    }),
    notes: [
      `With outcome: share of the population's ${formatCount(rows[0].bounds!.n_control)} control and ${formatCount(rows[0].bounds!.n_treated)} treated participants whose outcome was collected.`,
      `Analysed: the effect as estimated${weighted.length ? `, weighted for survey non-response (${weighted.join(", ")})` : ""}. The bounds use everyone in the population, without weights or covariates, and show how far the effect could move if those without the outcome differed.`,
      ...(lee ? ["Lee bounds (Lee 2009): the effect among those who would give the outcome in either arm, trimming the arm that responds more by the excess share from the top (lower) or the bottom (upper) of its outcomes; they assume the offer moves response in one direction only."] : []),
      ...(worst ? ["Worst/best case (Manski 1990): every missing outcome set to 0 in one arm and 1 in the other, both ways; no assumption about who did not respond."] : []),
    ],
  };
}
