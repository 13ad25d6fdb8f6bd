import { formatCount } from "./decimals.js";
import { PART_TITLES } from "./report-section.js";
import { adjustmentNote, capitalise, varianceNote } from "./results-tables.js";
import { tableLevel } from "./table-level.js";
import type { ResultsDocument } from "../analysis/results.js";
import type { ReportContents } from "./report-contents.js";
import { escapeHtml, tableHtml } from "./table-formats.js";
import { levelLabel } from "../stats/confidence-level.js";

/**
 * report.html: one self-contained file — inline CSS and SVG, no script, nothing fetched — laid out
 * as a published impact report: the title, the SAP's identity and hash, the analysis (variance
 * estimator and df, confidence levels, stars, adjustment), the inputs' hashes and the deviations
 * and warnings the run recorded (or "none"); then every section of the report (report-contents.ts)
 * in its part — the one-page summary, the results, further analyses, the annex. Print CSS gives A4
 * pages, each part (and each long section) on a new page, table headers repeated across pages and
 * never left alone at the foot of one, figures never split, and no scrolling boxes. A picture's
 * title is printed once: by the picture, or under it when the picture draws none.
 */
export function htmlReport(results: ResultsDocument, contents: ReportContents): string {
  const sap = results.sap;
  const s = results.settings;
  const identity: [string, string][] = [
    ["Registration", sap.registration.id],
    ["SAP version", `${sap.registration.sap_version} (${sap.registration.date})`],
    ["SAP file", sap.file],
    ["SAP sha256", sap.sha256],
    ["trialstat", results.trialstat_version],
  ];
  const levels = s.levels.map(levelLabel).join(", ");
  // a single-arm evaluation fits no model: no variance estimator, stars or adjustment to state
  const analysis: [string, string][] = results.single_arm
    ? [["Confidence levels", levels]]
    : [
        ["Standard errors", varianceNote(results, results.rows)],
        ["Confidence levels", `${levels} (tables and figures show ${levelLabel(tableLevel(results))})`],
        ["Significance stars", contents.settings.stars.legend || "none"],
        ["Adjustment", capitalise(adjustmentNote(results, results.rows))],
      ];
  const inputs = results.inputs.map((i) => `<tr><th scope="row" class="l">${escapeHtml(i.source)}</th><td class="l">${escapeHtml(i.file)}</td><td class="r">${escapeHtml(formatCount(i.rows))}</td><td class="l hash">${escapeHtml(i.sha256)}</td></tr>`);
  const deviations = contents.deviations.length
    ? `<ul class="deviations">${contents.deviations.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>`
    : `<p class="none">None: the run followed the SAP and recorded no warnings.</p>`;
  const dl = (rows: [string, string][]) => `<dl>\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd${k.endsWith("sha256") ? ' class="hash"' : ""}>${escapeHtml(v)}</dd>`).join("\n")}\n</dl>`;
  let part: string | undefined;
  const sections = contents.sections.map((section) => {
    const firstOfPart = section.part !== part;
    part = section.part;
    const items = section.items.map((item) =>
      item.kind === "table"
        ? tableHtml(item.table)
        : `<figure class="plot" id="figure-${escapeHtml(item.id)}">\n${item.svg}${item.titleDrawn ? "" : `\n<figcaption>${escapeHtml(item.title)}</figcaption>`}\n</figure>`,
    );
    const classes = [firstOfPart || section.newPage ? "new-page" : "", section.part ? `part-${section.part}` : ""].filter(Boolean);
    const prefix = section.part === "further" || section.part === "annex" ? `<span class="part">${escapeHtml(PART_TITLES[section.part])}: </span>` : "";
    return [
      `<section id="${escapeHtml(section.id)}"${classes.length ? ` class="${classes.join(" ")}"` : ""}>`,
      `<h2>${prefix}${escapeHtml(section.title)}</h2>`,
      ...(section.intro ? [`<p>${escapeHtml(section.intro)}</p>`] : []),
      ...items,
      `</section>`,
    ].join("\n");
  });
  const toc = [
    `<li><a href="#deviations">Deviations from the SAP</a></li>`,
    ...contents.sections.map((x) => `<li><a href="#${escapeHtml(x.id)}">${x.part === "further" || x.part === "annex" ? `${escapeHtml(PART_TITLES[x.part])}: ` : ""}${escapeHtml(x.title)}</a></li>`),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trialstat ${escapeHtml(results.trialstat_version)}">
<title>${escapeHtml(sap.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<header id="identity">
<h1>${escapeHtml(sap.title)}</h1>
${dl(identity)}
<h2>Analysis</h2>
${dl(analysis)}
<figure class="table" id="table-inputs"><div class="scroll"><table>
<caption>Inputs</caption>
<thead><tr><th scope="col" class="l">Source</th><th scope="col" class="l">File</th><th scope="col" class="r">Rows</th><th scope="col" class="l">sha256</th></tr></thead>
<tbody>
${inputs.join("\n")}
</tbody></table></div></figure>
<section id="deviations">
<h2>Deviations from the SAP</h2>
${deviations}
</section>
</header>
<nav aria-label="Contents"><h2>Contents</h2><ol>${toc.join("")}</ol></nav>
<main>
${sections.join("\n")}
</main>
<footer><p>Written by trialstat ${escapeHtml(results.trialstat_version)} from the SAP with sha256 ${escapeHtml(sap.sha256)}. The same inputs give this file byte for byte.</p></footer>
</body>
</html>
`;
}

