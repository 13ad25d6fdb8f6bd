import { type EffectRow, intervalAt, levelKey } from "../analysis/effect-row.js";
import { log10 } from "../stats/elementary-functions.js";
import type { ResultsDocument } from "../analysis/results.js";
import { formatFixed, formatP } from "./decimals.js";
import type { ReportLabels } from "./report-labels.js";
import type { ReportSettings } from "./settings.js";
import { COLOURS, effectAxis, px, svgDocument, svgLine, svgText, textWidth } from "./svg.js";
import { tableLevel } from "./table-level.js";

/**
 * Forest plots as small multiples (SVG), as the HLT report's annex draws them: one column of row
 * labels shared by several panels side by side, each panel one outcome with its own axis, a line
 * at no effect, and each estimate with its confidence interval (95% when the plan has it).
 *
 * - `subgroupPanels`: one population; rows are the overall effect (a diamond) and each level of
 *   each subgroup (squares) under the subgroup's name, with the interaction test's p in each panel;
 * - `populationPanels`: rows are the populations, each panel an outcome's overall effect.
 *
 * The numbers are in the tables beside them; a panel shows the shape. Each picture's title is
 * drawn once, in the picture (report.html adds no caption that repeats it).
 *
 * @example
 * subgroupPanels(results, "scr_iw", ["employed13w", "earnings12"], settings, labels, "forest-scr-iw-1");
 */
export interface PanelRow {
  label: string;
  kind: "heading" | "overall" | "level";
}

export interface Panel {
  title: string;
  /** The axis caption: the unit. */
  axis: string;
  /** One value per shared row (null: nothing drawn); `note` is printed at the panel's right on that row. */
  values: ({ estimate: number; low: number; high: number } | { note: string } | null)[];
}

const ROW = 19;
const PANEL = 172;
const GAP = 24;
const TITLE_LINE = 15;

export function forestPanels(o: { id: string; title: string; description: string; rows: PanelRow[]; panels: Panel[]; note?: string }): string {
  // bold labels (overall, headings) run about a tenth wider than the estimate
  const labelWidth = Math.max(110, ...o.rows.map((r) => (r.kind === "level" ? textWidth(r.label, 12) + 14 : textWidth(r.label, 12) * 1.12))) + 14;
  const titles = o.panels.map((p) => wrap(p.title, PANEL - 8, 12));
  const titleLines = Math.max(1, ...titles.map((t) => t.length));
  const top = 30 + titleLines * TITLE_LINE + 6;
  const bottom = top + o.rows.length * ROW;
  const width = labelWidth + o.panels.length * (PANEL + GAP);
  const height = bottom + 44 + (o.note ? 18 : 0);
  const body: string[] = [svgText(6, 19, o.title, { size: 14, weight: "bold" })];
  o.rows.forEach((r, i) => {
    const y = top + i * ROW + ROW / 2 + 4;
    body.push(svgText(r.kind === "level" ? 20 : 6, y, r.label, { size: 12, weight: r.kind === "level" ? undefined : "bold" }));
  });
  o.panels.forEach((panel, k) => {
    const left = labelWidth + k * (PANEL + GAP);
    titles[k].forEach((line, j) => body.push(svgText(left + PANEL / 2, 30 + (j + 1) * TITLE_LINE - 3, line, { anchor: "middle", size: 12, weight: "bold" })));
    const values = panel.values.flatMap((v) => (v && "estimate" in v ? [v.low, v.high, v.estimate] : [])).filter(Number.isFinite);
    const { lo, hi, ticks } = effectAxis(values, 0.06, 3);
    const x = (v: number) => left + ((v - lo) / (hi - lo)) * PANEL;
    body.push(`<rect x="${px(left)}" y="${px(top)}" width="${px(PANEL)}" height="${px(bottom - top)}" fill="${COLOURS.fill}"/>`);
    body.push(svgLine(x(0), top, x(0), bottom, COLOURS.muted, 'stroke-dasharray="4 3"'));
    panel.values.forEach((v, i) => {
      if (!v) return;
      const y = top + i * ROW + ROW / 2;
      if ("note" in v) {
        body.push(svgText(left + PANEL - 4, y + 4, v.note, { anchor: "end", size: 12, fill: COLOURS.muted }));
        return;
      }
      if (!Number.isFinite(v.estimate)) return;
      const overall = o.rows[i].kind === "overall";
      const colour = overall ? COLOURS.ink : COLOURS.control;
      if (Number.isFinite(v.low) && Number.isFinite(v.high)) body.push(svgLine(x(v.low), y, x(v.high), y, colour, 'stroke-width="2" class="ci"'));
      const cx = x(v.estimate);
      body.push(
        overall
          ? `<path class="estimate" d="M${px(cx - 6)} ${px(y)}L${px(cx)} ${px(y - 6)}L${px(cx + 6)} ${px(y)}L${px(cx)} ${px(y + 6)}Z" fill="${colour}"/>`
          : `<rect class="estimate" x="${px(cx - 4)}" y="${px(y - 4)}" width="8" height="8" fill="${colour}"/>`,
      );
    });
    body.push(svgLine(left, bottom, left + PANEL, bottom, COLOURS.ink));
    const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
    const places = Math.max(0, Math.min(4, -Math.floor(log10(step) + 1e-9)));
    // tick labels that would touch (£5,000 and £10,000 in a narrow panel) are thinned to every other one
    const widest = Math.max(...ticks.map((t) => textWidth(formatFixed(t, places), 12)));
    const spacing = ticks.length > 1 ? x(ticks[1]) - x(ticks[0]) : PANEL;
    const shown = widest + 6 > spacing ? ticks.filter((t) => Math.round(t / step) % 2 === 0) : ticks;
    for (const t of shown) {
      body.push(svgLine(x(t), bottom, x(t), bottom + 4, COLOURS.ink));
      body.push(svgText(x(t), bottom + 17, formatFixed(t, places), { anchor: "middle", size: 12 }));
    }
    body.push(svgText(left + PANEL / 2, bottom + 34, panel.axis, { anchor: "middle", size: 12, fill: COLOURS.muted }));
  });
  if (o.note) body.push(svgText(6, bottom + 54, o.note, { size: 12, fill: COLOURS.muted }));
  return svgDocument({ id: o.id, width, height, title: o.title, description: o.description, body });
}

