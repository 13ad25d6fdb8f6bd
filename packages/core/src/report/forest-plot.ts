import { type EffectRow, intervalAt, levelKey } from "../analysis/effect-row.js";
import type { ResultsDocument } from "../analysis/results.js";
import { DEFAULT_DECIMALS, type Decimals, formatFixed, formatP } from "./decimals.js";
import { formatEffect, unitDecimals } from "./headline.js";
import { label, tableLevel, unitName } from "./results-tables.js";
import { COLOURS, niceTicks, px, svgDocument, svgLine, svgText, textWidth } from "./svg.js";
import { slug } from "./table-model.js";

/**
 * Forest plots (SVG): effects with their confidence intervals (95% when the plan has it) against a
 * line at no effect, the estimate and interval printed on the right.
 *
 * - `subgroupForest`: one outcome in one population — the overall effect (a diamond), then each
 *   subgroup with its interaction p-value and the effect in each level (squares);
 * - `populationForest`: one outcome's overall effect in every population.
 */
export interface ForestRow {
  label: string;
  kind: "heading" | "overall" | "level";
  estimate?: number;
  low?: number;
  high?: number;
  right?: string;
}

export function forestPlot(o: { id: string; title: string; description: string; axis: string; rows: ForestRow[]; note?: string }): string {
  const rowHeight = 24;
  const top = 48;
  const labelWidth = Math.max(120, ...o.rows.map((r) => textWidth(r.label, 13) + (r.kind === "level" ? 16 : 0))) + 16;
  const plotWidth = 320;
  const rightWidth = Math.max(140, ...o.rows.map((r) => textWidth(r.right ?? "", 13))) + 16;
  const width = labelWidth + plotWidth + rightWidth + 16;
  const bottom = top + o.rows.length * rowHeight;
  const height = bottom + 56 + (o.note ? 20 : 0);
  const values = o.rows.flatMap((r) => [r.low, r.high, r.estimate]).filter((v): v is number => v !== undefined && Number.isFinite(v));
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  const ticks = niceTicks(lo - pad, hi + pad, 5);
  lo = Math.min(lo - pad, ticks[0]);
  hi = Math.max(hi + pad, ticks[ticks.length - 1]);
  const x = (v: number) => labelWidth + ((v - lo) / (hi - lo)) * plotWidth;
  const body: string[] = [svgText(8, 22, o.title, { size: 15, weight: "bold" })];
  body.push(svgText(width - 8, top - 10, "Effect (CI)", { anchor: "end", size: 12, fill: COLOURS.muted }));
  body.push(`<rect x="${px(labelWidth)}" y="${px(top)}" width="${px(plotWidth)}" height="${px(bottom - top)}" fill="${COLOURS.fill}"/>`);
  body.push(svgLine(x(0), top, x(0), bottom, COLOURS.muted, 'stroke-dasharray="4 3"'));
  o.rows.forEach((r, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    body.push(svgText(r.kind === "level" ? 24 : 8, y + 4.5, r.label, { weight: r.kind === "level" ? undefined : "bold" }));
    if (r.right) body.push(svgText(width - 8, y + 4.5, r.right, { anchor: "end" }));
    if (r.estimate === undefined || !Number.isFinite(r.estimate)) return;
    const colour = r.kind === "overall" ? COLOURS.ink : COLOURS.control;
    if (r.low !== undefined && r.high !== undefined && Number.isFinite(r.low) && Number.isFinite(r.high)) {
      body.push(svgLine(x(r.low), y, x(r.high), y, colour, 'stroke-width="2" class="ci"'));
    }
    const cx = x(r.estimate);
    body.push(
      r.kind === "overall"
        ? `<path class="estimate" d="M${px(cx - 7)} ${px(y)}L${px(cx)} ${px(y - 7)}L${px(cx + 7)} ${px(y)}L${px(cx)} ${px(y + 7)}Z" fill="${colour}"/>`
        : `<rect class="estimate" x="${px(cx - 4.5)}" y="${px(y - 4.5)}" width="9" height="9" fill="${colour}"/>`,
    );
  });
  body.push(svgLine(labelWidth, bottom, labelWidth + plotWidth, bottom, COLOURS.ink));
  for (const t of ticks) {
    body.push(svgLine(x(t), bottom, x(t), bottom + 5, COLOURS.ink));
    body.push(svgText(x(t), bottom + 19, formatFixed(t, decimalsFor(ticks)), { anchor: "middle", size: 12 }));
  }
  body.push(svgText(labelWidth + plotWidth / 2, bottom + 38, o.axis, { anchor: "middle", size: 12, fill: COLOURS.muted }));
  if (o.note) body.push(svgText(8, bottom + 58, o.note, { size: 12, fill: COLOURS.muted }));
  return svgDocument({ id: o.id, width, height, title: o.title, description: o.description, body });
}

