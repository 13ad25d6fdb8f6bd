import type { EconomicsPopulation } from "../analysis/economics.js";
import { formatCount } from "./decimals.js";
import { money as moneyText } from "./economics-tables.js";
import { COLOURS, niceTicks, px, svgDocument, svgLine, svgText } from "./svg.js";
import { slug } from "./table-model.js";

/**
 * The Monte Carlo distribution of one population's returns per £1 spent (SVG): a histogram of the
 * draws of the financial (exchequer) return and one of the economic (society) return, each on its
 * own axis (they can differ a hundredfold), with the break-even return of £1 dashed and the
 * deterministic return (the estimates themselves) as a solid line. The bars are the histogram
 * results.json holds (equal-width bins from the smallest draw to the largest), so the picture can be
 * drawn again from it. Null when the population's returns were not calculated.
 */
export function benefitCostHistogram(p: EconomicsPopulation, label: string, currency: string): string | null {
  if (!p.monte_carlo || !p.returns) return null;
  const width = 640;
  const left = 64;
  const plotWidth = width - left - 24;
  const panelHeight = 120;
  const top = 76;
  const gap = 88;
  const money = (x: number) => moneyText(x, currency, 2);
  const body: string[] = [svgText(8, 22, `Return per ${money(1).replace(/\.00$/, "")} spent: ${label}`, { size: 15, weight: "bold" })];
  const panels = [
    { name: "Financial return (exchequer)", colour: COLOURS.control, sim: p.monte_carlo.exchequer, estimate: p.returns.exchequer.return_per_pound },
    { name: "Economic return (society)", colour: COLOURS.treated, sim: p.monte_carlo.society, estimate: p.returns.society.return_per_pound },
  ];
  panels.forEach((panel, k) => {
    const { edges, counts } = panel.sim.histogram;
    const y0 = top + k * (panelHeight + gap);
    const base = y0 + panelHeight;
    const lo = Math.min(edges[0], panel.estimate);
    const hi = Math.max(edges[edges.length - 1], panel.estimate);
    const ticks = niceTicks(lo, hi, 6);
    const xLo = Math.min(lo, ticks[0]);
    const xHi = Math.max(hi, ticks[ticks.length - 1], xLo + 1e-9);
    const x = (v: number) => left + ((v - xLo) / (xHi - xLo)) * plotWidth;
    // headroom above the tallest bar for the labels of the lines
    const yMax = Math.max(1, ...counts) * 1.2;
    const y = (c: number) => base - (c / yMax) * panelHeight;
    const r = panel.sim.return_per_pound;
    body.push(svgText(left, y0 - 26, panel.name, { size: 13, weight: "bold" }));
    body.push(svgText(left, y0 - 9, `median ${money(r.median)}, 95% interval ${money(r.q025)} to ${money(r.q975)}, P(return > ${money(1)}) = ${r.p_above.toFixed(3)}`, { size: 12, fill: COLOURS.muted }));
    counts.forEach((c, b) => {
      if (c === 0) return;
      const bx = x(edges[b]) + 0.25;
      const bw = Math.max(0.5, x(edges[b + 1]) - x(edges[b]) - 0.5);
      body.push(`<rect class="bar" x="${px(bx)}" y="${px(y(c))}" width="${px(bw)}" height="${px(base - y(c))}" fill="${panel.colour}"/>`);
    });
    body.push(svgLine(left, base, left + plotWidth, base, COLOURS.ink));
    for (const t of ticks) {
      body.push(svgLine(x(t), base, x(t), base + 5, COLOURS.ink));
      body.push(svgText(x(t), base + 19, money(t), { anchor: "middle", size: 12 }));
    }
    if (1 >= xLo && 1 <= xHi) {
      body.push(svgLine(x(1), y0, x(1), base, COLOURS.ink, 'stroke-dasharray="5 3"'));
      body.push(svgText(x(1) - 4, y0 + 12, "break-even", { anchor: "end", size: 12 }));
    }
    body.push(svgLine(x(panel.estimate), y0, x(panel.estimate), base, COLOURS.ink, 'stroke-width="2"'));
    body.push(svgText(x(panel.estimate) + 4, y0 + 12, `estimate ${money(panel.estimate)}`, { size: 12 }));
  });
  const bottom = top + 2 * panelHeight + gap;
  body.push(svgText(left + plotWidth / 2, bottom + 44, `Bars: ${formatCount(countDraws(p))} Monte Carlo draws in ${p.monte_carlo.society.histogram.counts.length} bins. Solid: the return at the estimates.`, { anchor: "middle", size: 12, fill: COLOURS.muted }));
  return svgDocument({
    id: `returns-${slug(p.population)}`,
    width,
    height: bottom + 60,
    title: `Distribution of the returns per ${money(1)} spent: ${label}`,
    description: `Histograms of the Monte Carlo draws of the financial (exchequer) and economic (society) returns per ${money(1)} spent for ${label}, with break-even and the return at the estimates marked.`,
    body,
  });
}

function countDraws(p: EconomicsPopulation): number {
  return p.monte_carlo!.society.histogram.counts.reduce((a, b) => a + b, 0);
}
