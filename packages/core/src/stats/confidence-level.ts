/**
 * A confidence level as a percentage to one decimal, the way every table, label and results.json
 * key names it: 0.95 → 95, 0.9 → 90, 0.999 → 99.9 (rounded, so that 0.95 read from text is 95).
 *
 * @example
 * levelPercent(0.95); // 95
 * levelLabel(0.999);  // "99.9%"
 */
export function levelPercent(level: number): number {
  return Math.round(level * 1000) / 10;
}

/** The level as a label: "95%". */
export function levelLabel(level: number): string {
  return `${levelPercent(level)}%`;
}
