/**
 * A confidence level as a percentage, the way every table, label and results.json key names it:
 * written with as many digits as the level needs, so that distinct levels get distinct names:
 * 0.95 → "95", 0.9 → "90", 0.999 → "99.9", 0.9995 → "99.95", 0.99951 → "99.951", 0.999999 → "99.9999".
 *
 * The digits are the level's own (its shortest decimal, moved two places), not those of level × 100,
 * whose rounding error would show (0.07 × 100 is 7.000000000000001). A level computed by arithmetic
 * (1 − 0.062, the signed-rank interval's achieved level) carries such an error too, so the level is
 * read to 15 significant digits first — unless that reaches 100 (or 0): a level is never named a
 * "100%" interval, however many nines it has. Two levels closer than 15 digits can tell apart do get
 * one name; a plan that asks for both is refused (sap/confidence-levels.ts).
 *
 * @example
 * levelKey(0.95);     // "95"
 * levelKey(0.99951);  // "99.951"
 * levelLabel(0.999);  // "99.9%"
 */
export function levelKey(level: number): string {
  const read = Number(level.toPrecision(15));
  return shiftPoint(read > 0 && read < 1 ? read : level, 2);
}

/** The level as a number of percent: 0.95 → 95, 0.9995 → 99.95 (the number levelKey writes). */
export function levelPercent(level: number): number {
  return Number(levelKey(level));
}

/** The level as a label: "95%". */
export function levelLabel(level: number): string {
  return `${levelKey(level)}%`;
}

/** The level a results.json key names: "99.9" → 0.999 (exactly the number written 0.999, not 99.9 / 100). */
export function levelFromKey(key: string): number {
  return Number(shiftPoint(Number(key), -2));
}

/** x's shortest decimal with its point moved `places` to the right (left when negative), as plain digits: no exponent. */
function shiftPoint(x: number, places: number): string {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return String(x * 10 ** places); // negative or not finite: never a level
  const digits = m[1] + (m[2] ?? "");
  const point = m[1].length + Number(m[3] ?? 0) + places; // digits before the point
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : point >= digits.length ? digits + "0".repeat(point - digits.length) : digits;
  const at = Math.max(point, 1);
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, "");
  const fraction = padded.slice(at).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}
