import type { ResultsDocument, ResultRow } from "../analysis/results.js";
import type { Flow } from "../link/flow.js";
import { csvText } from "./csv.js";
import { headlineMarkdown, headlineTable } from "./headline.js";
import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { weightDiagnosticsMarkdown } from "./weights-report.js";

/**
 * Human-readable tables of a run: results.md (one table per population, every outcome and subgroup
 * level, then the flow) and results.csv (every field of every row).
 */
export function resultsCsv(results: ResultsDocument): string {
  const header = results.rows.length ? Object.keys(results.rows[0]) : [];
  return csvText(header, results.rows.map((r) => header.map((h) => r[h] ?? null)));
}

function fmt(x: unknown, decimals: number): string {
  if (x === null || x === undefined || (typeof x === "number" && Number.isNaN(x))) return "";
  if (typeof x !== "number") return String(x);
  return x.toFixed(decimals);
}

function pValue(p: unknown): string {
  if (typeof p !== "number" || Number.isNaN(p)) return "";
  return p < 0.001 ? "<0.001" : p.toFixed(3);
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map((_, j) => (j === 0 ? "---" : "---:")).join("|")}|`, ...rows.map((r) => `| ${r.map(escape).join(" | ")} |`)];
}

export function resultsMarkdown(results: ResultsDocument, flow: Flow, decimals = 2): string {
  const lines: string[] = [];
  const level = results.settings.levels.includes(0.95) ? 95 : Math.round(results.settings.levels[results.settings.levels.length - 1] * 100);
  lines.push(`# ${results.sap.title}`, "");
  lines.push(`Registration ${results.sap.registration.id}, SAP version ${results.sap.registration.sap_version} (${results.sap.registration.date}); SAP sha256 \`${results.sap.sha256.slice(0, 16)}…\`; trialstat ${results.trialstat_version}.`);
  lines.push(`Standard errors: ${results.settings.se_type}${results.settings.cluster ? `, clustered by ${results.settings.cluster}` : ""}. Stars: * p < 0.10, ** p < 0.05, *** p < 0.01.`, "");
  lines.push("## Headline: primary outcomes", "", headlineMarkdown(headlineTable(results)).trimEnd(), "");
  const populations = [...new Set(results.rows.map((r) => r.population as string))];
  for (const p of populations) {
    lines.push(`## ${p}`, "");
    const rows = results.rows.filter((r) => r.population === p);
    lines.push(
      ...table(
        ["outcome", "role", "subgroup", "effect", `${level}% CI`, "p", "p adj.", "control mean", "treated mean", "n (C/T)"],
        rows.map((r: ResultRow) => [
          String(r.outcome),
          String(r.role),
          r.subgroup === null ? "overall" : `${r.subgroup} = ${r.level}`,
          `${fmt(r.effect_size, decimals)} ${r.effect_unit}${r.stars ? ` ${r.stars}` : ""}`,
          `${fmt(r[`effect_conf_low_${level}`], decimals)} to ${fmt(r[`effect_conf_high_${level}`], decimals)}`,
          pValue(r.p_value),
          pValue(r.p_adjusted),
          fmt(r.control_mean, decimals + 1),
          fmt(r.treated_mean, decimals + 1),
          `${r.n_control}/${r.n_treated}`,
        ]),
      ),
      "",
    );
  }
  for (const [name, diagnostics] of Object.entries(results.weights)) {
    // the diagnostics report's own headings move down a level under this section's
    const body = weightDiagnosticsMarkdown(diagnostics as WeightDiagnostics)
      .replace(/^# .*\n\n/, "")
      .replace(/^(#+) /gm, "#$1 ");
    lines.push(`## Non-response weights: ${name}`, "", body.trimEnd(), "");
  }
  lines.push("## Flow", "");
  const arm = (b: { treated: number; control: number; total: number }) => [String(b.treated), String(b.control), String(b.total)];
  const flowRows: string[][] = [
    ["randomised", ...arm(flow.randomised)],
    ["erased (removed)", ...arm(flow.erased)],
    ["retained", ...arm(flow.retained)],
    ["withdrawn", ...arm(flow.withdrawn)],
  ];
  for (const [name, s] of Object.entries(flow.sources)) {
    flowRows.push([`${name}: linked`, ...arm(s.linked)]);
    if (s.wave) flowRows.push([`${name}: eligible`, ...arm(s.wave.eligible)], [`${name}: responded`, ...arm(s.wave.responded)]);
  }
  for (const o of flow.outcomes) flowRows.push([`${o.population} / ${o.outcome}: analysed`, ...arm(o.analysed)]);
  lines.push(...table(["", flow.arms.treated, flow.arms.control, "total"], flowRows), "");
  return `${lines.join("\n")}\n`;
}
