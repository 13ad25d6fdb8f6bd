import { type DisclosureSettings, suppressCounts } from "./disclosure.js";
import { COLOURS, niceTicks, px, svgDocument, svgLine, svgText } from "./svg.js";
import { slug } from "./table-model.js";

/**
 * The distribution of a set of non-response weights (SVG): a histogram of the respondents'
 * weights in each arm, on a shared axis, with the trimming cap marked. Under disclosure control a
 * bin holding fewer people than the threshold (or suppressed so that the arm's total cannot reveal
 * one) is drawn as an empty dashed outline, not a bar.
 */
export function weightsHistogram(w: { name: string; survey: string; treated: number[]; control: number[]; cap: number | null }, o: { disclosure: DisclosureSettings | null; arms: { treated: string; control: string } }): string {
  const bins = 20;
  const all = [...w.treated, ...w.control];
  const max = Math.max(1, ...all, w.cap ?? 0);
  const ticks = niceTicks(0, max, 6);
  const hi = Math.max(max, ticks[ticks.length - 1]);
  const binWidth = hi / bins;
  const count = (values: number[]) => {
    const c = new Array<number>(bins).fill(0);
    for (const v of values) c[Math.min(bins - 1, Math.floor(v / binWidth))]++;
    return c;
  };
  const panels = [
    { name: `${o.arms.treated} (treated)`, colour: COLOURS.treated, counts: count(w.treated), n: w.treated.length },
    { name: `${o.arms.control} (control)`, colour: COLOURS.control, counts: count(w.control), n: w.control.length },
  ].map((p) => {
    const flags = o.disclosure ? suppressCounts([...p.counts, p.n], [[...p.counts.map((_, k) => k), p.counts.length]], o.disclosure) : p.counts.map(() => false);
    return { ...p, suppressed: flags.slice(0, bins) };
  });
  const width = 640;
  const left = 64;
  const plotWidth = width - left - 24;
  const panelHeight = 130;
  const top = 44;
  const gap = 40;
  const x = (v: number) => left + (v / hi) * plotWidth;
  const yMax = Math.max(1, ...panels.flatMap((p) => p.counts.filter((_, k) => !p.suppressed[k])));
  const yTicks = niceTicks(0, yMax, 3);
  const yHi = Math.max(yMax, yTicks[yTicks.length - 1]);
  const body: string[] = [svgText(8, 22, `Distribution of non-response weights: ${w.name} (${w.survey})`, { size: 15, weight: "bold" })];
  panels.forEach((p, k) => {
    const y0 = top + k * (panelHeight + gap);
    const base = y0 + panelHeight;
    const y = (c: number) => base - (c / yHi) * panelHeight;
    body.push(svgText(left, y0 - 6, `${p.name}: ${o.disclosure ? "" : `${p.n} respondents`}`.replace(/: $/, ""), { size: 13, weight: "bold" }));
    for (const t of yTicks) {
      body.push(svgLine(left - 4, y(t), left + plotWidth, y(t), COLOURS.rule, 'stroke-width="0.5"'));
      body.push(svgText(left - 8, y(t) + 4, String(t), { anchor: "end", size: 12 }));
    }
    p.counts.forEach((c, b) => {
      const bx = x(b * binWidth) + 0.5;
      const bw = Math.max(0.5, x((b + 1) * binWidth) - x(b * binWidth) - 1);
      if (p.suppressed[b]) body.push(`<rect class="suppressed-bin" x="${px(bx)}" y="${px(y0)}" width="${px(bw)}" height="${px(panelHeight)}" fill="none" stroke="${COLOURS.muted}" stroke-dasharray="3 3"/>`);
      else if (c > 0) body.push(`<rect class="bar" x="${px(bx)}" y="${px(y(c))}" width="${px(bw)}" height="${px(base - y(c))}" fill="${p.colour}"/>`);
    });
    body.push(svgLine(left, base, left + plotWidth, base, COLOURS.ink));
    if (w.cap !== null) {
      body.push(svgLine(x(w.cap), y0, x(w.cap), base, COLOURS.ink, 'stroke-dasharray="5 3"'));
      if (k === 0) body.push(svgText(x(w.cap) - 4, y0 + 12, `trimming cap ${w.cap}`, { anchor: "end", size: 12 }));
    }
  });
  const axisY = top + 2 * panelHeight + gap;
  for (const t of ticks) {
    body.push(svgLine(x(t), axisY, x(t), axisY + 5, COLOURS.ink));
    body.push(svgText(x(t), axisY + 19, String(t), { anchor: "middle", size: 12 }));
  }
  body.push(svgText(left + plotWidth / 2, axisY + 38, "Weight (mean 1 among the respondents of each weighting cell); bars: respondents", { anchor: "middle", size: 12, fill: "#5c5c5c" }));
  if (o.disclosure) body.push(svgText(left, axisY + 58, `Dashed outlines: bins suppressed by disclosure control (fewer than ${o.disclosure.minCount} people).`, { size: 12, fill: "#5c5c5c" }));
  return svgDocument({
    id: `weights-${slug(w.name)}`,
    width,
    height: axisY + (o.disclosure ? 70 : 50),
    title: `Distribution of non-response weights ${w.name}`,
    description: `Histograms of the non-response weights ${w.name} for the ${w.survey} survey among respondents in each arm, in ${bins} bins from 0 to ${px(hi)}${w.cap !== null ? `, with the trimming cap at ${w.cap}` : ""}.`,
    body,
  });
}
