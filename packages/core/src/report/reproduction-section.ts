import type { Reproduction, ReproducedCell, Verdict } from "../reproduce/reproduction.js";
import { cellTexts, summaryText } from "../reproduce/reproduction-text.js";
import { type TableSection, table } from "./report-section.js";
import { type CellTone, type ReportTable, type TableCell, num, text } from "./table-model.js";

/**
 * The report's section on a published table the plan names (`published`, docs/reproduce.md): one
 * row per published cell — where it was typed, what it is, the published text beside the
 * recomputed value, the verdict and the difference — with the published, recomputed and verdict
 * cells coloured by the verdict in report.html (green reproduced, amber within rounding, red not
 * reproduced, grey not found), and the summary under the table. The same cells `trialstat
 * reproduce` prints.
 *
 * @example
 * reproductionSection(run.reproduction!).items[0]; // { kind: "table", table: { id: "reproduction", … } }
 */
const TONES: Readonly<Record<Verdict, CellTone>> = { reproduced: "good", rounding: "near", not_reproduced: "bad", not_found: "missing" };

export function reproductionSection(r: Reproduction): TableSection {
  return {
    id: "reproduction",
    title: "Reproduction of the published table",
    intro: `Each cell of ${r.published}, as printed, beside the value this run recomputed: reproduced when the recomputed value rounds to the printed text, within rounding when it rounds to a neighbour (one off in the last digit), not reproduced otherwise (with the difference, and the difference in standard errors of the effect), not found when the run has no such result.`,
    items: [table(reproductionTable(r))],
  };
}

function reproductionTable(r: Reproduction): ReportTable {
  const subgroups = r.cells.some((c) => c.subgroup !== null);
  return {
    id: "reproduction",
    title: `Published table ${r.published}: printed and recomputed`,
    columns: [
      { header: ["Line"], align: "right" },
      { header: ["Population"], align: "left" },
      { header: ["Outcome"], align: "left" },
      ...(subgroups ? [{ header: ["Subgroup"], align: "left" as const }] : []),
      { header: ["Statistic"], align: "left" },
      { header: ["Published"] },
      { header: ["Recomputed"] },
      { header: ["Verdict"], align: "left" },
      { header: ["Difference"], align: "left" },
    ],
    rows: r.cells.map((c) => {
      const tone = TONES[c.verdict];
      const t = cellTexts(c);
      return {
        cells: [
          num(c.line, t.line),
          text(t.population),
          text(t.outcome),
          ...(subgroups ? [text(t.subgroup)] : []),
          text(t.statistic),
          { text: t.printed, tone },
          { ...recomputedCell(c, t.recomputed), tone },
          { text: t.verdict, tone, strong: c.verdict === "not_reproduced" },
          text(t.difference),
        ],
      };
    }),
    notes: [`${summaryText(r.summary)}.`, "Differences are recomputed − published, in the published unit; SE: standard errors of the effect."],
  };
}

/** The recomputed value as printed (`shown`), with the number behind it for CSV (single values only). */
function recomputedCell(c: ReproducedCell, shown: string): TableCell {
  return typeof c.recomputed === "number" && c.statistic !== "stars" ? num(c.recomputed, shown) : text(shown);
}
