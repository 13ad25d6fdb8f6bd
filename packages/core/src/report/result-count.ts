import type { ResultsDocument } from "../analysis/results.js";

/**
 * How many results a run has, in words, for the line that follows a run ("50 estimates written to
 * out/", "Done in 1.2 s: 50 estimates."). A trial's results are its effect rows; a single-arm
 * evaluation has none, so its typed rows are counted instead (changes, rates, counts, means and
 * Talking Therapies outcomes, each by population and site; the flow's stages are counts of people,
 * not results).
 *
 * @example
 * resultCountText(run.results); // "50 estimates", or "12 result rows (by population and site)"
 */
export function resultCountText(results: ResultsDocument): string {
  const single = results.single_arm;
  if (single) {
    const n = single.changes.length + single.rates.length + single.counts.length + single.means.length + single.talking_therapies.length;
    return `${n} result row${n === 1 ? "" : "s"} (by population and site)`;
  }
  const n = results.rows.length;
  return `${n} estimate${n === 1 ? "" : "s"}`;
}
