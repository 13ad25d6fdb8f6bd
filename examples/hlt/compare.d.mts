// Types of compare.mjs, for the tests.
export interface ComparisonRow {
  population: string;
  outcome: string;
  role: string;
  unit: string;
  planted: number;
  estimate: number;
  se: number;
  low: number;
  high: number;
  covered: boolean;
  z: number;
}
export function comparison(results: { rows: Record<string, unknown>[] }, truth: { effects: Record<string, Record<string, { effect: number }>> }): ComparisonRow[];
export function comparisonText(rows: ComparisonRow[], labels?: { populations: Record<string, string>; outcomes: Record<string, string> }): string;
