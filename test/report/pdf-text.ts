/**
 * The text lines of each page of a PDF, top to bottom, read with pdf.js (Mozilla's PDF reader, the
 * `pdfjs-dist` dev dependency), so that a test can see where a printed page ends. A line is the text
 * items sharing a baseline, left to right: items that touch are joined as they are (a ligature such
 * as "ﬃ" is its own item, and is spelled out by NFKC: "efficacy"), items with a gap get one space.
 * Whitespace is collapsed, so lines compare with a DOM element's normalised textContent.
 *
 * pdf.js reads text only; rendering would need @napi-rs/canvas, which pnpm-workspace.yaml leaves
 * out. Ghostscript's txtwrite did the same job here at 0.2 s a page (7 s for the example's report);
 * pdf.js takes about 0.5 s for all of it, and needs nothing installed beside Node.
 *
 * @example
 * const pages = await pdfPageLines(readFileSync("report.pdf"));
 * pages[0].at(-1); // the last line of page 1
 */
export async function pdfPageLines(pdf: Uint8Array): Promise<string[][]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[][] = [];
    for (let k = 1; k <= doc.numPages; k++) {
      const content = await (await doc.getPage(k)).getTextContent();
      const byBaseline = new Map<number, { x: number; width: number; height: number; text: string }[]>();
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [, , , , x, y] = item.transform as number[];
        const baseline = Math.round(y);
        const line = byBaseline.get(baseline) ?? byBaseline.set(baseline, []).get(baseline)!;
        line.push({ x, width: item.width, height: item.height, text: item.str });
      }
      // PDF y runs upward: the top line has the largest baseline
      const baselines = [...byBaseline.keys()].sort((a, b) => b - a);
      pages.push(
        baselines.map((b) => {
          const items = byBaseline.get(b)!.sort((p, q) => p.x - q.x);
          let text = items[0].text;
          for (let j = 1; j < items.length; j++) {
            const gap = items[j].x - (items[j - 1].x + items[j - 1].width);
            text += (gap > 0.15 * Math.max(items[j].height, 1) ? " " : "") + items[j].text;
          }
          return text.normalize("NFKC").replace(/\s+/g, " ").trim();
        }),
      );
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsModule: Promise<Pdfjs> | undefined;

/**
 * pdf.js's Node build, loaded once. On loading it warns, on the console, that it cannot render
 * without @napi-rs/canvas (by design here): those lines are held back, so the test's output shows
 * only what the test says.
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsModule ??= (async () => {
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (!(typeof args[0] === "string" && args[0].startsWith("Warning: Cannot "))) log(...args);
    };
    try {
      return await import("pdfjs-dist/legacy/build/pdf.mjs");
    } finally {
      console.log = log;
    }
  })();
  return pdfjsModule;
}
