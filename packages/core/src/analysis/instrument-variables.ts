import { TrialstatError, inputError } from "../errors.js";
import { getInstrument } from "../instruments/registry.js";
import { likertInstrument } from "../instruments/likert.js";
import { scoreTable } from "../instruments/score.js";
import type { InstrumentDefinition } from "../instruments/types.js";
import { ENGLAND_2018, parseValueSet } from "../instruments/value-sets.js";
import type { InstrumentDerive, LikertDerive } from "../sap/types.js";
import type { AnalysisFrame, FrameColumn } from "./frame.js";

/**
 * Questionnaire scores for the SAP's derive: entries (docs/sap.md#derive, instruments.md): the
 * items are read from a wide source and scored with the instrument's rules (labels, missing codes
 * and a changed missing-item rule as the plan says); each participant gets the score of their
 * linked record, missing where they have none. `scale` picks a scale other than the primary score
 * (raw, percent, mean, vas, an ONS4 item, …) or `band` for the primary score's band.
 */
export function scoreInstrumentVariable(frame: AnalysisFrame, name: string, spec: InstrumentDerive | LikertDerive): { column: FrameColumn; note: Record<string, number> } {
  const path = `derive.${name}`;
  const S = frame.sources.get(spec.source)!;
  let def: InstrumentDefinition;
  if ("likert" in spec) {
    const l = spec.likert;
    def = likertInstrument(
      { id: name.toLowerCase(), items: spec.items.length, range: l.range, reverse: l.reverse, aggregate: l.aggregate ?? "sum", minAnswered: l.min_answered, prorate: l.prorate },
      { path: `${path}.likert` },
    );
  } else {
    try {
      def = getInstrument(spec.instrument);
    } catch (e) {
      if (e instanceof TrialstatError) throw e.restated(e.message, { path: `${path}.instrument` });
      throw e;
    }
  }
  const valueSet = "instrument" in spec && spec.value_set !== undefined ? loadValueSet(frame, spec.value_set, `${path}.value_set`) : undefined;
  const rule = "missing_rule" in spec && spec.missing_rule ? { maxMissing: spec.missing_rule.max_missing, prorate: spec.missing_rule.prorate } : undefined;
  const result = scoreTable(S.table, def, {
    items: spec.items,
    labels: spec.labels,
    missingCodes: spec.missing_codes?.map(String),
    missingRule: rule,
    missingRuleNames: { maxMissing: `${path}.missing_rule.max_missing`, prorate: `${path}.missing_rule.prorate`, round: `${path}.missing_rule` },
    valueSet,
  });

  const scale = "scale" in spec ? spec.scale : undefined;
  const rowFor = frame.linked.wide.get(spec.source)!;
  const available = [...(result.score ? ["score"] : []), ...(result.band ? ["band"] : []), ...Object.keys(result.extra), ...Object.keys(result.extraBands).map((k) => `${k}_band`)];
  let column: FrameColumn;
  const pick = (values: Float64Array): FrameColumn => ({ kind: "number", values: Float64Array.from(rowFor, (r) => (r < 0 ? NaN : values[r])) });
  const pickText = (values: readonly (string | null)[]): FrameColumn => ({ kind: "text", values: Array.from(rowFor, (r) => (r < 0 ? null : values[r])) });
  if (scale === undefined || scale === "score" || (result.score && def.scales[0]?.name === scale)) {
    if (!result.score) throw inputError(`${def.name} has no total score; say which scale to keep`, { location: { path: `${path}.scale` }, hint: `scales: ${available.join(", ")}` });
    column = pick(result.score);
  } else if (scale === "band" && result.band) {
    column = pickText(result.band);
  } else if (result.extra[scale]) {
    column = pick(result.extra[scale]);
  } else if (scale.endsWith("_band") && result.extraBands[scale.slice(0, -5)]) {
    column = pickText(result.extraBands[scale.slice(0, -5)]);
  } else {
    throw inputError(`${def.name} has no scale "${scale}"`, { location: { path: `${path}.scale` }, hint: `scales: ${available.join(", ")}` });
  }
  let prorated = 0;
  let unscored = 0;
  for (const r of rowFor) {
    if (r < 0) continue;
    if (result.prorated[r]) prorated++;
    if (result.score && Number.isNaN(result.score[r])) unscored++;
  }
  return { column, note: { prorated, too_many_items_missing: unscored } };
}

function loadValueSet(frame: AnalysisFrame, valueSet: string, path: string) {
  if (/^england[-_ ]?2018$/i.test(valueSet)) return ENGLAND_2018;
  if (!frame.readFile) throw inputError(`the value set ${valueSet} cannot be read here`, { location: { path } });
  try {
    return parseValueSet(frame.readFile(valueSet), valueSet);
  } catch (e) {
    if (e instanceof TrialstatError && !e.location?.file) throw e.restated(e.message, { path });
    throw e;
  }
}
