import { formatFixed } from "../report/decimals.js";
import { levelKey } from "../analysis/effect-row.js";
import { alignColumns } from "../report/format-number.js";
import type { ReproducedCell, Reproduction, ReproductionSummary, Verdict } from "./reproduction.js";

/**
 * A reproduction (reproduction.ts) for people: one line per published cell — where it was typed,
 * what it is, the printed and recomputed text, the verdict, and the difference (in the printed
 * unit and in standard errors) or why it was not found — then the summary line. `trialstat
 * reproduce` prints it; the report's section (report/reproduction-section.ts) shows the same cells.
 *
 * @example
 * reproductionText(r);
 * // line  population  outcome      statistic  printed  recomputed  verdict          difference
 * //    2  wmca        employed13w  estimate   3.4ppt   3.480ppt    within rounding  +0.080 (+0.06 SE)
 * // 1 cell: 0 reproduced, 1 within rounding, 0 not reproduced, 0 not found (…)
 */
export const VERDICT_WORDS: Readonly<Record<Verdict, string>> = { reproduced: "reproduced", rounding: "within rounding", not_reproduced: "not reproduced", not_found: "not found" };

export function reproductionText(r: Reproduction): string {
  const subgroups = r.cells.some((c) => c.subgroup !== null);
  const header = ["line", "population", "outcome", ...(subgroups ? ["subgroup"] : []), "statistic", "printed", "recomputed", "verdict", "difference"];
  const rows = r.cells.map((c) => {
    const t = cellTexts(c);
    return [t.line, t.population, t.outcome, ...(subgroups ? [t.subgroup] : []), t.statistic, t.printed, t.recomputed, t.verdict, t.difference];
  });
  const lines = alignColumns([header, ...rows], 2, header.map((_, j) => (j === 0 ? "right" : "left")));
  return `${lines.join("\n")}\n${summaryText(r.summary)}\n`;
}

/**
 * The texts of one published cell's line, as `trialstat reproduce` prints them and the report's
 * section shows them: the printed text ("(none)" when blank), the recomputed text, the verdict in
 * words, the difference or the note; the subgroup's "name: level" ("" for none).
 */
export function cellTexts(c: ReproducedCell): Record<"line" | "population" | "outcome" | "subgroup" | "statistic" | "printed" | "recomputed" | "verdict" | "difference", string> {
  return {
    line: String(c.line),
    population: c.population,
    outcome: c.outcome,
    subgroup: subgroupText(c),
    statistic: c.statistic,
    printed: c.printed === "" ? "(none)" : c.printed,
    recomputed: c.recomputed_text ?? "",
    verdict: VERDICT_WORDS[c.verdict],
    difference: differenceText(c),
  };
}

function subgroupText(c: Pick<ReproducedCell, "subgroup" | "level">): string {
  return c.subgroup === null ? "" : `${c.subgroup}: ${c.level}`;
}

/** "+0.080 (+0.06 SE)", both ends of an interval, or the note of a cell not found. */
function differenceText(c: ReproducedCell): string {
  if (c.verdict === "not_found" || c.statistic === "stars") return c.note ?? "";
  if (c.difference === null) return "";
  const places = c.statistic === "n_control" || c.statistic === "n_treated" ? 0 : decimalsOf(c.printed);
  const diff = Array.isArray(c.difference) ? c.difference.map((d) => signed(d, places)).join(" to ") : signed(c.difference, places);
  const se = c.difference_se;
  if (se === null) return diff;
  return `${diff} (${Array.isArray(se) ? se.map((s) => signed(s, 2)).join(" to ") : signed(se, 2)} SE)`;
}

/** "28 cells: 26 reproduced, 1 within rounding, 1 not reproduced, 0 not found (stars: …; 95% intervals)". */
export function summaryText(s: ReproductionSummary): string {
  const counts = (["reproduced", "rounding", "not_reproduced", "not_found"] as const).map((v) => `${s[v]} ${VERDICT_WORDS[v]}`);
  return `${s.cells} cell${s.cells === 1 ? "" : "s"}: ${counts.join(", ")} (stars ${s.stars}; ${levelKey(s.confidence)}% intervals)`;
}

/** Two places more than the printed text's last (at least 2): the difference is finer than the rounding. */
function decimalsOf(printed: string): number {
  const fraction = /\.(\d+)/.exec(printed);
  return Math.min(10, (fraction ? fraction[1].length : 0) + 2);
}

function signed(x: number, places: number): string {
  const s = formatFixed(x, places);
  return s.startsWith("−") || /^0(\.0*)?$/.test(s) ? s : `+${s}`;
}
