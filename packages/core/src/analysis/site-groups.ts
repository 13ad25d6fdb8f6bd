import type { AnalysisFrame } from "./frame.js";
import { MISSING_SITE } from "./single-arm-rows.js";

/**
 * The sites of a single-arm evaluation (evaluation.site): each frame row's site, and the sites in
 * the order tables list them — numbers in numeric order, text in code-point order (the same on
 * every machine), and "(missing)" last for people whose site is not recorded, so that they are
 * counted at a site of their own rather than dropped. Without a site variable there are no sites,
 * and every summary is of everyone.
 *
 * @example
 * const sites = siteGroups(frame, "site");   // levels ["Site A", "Site B", "Site C", "Site D"]
 * bySite(sites, members);                    // [{ site: "Site A", rows }, …, { site: null, rows: members }]
 */
export interface SiteGroups {
  variable: string | null;
  levels: string[];
  /** Each frame row's index into levels (−1 without sites). */
  codeOf: Int32Array;
}

export function siteGroups(frame: AnalysisFrame, variable: string | undefined): SiteGroups {
  const codeOf = new Int32Array(frame.n).fill(-1);
  if (variable === undefined) return { variable: null, levels: [], codeOf };
  const column = frame.get(variable, "evaluation.site");
  const names: string[] = new Array(frame.n);
  if (column.kind === "number") {
    const present = [...new Set(column.values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    for (let i = 0; i < frame.n; i++) names[i] = Number.isNaN(column.values[i]) ? MISSING_SITE : String(column.values[i]);
    return code(names, [...present.map(String), ...(names.includes(MISSING_SITE) ? [MISSING_SITE] : [])], variable, codeOf);
  }
  for (let i = 0; i < frame.n; i++) names[i] = column.values[i] ?? MISSING_SITE;
  const present = [...new Set(column.values)].filter((v): v is string => v !== null).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return code(names, [...present, ...(column.values.includes(null) ? [MISSING_SITE] : [])], variable, codeOf);
}

function code(names: readonly string[], levels: string[], variable: string, codeOf: Int32Array): SiteGroups {
  const index = new Map(levels.map((l, k) => [l, k]));
  for (let i = 0; i < names.length; i++) codeOf[i] = index.get(names[i])!;
  return { variable, levels, codeOf };
}

/** Some frame rows split by site, in the sites' order, then all of them together (site null). */
export function bySite(sites: SiteGroups, rows: Int32Array): { site: string | null; rows: Int32Array }[] {
  const buckets: number[][] = sites.levels.map(() => []);
  for (const i of rows) if (sites.codeOf[i] >= 0) buckets[sites.codeOf[i]].push(i);
  return [...sites.levels.map((site, k) => ({ site, rows: Int32Array.from(buckets[k]) })), { site: null, rows }];
}
