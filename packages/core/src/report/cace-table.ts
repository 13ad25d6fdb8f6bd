import type { ResultsDocument } from "../analysis/results.js";
import { WEAK_INSTRUMENT_F } from "../stats/fit-estimator.js";
import { OUTCOME_COLUMNS, ittEffectCell, outcomeCells } from "./beside-itt.js";
import { formatFixed, roundTo } from "./decimals.js";
import { shareCell } from "./result-cells.js";
import { effectCells, effectColumns, label, starsAndSeNote } from "./results-tables.js";
import type { ReportSettings } from "./settings.js";
import { type ReportTable, num, slug, text } from "./table-model.js";

/**
 * The complier average causal effect beside the ITT, per population (`take_up` in the plan): for
 * each outcome the take-up of the service in each arm, the ITT effect, the CACE (two-stage least
 * squares, the arm instrumenting take-up) with its significance, SE, interval and p, and the
 * first-stage F; a first stage with F below 10 is named in a note as a weak instrument. Null when
 * the population has no CACE estimates.
 *
 * @example
 * caceTable(results, "all", settings)?.notes[0]; // "CACE: the effect of taking up the service …"
 */
export function caceTable(results: ResultsDocument, population: string, settings: ReportSettings): ReportTable | null {
  const rows = results.rows.filter((r) => r.population === population && r.analysis === "cace" && r.complier);
  if (!rows.length) return null;
  const takeUp = results.settings.take_up?.label ?? rows[0].complier!.take_up;
  const weak = rows.filter((r) => r.complier!.first_stage_f === null || r.complier!.first_stage_f < WEAK_INSTRUMENT_F);
  return {
    id: `cace-${slug(population)}`,
    title: `Complier average causal effects: ${label(results, "populations", population)}`,
    columns: [
      ...OUTCOME_COLUMNS,
      { header: ["Take-up", "Control"] },
      { header: ["Take-up", "Treated"] },
      { header: ["ITT", "Effect"] },
      ...effectColumns(results, settings.stars, "CACE"),
      { header: ["First stage", "F"] },
    ],
    rows: rows.map((r) => {
      const c = r.complier!;
      return {
        cells: [
          ...outcomeCells(results, r),
          shareCell(c.take_up_control, settings.decimals),
          shareCell(c.take_up_treated, settings.decimals),
          ittEffectCell(results, r, settings.decimals),
          ...effectCells(results, r, settings.decimals, settings.stars),
          c.first_stage_f === null ? text("") : num(roundTo(c.first_stage_f, 1), formatFixed(c.first_stage_f, 1)),
        ],
      };
    }),
    notes: [
      `CACE: the effect of taking up the service (${takeUp}) among those who take it up because they were offered it — two-stage least squares with the randomised arm as the instrument for take-up and the ITT model's covariates (estimatr::iv_robust), about the ITT effect divided by the difference in take-up between the arms. It assumes the offer affects the outcome only through take-up.`,
      `Take-up: share of the participants analysed who took it up, in each arm. First stage F: the test that the arm moves take-up (below ${WEAK_INSTRUMENT_F} is a weak instrument).`,
      ...weak.map((r) =>
        r.complier!.first_stage_f === null
          ? `Weak instrument: the first-stage F for ${label(results, "outcomes", r.outcome)} cannot be computed.`
          : `Weak instrument: the first-stage F for ${label(results, "outcomes", r.outcome)} is ${formatFixed(r.complier!.first_stage_f, 1)}, below ${WEAK_INSTRUMENT_F}: its CACE is biased toward OLS and its test and interval are unreliable.`,
      ),
      starsAndSeNote(settings.stars, rows[0].se_type),
    ],
  };
}
