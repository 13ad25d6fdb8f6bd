/**
 * The built-in instruments, looked up by id.
 */
import { inputError } from "../errors.js";
import { eq5d5l } from "./eq5d5l.js";
import { gad7 } from "./gad7.js";
import { gse } from "./gse.js";
import { ips25 } from "./ips25.js";
import { jsse } from "./jsse.js";
import { ons4 } from "./ons4.js";
import { phq8 } from "./phq8.js";
import { phq9 } from "./phq9.js";
import { swemwbs } from "./swemwbs.js";
import type { Band, InstrumentDefinition, MissingRule } from "./types.js";
import { who5 } from "./who5.js";

const BUILT_IN: readonly InstrumentDefinition[] = [phq9, phq8, gad7, swemwbs, jsse, who5, eq5d5l, gse, ons4, ips25];

/** The built-in instruments, in a fixed order. */
export function listInstruments(): readonly InstrumentDefinition[] {
  return BUILT_IN;
}

/** "PHQ-9", "phq_9" and "phq9" all name phq9: ids are matched ignoring case, "-", "_" and spaces. */
function simplify(id: string): string {
  return id.toLowerCase().replace(/[-_\s]/g, "");
}

/**
 * The built-in instrument with this id; an input error listing the ids that exist if there is none.
 *
 * @example getInstrument("PHQ-9").id // "phq9"
 */
export function getInstrument(id: string): InstrumentDefinition {
  const key = simplify(id);
  const found = BUILT_IN.find((d) => d.id === key);
  if (found) return found;
  const near = BUILT_IN.filter((d) => key.length >= 2 && (d.id.startsWith(key) || key.startsWith(d.id.slice(0, 3))));
  throw inputError(`unknown instrument "${id}"`, {
    hint: `instruments: ${BUILT_IN.map((d) => d.id).join(", ")}${near.length ? ` (did you mean ${near.map((d) => d.id).join(" or ")}?)` : ""}; for another scale, define a Likert scale`,
  });
}

/** True when the id names a built-in instrument. */
export function isBuiltInInstrument(id: string): boolean {
  return BUILT_IN.some((d) => d.id === simplify(id));
}

function range(r: readonly [number, number]): string {
  return r[0] < 0 ? `${r[0]} to ${r[1]}` : `${r[0]}-${r[1]}`;
}

function bandsText(bands: readonly Band[]): string {
  return bands.map((b) => `${b.min === b.max ? b.min : `${b.min}-${b.max}`} ${b.label}`).join(", ");
}

/** "none allowed", or "up to 2: prorated (mean of answered x 9, rounded half up); more: no score". */
export function missingRuleText(def: InstrumentDefinition, rule: MissingRule | undefined = def.missingRule): string {
  if (!rule) return "each item on its own";
  if (rule.maxMissing === 0) return "none allowed (any missing item: no score)";
  const k = def.items.filter((i) => i.scored).length;
  const aggregate = def.aggregate === "mean" ? "mean of the answered items" : `mean of answered x ${k}${rule.round === "half-up" ? ", rounded half up" : ", not rounded"}`;
  return `up to ${rule.maxMissing}: prorated (${aggregate}); more: no score`;
}

/**
 * Lines describing an instrument: items, values, scales, bands, missing-item rule, source
 * (what `trialstat score --list` prints).
 */
export function describeInstrument(def: InstrumentDefinition): string[] {
  const scored = def.items.filter((i) => i.scored);
  const others = def.items.filter((i) => !i.scored);
  const ranges = [...new Set(scored.map((i) => range(i.range)))].join(", ");
  const columns = scored.length > 1 ? `${def.id}_${scored[0].code}..${def.id}_${scored[scored.length - 1].code}` : `${def.id}_${scored[0].code}`;
  const lines = [`${def.id}  ${def.name}`];
  const named = scored.some((i) => !/^\d+$/.test(i.code)) ? ` (${scored.map((i) => `${i.code} = ${i.description}`).join(", ")})` : "";
  lines.push(`  items: ${scored.length}${named}, values ${ranges}; default columns ${columns}`);
  for (const o of others) lines.push(`  also: ${def.id}_${o.code}, ${o.description}, values ${range(o.range)}${o.optional ? ", optional" : ""}`);
  lines.push(`  scoring: ${def.scoring}`);
  for (const s of def.scales) {
    const column = s.name === "score" ? `${def.id}_score` : `${def.id}_${s.name}`;
    lines.push(`  ${column} (${range(s.range)}): ${s.description}${s.bands ? `; bands ${bandsText(s.bands)}` : ""}`);
  }
  lines.push(`  missing items: ${missingRuleText(def)} [${def.missingRuleSource}]`);
  lines.push(`  source: ${def.source}`);
  if (def.notice) lines.push(`  notice: ${def.notice}`);
  return lines;
}