const CSS = `:root { color-scheme: light; --ink: #1a1a1a; --muted: #5c5c5c; --rule: #b8b8b8; --band: #f3f6fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 24px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.7em; margin: 0 0 0.4em; }
h2 { font-size: 1.3em; margin: 1.6em 0 0.6em; padding-bottom: 0.2em; border-bottom: 2px solid var(--ink); }
header h2 { font-size: 1.1em; border-bottom: 1px solid var(--rule); }
h2 .part { color: var(--muted); font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 1em; }
dt { font-weight: 600; }
dd { margin: 0; }
.hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
nav ol { columns: 2; padding-left: 1.4em; }
figure { margin: 1.2em 0 1.6em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; }
caption { text-align: left; font-weight: 700; padding: 0 0 6px; caption-side: top; }
th, td { padding: 3px 8px; vertical-align: top; }
thead th { border-bottom: 1px solid var(--ink); font-weight: 600; }
thead tr:first-child th { border-top: 2px solid var(--ink); }
thead th.span { text-align: center; border-bottom: 1px solid var(--rule); }
tbody tr:last-child th, tbody tr:last-child td { border-bottom: 2px solid var(--ink); }
th[scope="row"] { font-weight: normal; }
.l { text-align: left; }
.r { text-align: right; white-space: nowrap; }
tr.base th, tr.base td { border-top: 1px solid var(--ink); font-weight: 600; }
tr.section th { text-align: left; background: var(--band); font-weight: 600; padding-top: 6px; }
td.suppressed { color: var(--muted); }
.tone-good { background: #e3f2e6; } .tone-near { background: #fff1cc; } .tone-bad { background: #fbdedd; } .tone-missing { background: #eceef1; color: var(--muted); }
[class*="tone-"] { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
figcaption { color: var(--muted); font-size: 0.88em; margin-top: 4px; max-width: 70em; }
figcaption p.note { margin: 2px 0; }
figure.plot svg { display: block; max-width: 100%; height: auto; }
figure.plot figcaption { font-style: italic; }
.none { font-style: italic; }
footer { margin-top: 3em; color: var(--muted); font-size: 0.85em; border-top: 1px solid var(--rule); }
@page { size: A4; margin: 12mm 11mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  nav { display: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin: 0.8em 0 0.4em; }
  main > section.new-page { break-before: page; }
  h2, caption { break-after: avoid; }
  figure { margin: 0.6em 0 1em; }
  .scroll { overflow: visible; }
  table { font-size: 7pt; line-height: 1.2; }
  th, td { padding: 1px 3px; }
  /* row labels on one line (a wrapped label doubles its row's height), but for columns marked to
     wrap (a subgroup's name before its levels), kept narrow */
  tbody th.l, tbody td.l { white-space: nowrap; }
  tbody th.wrap, tbody td.wrap { white-space: normal; width: 7em; }
  tr.section th { padding-top: 3px; }
  thead th, thead th.r { white-space: normal; }
  thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
  caption { break-after: avoid; }
  /* a header never alone at the foot of a page: it keeps its first rows with it */
  tbody tr:nth-child(-n+3) { break-before: avoid; }
  /* nor a section's heading row without its first rows */
  tr.section { break-after: avoid; }
  tr.section + tr, tr.section + tr + tr { break-before: avoid; }
  tr, figure.plot, dl { break-inside: avoid; }
  /* a table shorter than a page is kept whole; a longer one flows on, its header repeated */
  figure.table { break-inside: avoid; }
  figure.table:has(tbody tr:nth-child(40)) { break-inside: auto; }
  figcaption { font-size: 7pt; }
  figure.plot svg { max-height: 24cm; }
  a { color: inherit; text-decoration: none; }
}`;