function decimalsFor(ticks: number[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  return Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9)));
}

function effectRow(results: ResultsDocument, r: EffectRow, rowLabel: string, kind: ForestRow["kind"], decimals: Decimals): ForestRow {
  const { low, high } = intervalAt(r.effect_intervals, tableLevel(results))!;
  const d = unitDecimals(r.effect_unit, decimals);
  return {
    label: rowLabel,
    kind,
    estimate: r.effect,
    low,
    high,
    right: `${formatEffect(r.effect, r.effect_unit, decimals)} (${formatFixed(low, d)} to ${formatFixed(high, d)})`,
  };
}

function axisLabel(results: ResultsDocument, r: EffectRow): string {
  return `Effect in ${unitName(r.effect_unit)}, ${levelKey(tableLevel(results))}% confidence interval`;
}

export function subgroupForest(results: ResultsDocument, population: string, outcome: string, decimals: Decimals = DEFAULT_DECIMALS): string | null {
  const rows = results.rows.filter((r) => r.population === population && r.outcome === outcome && r.analysis === "itt");
  const overall = rows.find((r) => r.subgroup === null);
  const levels = rows.filter((r) => r.subgroup !== null);
  if (!overall || !levels.length) return null;
  const plotRows: ForestRow[] = [effectRow(results, overall, "Overall", "overall", decimals)];
  for (const subgroup of [...new Set(levels.map((r) => r.subgroup!))]) {
    const inGroup = levels.filter((r) => r.subgroup === subgroup);
    const p = inGroup[0].interaction_p;
    plotRows.push({ label: subgroup, kind: "heading", right: p === null ? "" : `interaction p ${pText(p, decimals)}` });
    for (const r of inGroup) plotRows.push(effectRow(results, r, r.level!, "level", decimals));
  }
  const o = label(results, "outcomes", outcome);
  const p = label(results, "populations", population);
  return forestPlot({
    id: `forest-${slug(population)}-${slug(outcome)}`,
    title: `${o}: effect by subgroup, ${p}`,
    description: `Forest plot of the effect of treatment on ${o} in ${p}, overall and in each level of ${[...new Set(levels.map((r) => r.subgroup))].join(", ")}, with ${levelKey(tableLevel(results))}% confidence intervals and the p-value of each interaction test.`,
    axis: axisLabel(results, overall),
    rows: plotRows,
  });
}

export function populationForest(results: ResultsDocument, outcome: string, decimals: Decimals = DEFAULT_DECIMALS): string | null {
  const rows = results.rows.filter((r) => r.outcome === outcome && r.subgroup === null && r.analysis === "itt");
  if (!rows.length) return null;
  const o = label(results, "outcomes", outcome);
  return forestPlot({
    id: `forest-populations-${slug(outcome)}`,
    title: `${o}: effect in each population`,
    description: `Forest plot of the overall effect of treatment on ${o} in ${rows.map((r) => label(results, "populations", r.population)).join(", ")}, with ${levelKey(tableLevel(results))}% confidence intervals.`,
    axis: axisLabel(results, rows[0]),
    rows: rows.map((r) => effectRow(results, r, label(results, "populations", r.population), "overall", decimals)),
  });
}

function pText(p: number, decimals: Decimals): string {
  const s = formatP(p, decimals.p);
  return s.startsWith("<") ? s : `= ${s}`;
}