/** Words wrapped to lines of at most `width` (estimated), at most two lines, the second cut with an ellipsis. */
function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines;
  let second = lines.slice(1).join(" ");
  while (textWidth(`${second}…`, size) > width && second.length > 1) second = second.slice(0, -1);
  return [lines[0], `${second.trimEnd()}…`];
}

function estimate(results: ResultsDocument, r: EffectRow | undefined): Panel["values"][number] {
  if (!r) return null;
  const i = intervalAt(r.effect_intervals, tableLevel(results));
  return { estimate: r.effect, low: i?.low ?? NaN, high: i?.high ?? NaN };
}

const UNIT_AXIS: Record<string, string> = { ppt: "percentage points", sd: "standard deviations", raw: "outcome units" };

function axisOf(unit: string): string {
  return UNIT_AXIS[unit] ?? unit;
}

/** One population's subgroup effects, one panel per outcome (up to the caller's chunk of outcomes). */
export function subgroupPanels(results: ResultsDocument, population: string, outcomes: readonly string[], settings: ReportSettings, labels: ReportLabels, id: string): string | null {
  const rows = results.rows.filter((r) => r.population === population && outcomes.includes(r.outcome) && r.analysis === "itt");
  const subgroups = [...new Set(rows.filter((r) => r.subgroup !== null).map((r) => r.subgroup!))];
  const shown = outcomes.filter((o) => rows.some((r) => r.outcome === o && r.subgroup !== null));
  if (!subgroups.length || !shown.length) return null;
  const shared: { row: PanelRow; find: (o: string) => Panel["values"][number] }[] = [
    { row: { label: "Overall", kind: "overall" }, find: (o) => estimate(results, rows.find((r) => r.outcome === o && r.subgroup === null)) },
  ];
  for (const s of subgroups) {
    shared.push({
      row: { label: labels.variable(s), kind: "heading" },
      find: (o) => {
        const p = rows.find((r) => r.outcome === o && r.subgroup === s)?.interaction_p;
        return p === null || p === undefined ? null : { note: `p ${pText(p, settings)}` };
      },
    });
    const levels = [...new Set(rows.filter((r) => r.subgroup === s).map((r) => r.level!))];
    for (const l of levels) shared.push({ row: { label: labels.value(s, l), kind: "level" }, find: (o) => estimate(results, rows.find((r) => r.outcome === o && r.subgroup === s && r.level === l)) });
  }
  const p = labels.population(population);
  const unitOf = (o: string) => rows.find((r) => r.outcome === o)!.effect_unit;
  return forestPanels({
    id,
    title: `Effects by subgroup: ${p}`,
    description: `Forest plots of the effect of treatment in ${p}, overall and in each level of ${subgroups.map((s) => labels.variable(s)).join(", ")}, on ${shown.map((o) => labels.outcome(o)).join("; ")}, with ${levelKey(tableLevel(results))}% confidence intervals and the p-value of each interaction test.`,
    rows: shared.map((s) => s.row),
    panels: shown.map((o) => ({ title: labels.outcome(o), axis: axisOf(unitOf(o)), values: shared.map((s) => s.find(o)) })),
    note: `${levelKey(tableLevel(results))}% confidence intervals; p: interaction test (the effect is the same in every level).`,
  });
}

/** The overall effect in every population, one panel per outcome. */
export function populationPanels(results: ResultsDocument, outcomes: readonly string[], labels: ReportLabels, id: string, title: string): string | null {
  const rows = results.rows.filter((r) => r.subgroup === null && outcomes.includes(r.outcome) && r.analysis === "itt");
  if (!rows.length) return null;
  const populations = [...new Set(rows.map((r) => r.population))];
  const shown = outcomes.filter((o) => rows.some((r) => r.outcome === o));
  return forestPanels({
    id,
    title,
    description: `Forest plots of the overall effect of treatment on ${shown.map((o) => labels.outcome(o)).join("; ")} in ${populations.map((p) => labels.population(p)).join(", ")}, with ${levelKey(tableLevel(results))}% confidence intervals.`,
    rows: populations.map((p) => ({ label: labels.population(p), kind: "overall" as const })),
    panels: shown.map((o) => ({
      title: labels.outcome(o),
      axis: axisOf(rows.find((r) => r.outcome === o)!.effect_unit),
      values: populations.map((p) => estimate(results, rows.find((r) => r.outcome === o && r.population === p))),
    })),
    note: `${levelKey(tableLevel(results))}% confidence intervals.`,
  });
}

/** Splits a list into chunks of at most `size`, as even as possible (7 in 4s → 4 + 3). */
export function evenChunks<T>(items: readonly T[], size: number): T[][] {
  const count = Math.ceil(items.length / size);
  const out: T[][] = [];
  for (let k = 0; k < count; k++) out.push(items.slice(Math.round((k * items.length) / count), Math.round(((k + 1) * items.length) / count)));
  return out;
}

function pText(p: number, settings: ReportSettings): string {
  const s = formatP(p, settings.decimals.p);
  return s.startsWith("<") ? s : `= ${s}`;
}

