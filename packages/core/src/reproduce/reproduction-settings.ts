import { TrialstatError, inputError, quoteValue } from "../errors.js";
import { levelLabel } from "../stats/confidence-level.js";
import type { PublishedTable } from "./published-table.js";
import { DEFAULT_STARS, type StarConvention, sameStars, starConvention, starConventionText } from "./star-convention.js";

/**
 * How a published table was printed, from what the file states (`# stars:`, `# confidence:`) and
 * what the SAP's `published` section states (docs/sap.md#published): the star convention (default
 * `*` p < 0.10, `**` p < 0.05, `***` p < 0.01, as trialstat and UK trial reports print) and the
 * confidence level of its intervals (default: the level the report's tables show — 95% when the
 * plan has it, else its highest). When both state one they must agree; every mark typed in the
 * file must be one of the convention's.
 *
 * @example
 * reproductionSettings(table, { stars: { "*": 0.05, "**": 0.01, "***": 0.001 } }).stars; // medical-journal marks
 */
export interface ReproductionSettings {
  stars: StarConvention;
  /** The confidence level of printed intervals; null: the level the report's tables show. */
  confidence: number | null;
}

/** What a SAP's `published` section states besides its file. */
export interface StatedPrinting {
  stars?: Record<string, number>;
  confidence?: number;
}

export function reproductionSettings(table: PublishedTable, sap: StatedPrinting = {}, sapFile = "the SAP"): ReproductionSettings {
  let fromSap: StarConvention | undefined;
  if (sap.stars) {
    try {
      fromSap = starConvention(sap.stars);
    } catch (e) {
      if (e instanceof TrialstatError) throw e.restated(e.message, { file: sapFile, path: "published.stars" });
      throw e;
    }
  }
  const at = (line: number) => ({ file: table.file, line });
  if (fromSap && table.stars && !sameStars(fromSap, table.stars.convention)) {
    throw inputError(`the file states the stars ${starConventionText(table.stars.convention)}, but ${sapFile}'s published.stars says ${starConventionText(fromSap)}`, {
      location: at(table.stars.line),
      hint: "state the convention in one place, or make the two agree",
    });
  }
  if (sap.confidence !== undefined && table.confidence && sap.confidence !== table.confidence.level) {
    throw inputError(`the file states ${levelLabel(table.confidence.level)} intervals, but ${sapFile}'s published.confidence says ${levelLabel(sap.confidence)}`, {
      location: at(table.confidence.line),
      hint: "state the level in one place, or make the two agree",
    });
  }
  const stars = table.stars?.convention ?? fromSap ?? DEFAULT_STARS;
  for (const cell of table.cells) {
    const value = cell.value;
    if (value.kind === "stars" && value.stars !== "" && !stars.marks.some((m) => m.symbol === value.stars)) {
      throw inputError(`${quoteValue(cell.printed)} is not a mark of the star convention (${starConventionText(stars)})`, {
        location: { ...at(cell.line), column: "printed" },
        hint: "type the marks as printed, and state the table's convention in a line # stars: * 0.10, ** 0.05, *** 0.01",
      });
    }
  }
  return { stars, confidence: table.confidence?.level ?? sap.confidence ?? null };
}
