import type { OutputSpec } from "../sap/types.js";
import { levelKey } from "../stats/confidence-level.js";

/**
 * Significance stars for report tables, as the SAP sets them (`output.stars`): up to three p-value
 * thresholds, largest first, for *, ** and *** (default 0.10, 0.05, 0.01 — significant at 90%, 95%,
 * 99% confidence, two-sided, unadjusted), or `false` for none. The legend states the levels, and is
 * printed under every table that shows stars. See docs/sap.md#output.
 *
 * @example
 * const s = resolveStars([0.05, 0.01]);
 * s.of(0.03);  // "*"
 * s.legend;    // "* p < 0.05, ** p < 0.01 (two-sided, unadjusted)"
 * resolveStars(false).of(0.001); // ""
 */
export interface Stars {
  /** The thresholds, largest first; empty when stars are off. */
  thresholds: number[];
  of(p: number | null | undefined): string;
  /** The legend, or "" when stars are off. */
  legend: string;
}

export const DEFAULT_STAR_THRESHOLDS: readonly number[] = [0.1, 0.05, 0.01];

export function resolveStars(spec: OutputSpec["stars"]): Stars {
  const thresholds = spec === false ? [] : [...(spec ?? DEFAULT_STAR_THRESHOLDS)].sort((a, b) => b - a);
  const of = (p: number | null | undefined) => {
    if (p === null || p === undefined || Number.isNaN(p)) return "";
    let k = 0;
    for (const t of thresholds) if (p < t) k++;
    return "*".repeat(k);
  };
  const legend = thresholds.length
    ? `${thresholds.map((t, k) => `${"*".repeat(k + 1)} p < ${t}`).join(", ")} (${thresholds.map((t) => `${confidence(t)}%`).join(", ")} confidence; two-sided, unadjusted)`
    : "";
  return { thresholds, of, legend };
}

function confidence(threshold: number): string {
  return levelKey(1 - threshold);
}
