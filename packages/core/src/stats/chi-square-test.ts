import { chiSquareUpperTail } from "./distributions/chi-square.js";

/**
 * Pearson's chi-square test of independence for an r × c table of counts, without continuity
 * correction (R: `chisq.test(x, correct = FALSE)`). Rows or columns with no counts are dropped
 * first (they carry no information and would make expected counts zero); a table left with fewer
 * than two rows or columns has no test (p NaN). Also returns how many expected counts are below 5,
 * the usual warning sign that the χ² approximation is poor.
 *
 * @example
 * pearsonChiSquare([[10, 20], [30, 40]]); // { statistic: 0.7937…, df: 1, p: 0.3729…, smallExpected: 0 }
 */
export interface ChiSquareTest {
  statistic: number;
  df: number;
  p: number;
  smallExpected: number;
}

export function pearsonChiSquare(counts: readonly (readonly number[])[]): ChiSquareTest {
  const rowSums = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const keepRows = counts.map((_, i) => i).filter((i) => rowSums[i] > 0);
  const c = counts[0]?.length ?? 0;
  const colSums = Array.from({ length: c }, (_, j) => keepRows.reduce((a, i) => a + counts[i][j], 0));
  const keepCols = colSums.map((_, j) => j).filter((j) => colSums[j] > 0);
  const total = keepRows.reduce((a, i) => a + rowSums[i], 0);
  const df = (keepRows.length - 1) * (keepCols.length - 1);
  if (df < 1) return { statistic: NaN, df: 0, p: NaN, smallExpected: 0 };
  let statistic = 0;
  let smallExpected = 0;
  for (const i of keepRows) {
    for (const j of keepCols) {
      const expected = (rowSums[i] * colSums[j]) / total;
      if (expected < 5) smallExpected++;
      statistic += (counts[i][j] - expected) ** 2 / expected;
    }
  }
  return { statistic, df, p: chiSquareUpperTail(statistic, df), smallExpected };
}
