/**
 * Building blocks of the report's SVG pictures: a self-contained document (no fonts fetched, no
 * script, a system font stack, text at 12px or more), accessible (role="img", a <title> and a
 * <desc> tied to the root by aria-labelledby), and deterministic (coordinates rounded to 0.1px,
 * ids derived from the plot's name).
 */
import { visibleControls } from "./control-characters.js";
import { log10, pow } from "../stats/elementary-functions.js";

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const COLOURS = { treated: "#c05a00", control: "#1f5f99", ink: "#1a1a1a", muted: "#5c5c5c", rule: "#b8b8b8", fill: "#f3f6fa" } as const;

export function svgDocument(o: { id: string; width: number; height: number; title: string; description: string; body: string[] }): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${o.id}" class="plot" width="${px(o.width)}" height="${px(o.height)}" viewBox="0 0 ${px(o.width)} ${px(o.height)}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" font-family="${escapeXml(FONT)}" font-size="13">`,
    `<title id="${o.id}-title">${escapeXml(o.title)}</title>`,
    `<desc id="${o.id}-desc">${escapeXml(o.description)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...o.body,
    `</svg>`,
  ].join("\n");
}

/** The id of a picture from svgDocument: its root element's. */
export function svgId(svg: string): string {
  const id = /^<svg [^>]*?\bid="([^"]+)"/.exec(svg)?.[1];
  if (id === undefined) throw new Error("internal: svgId needs a picture from svgDocument");
  return id;
}

/** A picture from svgDocument with its id (and the ids of its title and description) changed. */
export function withSvgId(svg: string, id: string): string {
  const old = svgId(svg);
  if (old === id) return svg;
  const lines = svg.split("\n");
  // the id occurs only in the first three lines (svgDocument): the rest is body, left as drawn
  for (let k = 0; k < 3; k++) lines[k] = lines[k].split(`"${old}"`).join(`"${id}"`).split(`"${old}-title`).join(`"${id}-title`).split(`${old}-desc"`).join(`${id}-desc"`);
  return lines.join("\n");
}

/** A coordinate rounded to 0.1 (no trailing zeros, never −0). */
export function px(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

export function escapeXml(s: string): string {
  return visibleControls(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Text at (x, y); anchor start, middle or end. */
export function svgText(x: number, y: number, content: string, o: { anchor?: "start" | "middle" | "end"; size?: number; weight?: "bold"; fill?: string; cls?: string } = {}): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`];
  if (o.anchor && o.anchor !== "start") attrs.push(`text-anchor="${o.anchor}"`);
  if (o.size) attrs.push(`font-size="${o.size}"`);
  if (o.weight) attrs.push(`font-weight="${o.weight}"`);
  attrs.push(`fill="${o.fill ?? COLOURS.ink}"`);
  if (o.cls) attrs.push(`class="${o.cls}"`);
  return `<text ${attrs.join(" ")}>${escapeXml(content)}</text>`;
}

export function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string = COLOURS.ink, extra = ""): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="${stroke}"${extra ? ` ${extra}` : ""}/>`;
}

/** An estimate of a text's width in a sans-serif face (for layout only). */
export function textWidth(s: string, size = 13): number {
  let w = 0;
  for (const ch of s) w += /[il.,:;|' ]/.test(ch) ? 0.3 : /[mwMW@%]/.test(ch) ? 0.85 : /[A-Z]/.test(ch) ? 0.65 : 0.55;
  return w * size;
}

/** Round axis ticks covering [lo, hi]: steps of 1, 2 or 5 × 10ᵏ, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = pow(10, Math.floor(log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step);
  return ticks.map((t) => Number(t.toPrecision(12)));
}

/**
 * The axis of an effect plot: a range that covers the values and 0 (the line of no effect), padded
 * by `pad` of its width, widened to round ticks at its ends.
 *
 * @example
 * effectAxis([0.2, 0.5], 0.05, 5); // { lo: −0.025, hi: 0.525, ticks: [0, 0.2, 0.4] }
 */
export function effectAxis(values: readonly number[], pad: number, tickCount: number): { lo: number; hi: number; ticks: number[] } {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const margin = (hi - lo) * pad;
  const ticks = niceTicks(lo - margin, hi + margin, tickCount);
  return { lo: Math.min(lo - margin, ticks[0]), hi: Math.max(hi + margin, ticks[ticks.length - 1]), ticks };
}
