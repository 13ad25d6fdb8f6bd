import type { ByArm, Flow } from "../link/flow.js";
import type { DisclosureSettings } from "./disclosure.js";
import { type Arm, flowCounts } from "./flow-table.js";
import { COLOURS, escapeXml, px, svgDocument, svgLine, svgText, textWidth } from "./svg.js";

/**
 * A CONSORT 2010 flow diagram (SVG) from flow.json, each stage with its losses and their reasons:
 * randomised (and erased at their request, to the side) → allocated to each arm (withdrew later,
 * data before withdrawal kept) → follow-up, per data source (a survey: due, withdrew before it was
 * due, did not respond, responded with the rate; a register: linked) → analysed, per population
 * (the range over its outcomes), with the exclusions from analysis by reason (not surveyed, outcome
 * missing, covariate missing; ranges over outcomes). Counts are under the SAP's disclosure control
 * (flow-table.ts); arms and populations carry the SAP's labels.
 */
export function flowDiagram(
  flow: Flow,
  o: {
    disclosure: DisclosureSettings | null;
    labels: { populations: Record<string, string>; outcomes: Record<string, string>; arm?: (arm: "treated" | "control") => string; source?: (name: string) => string };
    /** The data sources to show (default all): leave out the randomised extract and the withdrawals list. */
    sources?: readonly string[];
  },
): string {
  const counts = flowCounts(flow, o.disclosure);
  const n = (b: Parameters<typeof counts.text>[0], arm: Arm) => counts.text(b, arm);
  const armLabel = (a: "treated" | "control") => o.labels.arm?.(a) ?? flow.arms[a];
  const arms = [
    { arm: "treated" as const, name: `${armLabel("treated")} (treated)` },
    { arm: "control" as const, name: `${armLabel("control")} (control)` },
  ];
  const minus = (a: ByArm, b: ByArm): ByArm => ({ treated: a.treated - b.treated, control: a.control - b.control, total: a.total - b.total });
  const sourceLines = (arm: "treated" | "control") =>
    Object.entries(flow.sources)
      .filter(([name]) => !o.sources || o.sources.includes(name))
      .flatMap(([name, s]) => {
        const source = o.labels.source?.(name) ?? name;
        if (!s.wave) return [`${source}: linked ${n(s.linked, arm)}`];
        const rate = s.wave.response_rate[arm];
        const shownRate = n(s.wave.responded, arm) === "[c]" || n(s.wave.eligible, arm) === "[c]" || rate === null || o.disclosure?.roundTo ? "" : ` (${(rate * 100).toFixed(1)}%)`;
        return [
          `${source} (due at ${s.wave.due_months} months): responded ${n(s.wave.responded, arm)}${shownRate}`,
          `  lost: did not respond ${n(minus(s.wave.eligible, s.wave.responded), arm)}, withdrew before due ${n(s.wave.withdrawn_before_due, arm)}`,
        ];
      });
  const range = (values: string[]) => {
    const numbers = values.map((v) => Number(v.replace(/,/g, "")));
    if (values.some((v, k) => Number.isNaN(numbers[k]))) return [...new Set(values)].join(", ");
    const lo = values[numbers.indexOf(Math.min(...numbers))];
    const hi = values[numbers.indexOf(Math.max(...numbers))];
    return lo === hi ? lo : `${lo} to ${hi}`;
  };
  const analysedLines = (arm: "treated" | "control") =>
    Object.keys(flow.populations).flatMap((p) => {
      const outcomes = flow.outcomes.filter((x) => x.population === p);
      if (!outcomes.length) return [];
      const lines = [`${o.labels.populations[p] ?? p}: ${range(outcomes.map((x) => n(x.analysed, arm)))}${outcomes.length > 1 ? ` (${outcomes.length} outcomes)` : ""}`];
      const reasons = (
        [
          ["not surveyed", (x: (typeof outcomes)[number]) => x.excluded.not_surveyed],
          ["outcome missing", (x: (typeof outcomes)[number]) => x.excluded.missing_outcome],
          ["covariate missing", (x: (typeof outcomes)[number]) => x.excluded.missing_covariate],
        ] as const
      )
        .filter(([, get]) => outcomes.some((x) => get(x).total > 0))
        .map(([why, get]) => `${why} ${range(outcomes.map((x) => n(get(x), arm)))}`);
      if (reasons.length) lines.push(`  excluded: ${reasons.join(", ")}`);
      return lines;
    });
  const stages = [
    { heading: "Allocated", lines: (arm: "treated" | "control") => [`n = ${n(flow.retained, arm)}`, `withdrew later (data before withdrawal kept): ${n(flow.withdrawn, arm)}`] },
    { heading: "Follow-up", lines: sourceLines },
    { heading: "Analysed", lines: analysedLines },
  ];
  const lineHeight = 18;
  const boxWidth = Math.max(300, ...stages.flatMap((s) => arms.flatMap((a) => s.lines(a.arm).map((l) => textWidth(l.trimStart(), 13) + (l.startsWith("  ") ? 36 : 24)))));
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
    description: `CONSORT flow: ${total} randomised; ${n(flow.erased, "total")} erased at their request; ${n(flow.retained, "treated")} allocated to ${armLabel("treated")} and ${n(flow.retained, "control")} to ${armLabel("control")}; then, by arm, each data source with those lost to follow-up and why, and the numbers analysed in each population with those excluded and why.`,
    body,
  });
}
