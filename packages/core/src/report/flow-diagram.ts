import type { Flow } from "../link/flow.js";
import type { DisclosureSettings } from "./disclosure.js";
import { type Arm, flowCounts } from "./flow-table.js";
import { COLOURS, escapeXml, px, svgDocument, svgLine, svgText, textWidth } from "./svg.js";

/**
 * A CONSORT-style flow diagram (SVG) from flow.json: randomised (and erased at their request) →
 * allocated to each arm (withdrawals noted) → surveyed or linked, per data source → analysed, per
 * population. Counts are under the SAP's disclosure control (flow-table.ts).
 */
export function flowDiagram(
  flow: Flow,
  o: {
    disclosure: DisclosureSettings | null;
    labels: { populations: Record<string, string>; outcomes: Record<string, string> };
    /** The data sources to show (default all): leave out the randomised extract and the withdrawals list. */
    sources?: readonly string[];
  },
): string {
  const counts = flowCounts(flow, o.disclosure);
  const n = (b: Parameters<typeof counts.text>[0], arm: Arm) => counts.text(b, arm);
  const arms = [
    { arm: "treated" as const, name: `${flow.arms.treated} (treated)` },
    { arm: "control" as const, name: `${flow.arms.control} (control)` },
  ];
  const sourceLines = (arm: "treated" | "control") =>
    Object.entries(flow.sources)
      .filter(([name]) => !o.sources || o.sources.includes(name))
      .flatMap(([name, s]) => {
        if (!s.wave) return [`${name}: linked ${n(s.linked, arm)}`];
        const rate = s.wave.response_rate[arm];
        const shownRate = n(s.wave.responded, arm) === "[c]" || n(s.wave.eligible, arm) === "[c]" || rate === null || o.disclosure?.roundTo ? "" : ` (${(rate * 100).toFixed(1)}%)`;
        return [`${name} (${s.wave.due_months}-month survey):`, `  expected ${n(s.wave.eligible, arm)}, responded ${n(s.wave.responded, arm)}${shownRate}`];
      });
  const analysedLines = (arm: "treated" | "control") =>
    Object.keys(flow.populations).map((p) => {
      const outcomes = flow.outcomes.filter((x) => x.population === p);
      const sorted = [...outcomes].sort((a, b) => a.analysed[arm] - b.analysed[arm]);
      const [low, high] = [n(sorted[0].analysed, arm), n(sorted[sorted.length - 1].analysed, arm)];
      const range = low === high ? low : `${low} to ${high}`;
      return `${o.labels.populations[p] ?? p}: ${outcomes.length > 1 ? `${range} (${outcomes.length} outcomes)` : range}`;
    });
  const stages = [
    { heading: "Allocated", lines: (arm: "treated" | "control") => [`n = ${n(flow.retained, arm)}`, `withdrew later: ${n(flow.withdrawn, arm)}`] },
    { heading: "Surveyed and linked", lines: sourceLines },
    { heading: "Analysed", lines: analysedLines },
  ];
  const lineHeight = 18;
  const boxWidth = Math.max(300, ...stages.flatMap((s) => arms.flatMap((a) => s.lines(a.arm).map((l) => textWidth(l, 13) + 24))));
  const gap = 40;
  const width = boxWidth * 2 + gap + 32;
  const left = (k: number) => 16 + k * (boxWidth + gap);
  const body: string[] = [];
  const box = (x: number, y: number, w: number, lines: string[], title: string, cls: string) => {
    const h = 28 + lines.length * lineHeight + 6;
    body.push(`<g class="flow-box ${escapeXml(cls)}">`);
    body.push(`<rect x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${px(h)}" rx="4" fill="#ffffff" stroke="${COLOURS.ink}"/>`);
    body.push(svgText(x + 12, y + 20, title, { weight: "bold" }));
    lines.forEach((l, i) => body.push(svgText(x + 12 + (l.startsWith("  ") ? 12 : 0), y + 20 + (i + 1) * lineHeight, l.trimStart())));
    body.push(`</g>`);
    return h;
  };
  const arrow = (x1: number, y1: number, x2: number, y2: number) => body.push(svgLine(x1, y1, x2, y2 - 6, COLOURS.ink, 'stroke-width="1.5"'), `<path d="M${px(x2 - 5)} ${px(y2 - 8)}L${px(x2)} ${px(y2)}L${px(x2 + 5)} ${px(y2 - 8)}Z" fill="${COLOURS.ink}"/>`);
  // randomised, with the erased to the side below it, then the split into the arms
  const topWidth = 260;
  const topX = width / 2 - topWidth / 2;
  let y = 16;
  const topBottom = y + box(topX, y, topWidth, [`n = ${n(flow.randomised, "total")}`], "Randomised", "randomised");
  y = topBottom + 16;
  if (flow.erased.total > 0) {
    const sideX = width / 2 + 24;
    const sideHeight = box(sideX, y, Math.min(260, width - sideX - 16), [`n = ${n(flow.erased, "total")}`], "Erased at their request", "erased");
    body.push(svgLine(width / 2, y + sideHeight / 2, sideX, y + sideHeight / 2, COLOURS.ink));
    y += sideHeight + 16;
  }
  const split = y;
  y += 28;
  body.push(svgLine(width / 2, topBottom, width / 2, split, COLOURS.ink, 'stroke-width="1.5"'));
  body.push(svgLine(left(0) + boxWidth / 2, split, left(1) + boxWidth / 2, split, COLOURS.ink, 'stroke-width="1.5"'));
  for (const [k] of arms.entries()) arrow(left(k) + boxWidth / 2, split, left(k) + boxWidth / 2, y);
  stages.forEach((stage, s) => {
    const heights = arms.map((a, k) => box(left(k), y, boxWidth, stage.lines(a.arm), s === 0 ? `${stage.heading}: ${a.name}` : stage.heading, `${stage.heading.toLowerCase().replace(/ /g, "-")} ${a.arm}`));
    const h = Math.max(...heights);
    if (s < stages.length - 1) for (const [k] of arms.entries()) arrow(left(k) + boxWidth / 2, y + heights[k], left(k) + boxWidth / 2, y + h + 32);
    y += h + 32;
  });
  const height = y - 16;
  const total = n(flow.randomised, "total");
  return svgDocument({
    id: "flow-diagram",
    width,
    height,
    title: "Flow of participants",
    description: `CONSORT-style flow: ${total} randomised; ${n(flow.erased, "total")} erased; ${n(flow.retained, "treated")} allocated to ${flow.arms.treated} and ${n(flow.retained, "control")} to ${flow.arms.control}; then each data source and the numbers analysed in each population, by arm.`,
    body,
  });
}
