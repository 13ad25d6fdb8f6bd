import type { EffectRow } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { type Decimals, formatFixed, roundTo } from "./decimals.js";
import { unitDecimals } from "./headline.js";
import { label, unitName } from "./results-tables.js";
import { type TableCell, type TableColumn, num, text } from "./table-model.js";

/**
 * What the tables of the analyses beside the ITT (Lin, CACE, bounds) share: the outcome and unit
 * that start each row, and the outcome's ITT effect to read the other estimate against.
 *
 * @example
 * [...outcomeCells(results, row), ittEffectCell(results, row, decimals)]; // Employment | ppt | 3.4
 */
export const OUTCOME_COLUMNS: readonly TableColumn[] = [{ header: ["", "Outcome"] }, { header: ["", "Unit"], align: "left" }];

export function outcomeCells(results: ResultsDocument, r: EffectRow): TableCell[] {
  return [text(label(results, "outcomes", r.outcome)), text(unitName(r.effect_unit))];
}

/** The overall ITT row of a row's population and outcome. */
function ittRow(results: ResultsDocument, r: EffectRow): EffectRow | undefined {
  return results.rows.find((x) => x.analysis === "itt" && x.subgroup === null && x.population === r.population && x.outcome === r.outcome);
}

/** The ITT effect of a row's population and outcome, in its unit. */
export function ittEffectCell(results: ResultsDocument, r: EffectRow, decimals: Decimals): TableCell {
  const itt = ittRow(results, r);
  if (!itt) return text("");
  const d = unitDecimals(r.effect_unit, decimals);
  return num(roundTo(itt.effect, d), formatFixed(itt.effect, d));
}
