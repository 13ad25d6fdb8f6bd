import { levelKey } from "../analysis/effect-row.js";
import type { Monitoring, MonitoringRow } from "../monitoring/outcome-monitoring.js";
import { funnelLimits } from "../stats/funnel-limits.js";
import { formatFixed } from "./decimals.js";
import { COLOURS, niceTicks, px, svgDocument, svgLine, svgText, textWidth } from "./svg.js";
import { slug } from "./table-model.js";

/**
 * A funnel plot (SVG) of services' job outcome rates (Spiegelhalter 2005): each service a point at
 * (people supported, rate); the target rate a line across; its 95% and 99.8% control limits
 * (stats/funnel-limits.ts) narrowing as the number of people grows; the comparison rate, if any, a
 * dashed grey line. A service outside the 99.8% limits is unlikely to differ from the target by
 * chance alone; the points are labelled with the services' names.
 *
 * Limits are drawn at every whole n up to 200, then at 200 points spread over the axis.
 */
export function funnelPlot(m: Monitoring, rows: readonly MonitoringRow[], title: string): string | null {
  const points = rows.filter((r) => r.rate !== null);
  if (!points.length) return null;
  const id = `funnel-${slug(title)}`;
  const width = 640;
  const height = 440;
  const left = 64;
  const right = 180;
  const top = 48;
  const bottom = 56;
  const maxN = Math.max(...points.map((p) => p.people));
  const ticksX = niceTicks(0, maxN * 1.1, 6);
  // the axis ends at a tick beyond the largest service
  const step = ticksX.length > 1 ? ticksX[1] - ticksX[0] : Math.max(1, maxN);
  while (ticksX[ticksX.length - 1] < maxN * 1.05) ticksX.push(Number((ticksX[ticksX.length - 1] + step).toPrecision(12)));
  const xMax = ticksX[ticksX.length - 1];
  const x = (n: number) => left + (n / xMax) * (width - left - right);
  const y = (p: number) => top + (1 - p) * (height - top - bottom);
  const body: string[] = [svgText(8, 22, title, { size: 15, weight: "bold" })];
  body.push(`<rect x="${px(left)}" y="${px(top)}" width="${px(width - left - right)}" height="${px(height - top - bottom)}" fill="${COLOURS.fill}"/>`);
  for (const t of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
    body.push(svgLine(left - 4, y(t), left, y(t), COLOURS.muted));
    body.push(svgText(left - 8, y(t) + 4, `${t * 100}%`, { anchor: "end", size: 12, fill: COLOURS.muted }));
  }
  for (const t of ticksX) {
    body.push(svgLine(x(t), height - bottom, x(t), height - bottom + 4, COLOURS.muted));
    body.push(svgText(x(t), height - bottom + 18, String(t), { anchor: "middle", size: 12, fill: COLOURS.muted }));
  }
  body.push(svgText((left + width - right) / 2, height - 14, "People supported", { anchor: "middle", size: 12 }));
  body.push(svgText(14, (top + height - bottom) / 2, "Job outcome rate", { anchor: "middle", size: 12, cls: "y-axis-label" }).replace("<text ", `<text transform="rotate(-90 14 ${px((top + height - bottom) / 2)})" `));

  const ns: number[] = [];
  for (let n = 1; n <= Math.min(200, xMax); n++) ns.push(n);
  if (xMax > 200) for (let k = 1; k <= 200; k++) ns.push(Math.round(200 + ((xMax - 200) * k) / 200));
  const clip = (p: number) => Math.min(1, Math.max(0, p));
  for (const [level, dash] of [[0.95, "5 3"], [0.998, "2 3"]] as const) {
    const limits = ns.map((n) => ({ n, ...funnelLimits(m.target.rate, n, level, m.method) }));
    for (const side of ["lower", "upper"] as const) {
      const d = limits.map((l, k) => `${k ? "L" : "M"}${px(x(l.n))} ${px(y(clip(l[side])))}`).join("");
      body.push(`<path class="limit-${levelKey(level)}" d="${d}" fill="none" stroke="${COLOURS.control}" stroke-dasharray="${dash}"/>`);
    }
  }
  body.push(svgLine(left, y(m.target.rate), width - right, y(m.target.rate), COLOURS.control, 'stroke-width="1.5" class="target"'));
  body.push(svgText(width - right + 6, y(m.target.rate) + 4, `${m.target.label} ${formatFixed(m.target.rate * 100, 0)}%`, { size: 12, fill: COLOURS.control }));
  if (m.comparison) {
    body.push(svgLine(left, y(m.comparison.rate), width - right, y(m.comparison.rate), COLOURS.muted, 'stroke-dasharray="6 4" class="comparison"'));
    body.push(svgText(width - right + 6, y(m.comparison.rate) + 4, `${m.comparison.label} ${formatFixed(m.comparison.rate * 100, 0)}%`, { size: 12, fill: COLOURS.muted }));
  }
  // labels to the right of their points, else to the left, moved a line down or up at a time where
  // they would overlap one already placed (highest rates first)
  const placed: { x0: number; x1: number; y: number }[] = [];
  for (const p of [...points].sort((a, b) => b.rate! - a.rate! || a.people - b.people)) {
    const outside = p.funnel !== "within 95%";
    const cx = x(p.people);
    const cy = y(p.rate!);
    body.push(`<circle class="service" cx="${px(cx)}" cy="${px(cy)}" r="4.5" fill="${outside ? COLOURS.treated : COLOURS.ink}"/>`);
    const w = textWidth(p.service, 12);
    const spots = [0, 14, -14, 28, -28, 42, -42].flatMap((d) => [
      { x0: cx + 7, y: cy - 6 + d, anchor: "start" as const },
      { x0: cx - 7 - w, y: cy - 6 + d, anchor: "end" as const },
    ]);
    const free = (s: { x0: number; y: number }) => s.x0 >= left && placed.every((q) => q.x1 < s.x0 || q.x0 > s.x0 + w || Math.abs(q.y - s.y) >= 14);
    const spot = spots.find(free) ?? spots[0];
    placed.push({ x0: spot.x0, x1: spot.x0 + w, y: spot.y });
    // a label moved off its point's line is tied to it by a leader
    if (spot.y !== cy - 6) body.push(svgLine(cx, cy, spot.anchor === "start" ? spot.x0 - 2 : spot.x0 + w + 2, spot.y - 4, COLOURS.rule, 'class="leader"'));
    body.push(svgText(spot.anchor === "start" ? spot.x0 : spot.x0 + w, spot.y, p.service, { size: 12, anchor: spot.anchor }));
  }
  body.push(svgText(width - right + 6, top + 12, "Limits around", { size: 12, fill: COLOURS.muted }), svgText(width - right + 6, top + 28, "the target:", { size: 12, fill: COLOURS.muted }));
  body.push(svgLine(width - right + 6, top + 44, width - right + 30, top + 44, COLOURS.control, 'stroke-dasharray="5 3"'), svgText(width - right + 34, top + 48, "95%", { size: 12 }));
  body.push(svgLine(width - right + 6, top + 62, width - right + 30, top + 62, COLOURS.control, 'stroke-dasharray="2 3"'), svgText(width - right + 34, top + 66, "99.8%", { size: 12 }));
  const outside = points.filter((p) => p.funnel !== "within 95%").map((p) => `${p.service} (${p.funnel})`);
  return svgDocument({
    id,
    width,
    height,
    title,
    description: `Funnel plot of the job outcome rates of ${points.length} service${points.length === 1 ? "" : "s"} against the ${m.target.label} rate of ${formatFixed(m.target.rate * 100, 0)}%, with 95% and 99.8% control limits (${m.method === "binomial" ? "exact binomial" : "normal approximation"}). ${outside.length ? `Outside the 95% limits: ${outside.join(", ")}.` : "Every service is within the 95% limits."}`,
    body,
  });
}
