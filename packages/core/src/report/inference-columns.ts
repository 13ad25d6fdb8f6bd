import type { EffectRow } from "../analysis/effect-row.js";
import { levelKey } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import type { Decimals } from "./decimals.js";
import { formatCount, formatP } from "./decimals.js";
import { type ReportTable, text } from "./table-model.js";
import { pCell, unitCell } from "./result-cells.js";

/**
 * The columns an ITT results table gains when the plan asks for more inference about its effects:
 * the randomisation-inference p-value (`inference.randomisation`), and the bootstrap's p-value and
 * interval (`inference.bootstrap`), in the effect's unit — each only when some row of the table has
 * it, with a note saying how it was computed. `rows` are the result rows behind the table's rows, in
 * order (null behind a section row, which is left as it is).
 *
 * @example
 * withInferenceColumns(results, rows, decimals, table).columns.at(-1)?.header; // ["Bootstrap 95% CI", "high"]
 */
export function withInferenceColumns(results: ResultsDocument, behind: readonly (EffectRow | null)[], decimals: Decimals, table: ReportTable): ReportTable {
  const rows = behind.filter((r): r is EffectRow => r !== null);
  const ri = rows.find((r) => r.randomisation)?.randomisation;
  const boot = rows.find((r) => r.bootstrap)?.bootstrap;
  if (!ri && !boot) return table;
  const columns = [...table.columns];
  const notes = [...table.notes];
  if (ri) {
    columns.push({ header: ["Randomisation", "p"] });
    const exact = rows.filter((r) => r.randomisation?.exact);
    notes.push(
      `Randomisation p: the share of re-randomised assignments (within ${ri.within === "none" ? "the population" : ri.within}; the observed one included) whose effect is at least as far from zero as the observed one, over ${formatCount(ri.draws)} assignments drawn at random (seed ${results.settings.randomisation?.seed ?? ri.seed}, each estimate with its own stream)${exact.length ? `, or every assignment when the design allows no more (${exact.map((r) => r.outcome).join(", ")})` : ""}.`,
    );
  }
  if (boot) {
    const ci = `Bootstrap ${levelKey(boot.conf_level)}% CI`;
    columns.push({ header: ["Bootstrap", "p"] }, { header: [ci, "low"] }, { header: [ci, "high"] });
    const how = boot.type === "wild" ? `wild cluster bootstrap (${boot.weights} weights, null imposed), interval by test inversion` : `${boot.type} bootstrap${boot.within ? " within arms" : ""}, studentised (bootstrap-t) interval`;
    notes.push(`Bootstrap: ${how}; ${formatCount(boot.draws)} draws (seed ${results.settings.bootstrap?.seed ?? boot.seed}, each estimate with its own stream); p symmetric bootstrap-t. Interval in the unit shown.`);
  }
  const body = table.rows.map((row, k) => {
    const r = behind[k];
    if (r === null || row.kind === "section") return row;
    const cells = [...row.cells];
    if (ri) cells.push(r.randomisation ? pCell(r.randomisation.p_value, decimals) : pCell(null, decimals));
    if (boot) {
      const b = r.bootstrap;
      // no draw as extreme as the estimate: p is below 1/draws, not 0
      const p = b?.p_value === 0 ? text(`<${formatP(1 / b.draws, decimals.p)}`) : pCell(b?.p_value ?? null, decimals);
      cells.push(p, unitCell(r, b?.conf_low ?? null, decimals), unitCell(r, b?.conf_high ?? null, decimals));
    }
    return { ...row, cells };
  });
  return { ...table, columns, rows: body, notes };
}
