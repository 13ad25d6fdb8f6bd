import { describe, expect, it } from "vitest";
import { runSap } from "../../../../test/sap/run-sap.js";
import { forestPanels } from "./forest-panels.js";
import { reportContents } from "./report-contents.js";
import { niceTicks, px } from "./svg.js";

/** Tags open and close in order (a small well-formedness check; the browser test renders them). */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === "/") continue;
    if (m[1] === "/") {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

describe("SVG pictures of a run", () => {
  const run = runSap("test/sap/mini/sap.yaml");
  const plots = reportContents(run)
    .sections.flatMap((s) => s.items)
    .flatMap((i) => (i.kind === "plot" ? [i] : []));

  it("draws the flow diagram, population and subgroup forest plots, and the weights' distribution", () => {
    const ids = plots.map((p) => p.id);
    expect(ids).toContain("flow-diagram");
    expect(ids).toContain("forest-primary");
    expect(ids).toContain("forest-scr-1");
    expect(ids).toContain("weights-nr12");
    // small multiples: at most five outcomes to a figure
    expect(ids.filter((i) => i.startsWith("forest-scr-"))).toHaveLength(Math.ceil(run.sap.outcomes.length / 5));
  });

  it.each(plots.map((p) => [p.id, p.svg]))("%s is self-contained, accessible, readable and well formed", (id, svg) => {
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" id="${id}"`)).toBe(true);
    expect(svg).toMatch(new RegExp(`role="img" aria-labelledby="${id}-title ${id}-desc"`));
    expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>\\n<desc id="${id}-desc">[^<]{20,}</desc>`));
    expect(svg).not.toMatch(/<script|javascript:|@import|url\(|<image|<foreignObject|href=/i);
    expect(svg.match(/http/g)).toHaveLength(1); // the namespace only
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    for (const m of svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(12);
    expect(balanced(svg)).toBe(true);
  });

  it("is deterministic", () => {
    const again = reportContents(runSap("test/sap/mini/sap.yaml"))
      .sections.flatMap((s) => s.items)
      .flatMap((i) => (i.kind === "plot" ? [i.svg] : []));
    expect(again).toEqual(plots.map((p) => p.svg));
  });

  it("marks the subgroup forest with each interaction p-value, and the suppressed flow counts", () => {
    const forest = plots.find((p) => p.id === "forest-scr-1")!.svg;
    expect(forest).toMatch(/>p = 0\.\d{3}</);
    const panels = Math.min(5, run.sap.outcomes.length);
    expect(forest.match(/class="estimate"/g)).toHaveLength(5 * panels); // each outcome: overall + 2 genders + 2 age bands
    expect(forest.match(/Effects by subgroup/g)).toHaveLength(2); // the title, drawn once (and in <title>)
    const flow = plots.find((p) => p.id === "flow-diagram")!.svg;
    expect(flow).toContain("n = 400");
    expect(flow).toContain("[c]"); // one erasure: fewer than 10
  });
});

describe("forest plot layout", () => {
  it("keeps the line of no effect in view and scales the interval", () => {
    const svg = forestPanels({
      id: "f",
      title: "T",
      description: "a forest plot for a test",
      rows: [{ label: "A", kind: "overall" }],
      panels: [{ title: "Earnings", axis: "GBP", values: [{ estimate: 5000, low: 2000, high: 9000 }] }, { title: "Employment", axis: "ppt", values: [{ estimate: 5, low: 2, high: 8 }] }],
    });
    expect(svg.match(/stroke-dasharray="4 3"/g)).toHaveLength(2); // each panel has its line of no effect
    expect(svg).toContain(">0</text>");
    expect(svg).toContain(">5,000</text>"); // each panel its own axis, thousands separated
    expect(svg).toContain(">5</text>");
    expect(niceTicks(-0.07, 0.52, 5)).toEqual([0, 0.2, 0.4]);
    expect(niceTicks(0, 20, 5)).toEqual([0, 5, 10, 15, 20]);
    expect(px(-0.04)).toBe("0");
  });
});
