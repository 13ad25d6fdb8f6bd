import type { ResultsDocument } from "../analysis/results.js";
import { OUTCOME_COLUMNS, ittEffectCell, outcomeCells } from "./beside-itt.js";
import { effectCells, effectColumns, label, starsAndSeNote } from "./results-tables.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, slug } from "./table-model.js";

/**
 * Lin's (2013) adjustment beside the ITT, per population (`lin` in the plan): each outcome's ITT
 * effect and, next to it, the effect with the covariates centred and interacted with the arm — its
 * significance, SE, interval and p. Null when the population has no Lin estimates.
 *
 * @example
 * linTable(results, "all", settings)?.columns.map((c) => c.header.join(" "));
 * // [" Outcome", " Unit", "ITT Effect", "Lin (2013) Effect", " Sig.", …]
 */
export function linTable(results: ResultsDocument, population: string, settings: ReportSettings): ReportTable | null {
  const rows = results.rows.filter((r) => r.population === population && r.analysis === "lin");
  if (!rows.length) return null;
  return {
    id: `lin-${slug(population)}`,
    title: `Lin's adjustment: ${label(results, "populations", population)}`,
    columns: [
      ...OUTCOME_COLUMNS,
      { header: ["ITT", "Effect"] },
      ...effectColumns(results, settings.stars, "Lin (2013)"),
    ],
    rows: rows.map((r) => ({ cells: [...outcomeCells(results, r), ittEffectCell(results, r, settings.decimals), ...effectCells(results, r, settings.decimals, settings.stars)] })),
    notes: [
      "Lin (2013): the ITT model with every covariate and stratum centred at its mean over the participants analysed (weighted when the analysis is) and interacted with the arm (estimatr::lm_lin); the effect is the average treatment effect over their covariates, robust to a misspecified model.",
      starsAndSeNote(settings.stars, rows[0].se_type),
    ],
  };
}
